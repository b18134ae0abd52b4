/**
 * Hostile input: thousands of mutated protocol messages and APP files. Nothing crashes or hangs, every message is
 * answered (by id, or as an error with id null) with a result or a stable code, and the session works afterwards.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorMessages, loadApp, memorySource, type ServerMessage } from '@takt/blocks'
import { startStack, TANK_DEMO, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'
import { damageText, mutate, pick, rng } from './helpers/fuzz.js'

const CODES = new Set(Object.keys(ErrorMessages))

describe('fuzz: WebSocket protocol', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ limits: { maxMessagesPerSecond: 1_000_000, maxMessageBytes: 64 * 1024 } })
  })
  afterAll(async () => {
    await stack?.stop()
  })

  it('answers 3,000 mutated messages, each with a reply or a coded error, and keeps the session', async () => {
    const c = await TestClient.connect(stack.url)
    await c.login('operator', USERS.operator)
    const seeds: Record<string, unknown>[] = [
      { type: 'subscribe', sub: 's', tags: ['Tank1/Level', 'Tank1/LevelSP'] }, { type: 'unsubscribe', sub: 's' },
      { type: 'write', tag: 'Tank1/LevelSP', value: 2.5 }, { type: 'write', tag: 'Pump1/RunCmd', value: false, confirmed: true },
      { type: 'getApp' }, { type: 'ping' }, { type: 'hello', protocol: 1 }, { type: 'resume', token: 'x' },
      { type: 'saveDraft', changes: [{ path: 'tags/x.json', content: '{}', baseHash: null }] }, { type: 'queryAudit', limit: 5 },
      { type: 'browse', connection: 'plant' }, { type: 'changePassword', oldPassword: 'a', newPassword: 'b' },
    ]
    const r = rng(20261121)
    let answered = 0
    let coded = 0
    // Every message gets a unique numeric id or none; an id-less one is answered with id null.
    for (let i = 0; i < 3000; i++) {
      const base = { ...pick(r, seeds), id: 100_000 + i }
      const m = mutate(r, base) as Record<string, unknown>
      let text = JSON.stringify(m) ?? 'null'
      if (r() < 0.2) text = damageText(r, text)
      let id: number | null = null
      try {
        const parsed = JSON.parse(text) as Record<string, unknown>
        if (parsed && typeof parsed === 'object' && typeof parsed.id === 'number' && Number.isSafeInteger(parsed.id)) id = parsed.id
      } catch {
        id = null
      }
      // Logging out or resuming a foreign token would end this session: the fuzz keeps its login.
      if (typeof m === 'object' && m && (m.type === 'logout' || m.type === 'login')) continue
      const reply = await c.raw(text, id, 10_000)
      answered++
      if (reply.type === 'error') {
        expect(CODES.has(reply.code), `${reply.code} for ${text.slice(0, 120)}`).toBe(true)
        coded++
      }
      if (reply.type === 'session') continue
      // If the mutation logged us out (resume with a bogus token does not), log in again.
      if (reply.type === 'error' && reply.code === 'E_AUTH_REQUIRED') await c.login('operator', USERS.operator)
    }
    expect(answered).toBeGreaterThan(2500)
    expect(coded).toBeGreaterThan(500)
    // Still alive and serving.
    expect(await c.request({ type: 'ping' })).toMatchObject({ type: 'ok' })
    const sub: ServerMessage = await c.subscribe('after', ['Tank1/Level'])
    expect(sub.type).toBe('subscribed')
    expect(stack.runtime.health().ok).toBe(true)
    c.close()
  })
})

describe('fuzz: APP loader', () => {
  it('refuses 2,000 mutated APPs with coded diagnostics, never throwing or hanging', async () => {
    const files: Record<string, string> = {}
    const walk = async (dir: string, prefix: string) => {
      for (const e of await readdir(join(TANK_DEMO, dir), { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${e.name}` : e.name
        if (e.isDirectory()) await walk(join(dir, e.name), rel)
        else if (e.name.endsWith('.json') && e.name !== 'site.example.json') files[rel] = await readFile(join(TANK_DEMO, dir, e.name), 'utf8')
      }
    }
    await walk('', '')
    const paths = Object.keys(files)
    const r = rng(7)
    let refused = 0
    for (let i = 0; i < 2000; i++) {
      const target = pick(r, paths)
      const copy = { ...files }
      copy[target] = r() < 0.3 ? damageText(r, files[target]!) : JSON.stringify(mutate(r, JSON.parse(files[target]!)))
      const res = await loadApp(memorySource(copy))
      for (const d of res.diagnostics) expect(CODES.has(d.code), `${d.code} in ${target}`).toBe(true)
      if (!res.app) {
        refused++
        expect(res.diagnostics.some((d) => d.severity === 'error' && d.file !== undefined)).toBe(true)
      }
    }
    expect(refused).toBeGreaterThan(1000)
  })
})
