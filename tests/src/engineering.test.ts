/**
 * Engineering through the wire protocol against the real runtime and simulator: open and save the draft with
 * conflict detection, validate, publish (refused while invalid), deploy without a restart keeping FB state,
 * browse the plant, and monitor program pins online.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DraftFile, ServerMessage } from '@takt/blocks'
import { loadDemo, startStack, TANK_DEMO, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

describe('engineering: draft, publish, deploy', () => {
  let stack: Stack
  let dir: string
  let eng: TestClient
  let other: TestClient

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-draft-'))
    await cp(TANK_DEMO, join(dir, 'app'), { recursive: true })
    stack = await startStack({ compiled: await loadDemo(join(dir, 'app')), draftDir: join(dir, 'app'), dataDir: join(dir, 'data') })
    eng = await TestClient.connect(stack.url)
    await eng.login('engineer', USERS.engineer)
    other = await TestClient.connect(stack.url)
    await other.login('admin', USERS.admin)
  })
  afterAll(async () => {
    eng?.close()
    other?.close()
    await stack?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const draft = async (c: TestClient) => {
    const d = await c.request({ type: 'openDraft' })
    if (d.type !== 'draft') throw new Error(JSON.stringify(d))
    return new Map<string, DraftFile>(d.files.map((f) => [f.path, f]))
  }

  it('refuses engineering to operators', async () => {
    const op = await TestClient.connect(stack.url)
    await op.login('operator', USERS.operator)
    expect(await op.request({ type: 'openDraft' })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await op.request({ type: 'deploy', version: '1.0.0+1' })).toMatchObject({ code: 'E_FORBIDDEN' })
    op.close()
  })

  it('opens the draft and saves with conflict detection; another editor is told', async () => {
    const files = await draft(eng)
    expect([...files.keys()]).toContain('app.json')
    expect([...files.keys()]).toContain('screens/overview.json')
    const sp = files.get('tags/Control.json')!
    const doc = JSON.parse(sp.content) as { tags: { name: string; description?: unknown }[] }
    doc.tags[0]!.description = { en: 'Automatic level control', 'zh-CN': '液位自动控制' }
    const content = JSON.stringify(doc, null, 2) + '\n'
    const saved = await eng.request({ type: 'saveDraft', changes: [{ path: sp.path, content, baseHash: sp.hash }] })
    expect(saved).toMatchObject({ type: 'saved', files: [{ path: sp.path }] })
    expect(await readFile(join(dir, 'app', sp.path), 'utf8')).toBe(content)
    await other.until(() => other.unsolicited.some((m) => m.type === 'draftChanged'), 5000, 'draftChanged push')
    // A second editor still holding the old hash is refused, and told what is there now.
    const stale = await other.request({ type: 'saveDraft', changes: [{ path: sp.path, content: '{}', baseHash: sp.hash }] })
    expect(stale).toMatchObject({ type: 'error', code: 'E_CONFLICT' })
    expect((stale as ServerMessage & { detail: { conflicts: DraftFile[] } }).detail.conflicts[0]!.content).toBe(content)
    // Paths outside the APP's folders are refused.
    for (const path of ['../escape.json', 'tags/../../x.json', 'node_modules/x.json', 'tags/a b.json', '/etc/passwd']) {
      expect(await eng.request({ type: 'saveDraft', changes: [{ path, content: '{}', baseHash: null }] }), path).toMatchObject({ code: 'E_BAD_PATH' })
    }
  })

  it('refuses to publish an invalid draft with the list of problems, and the draft still saves', async () => {
    const files = await draft(eng)
    const scr = files.get('screens/overview.json')!
    const bad = JSON.parse(scr.content) as { widgets: { bindings?: Record<string, unknown> }[] }
    bad.widgets.find((w) => w.bindings)!.bindings = { value: { tag: 'Deleted/Tag' } }
    const saved = await eng.request({ type: 'saveDraft', changes: [{ path: scr.path, content: JSON.stringify(bad), baseHash: scr.hash }] })
    expect(saved.type).toBe('saved')
    const v = await eng.request({ type: 'validateDraft' })
    expect(v.type === 'diagnostics' && v.diagnostics.some((d) => d.code === 'E_REFERENCE' && d.file === 'screens/overview.json')).toBe(true)
    const p = await eng.request({ type: 'publish', note: 'broken' })
    expect(p).toMatchObject({ type: 'error', code: 'E_INVALID_APP' })
    expect((p as ServerMessage & { detail: { diagnostics: unknown[] } }).detail.diagnostics.length).toBeGreaterThan(0)
    const now = (await draft(eng)).get(scr.path)!
    expect(await eng.request({ type: 'saveDraft', changes: [{ path: scr.path, content: scr.content, baseHash: now.hash }] })).toMatchObject({ type: 'saved' })
  })

  it('publishes, deploys without a restart keeping PID state, and clients are told to reload', async () => {
    const files = await draft(eng)
    // Change the interlock program (a new block) but leave level_control as it is: its PID keeps its state.
    const il = files.get('programs/interlocks.fbd.json')!
    const prog = JSON.parse(il.content) as { blocks: Record<string, unknown>[]; wires: unknown[] }
    prog.blocks.push({ id: 'spare', type: 'NOT' })
    expect(await eng.request({ type: 'saveDraft', changes: [{ path: il.path, content: JSON.stringify(prog, null, 2), baseHash: il.hash }] })).toMatchObject({ type: 'saved' })
    const pub = await eng.request({ type: 'publish', note: 'spare block' })
    if (pub.type !== 'published') throw new Error(JSON.stringify(pub))
    expect(pub.version.version).toMatch(/^1\.0\.0\+1$/)
    const list = await eng.request({ type: 'listVersions' })
    expect(list).toMatchObject({ type: 'versions', deployed: null })

    const viewer = await TestClient.connect(stack.url)
    await viewer.login('operator', USERS.operator)
    await viewer.subscribe('s', ['Tank1/Level'])
    const dep = await eng.request({ type: 'deploy', version: pub.version.version })
    if (dep.type !== 'deployed') throw new Error(JSON.stringify(dep))
    expect(dep.kept).toContain('level_control/pid')
    expect(dep.reset).toContain('interlocks/spare')
    await viewer.until(() => viewer.unsolicited.some((m) => m.type === 'notice' && m.event === 'appChanged'), 5000, 'appChanged notice')
    // Resubscribing against the new engine works and delivers values at once.
    await viewer.subscribe('s', ['Tank1/Level'])
    const rows = viewer.updateRows
    await viewer.until(() => viewer.updateRows > rows, 10_000, 'values after deploy')
    expect(await eng.request({ type: 'listVersions' })).toMatchObject({ deployed: pub.version.version })
    expect(await eng.request({ type: 'deploy', version: '9.9.9+9' })).toMatchObject({ code: 'E_UNKNOWN_VERSION' })
    viewer.close()
  })

  it('browses the plant through the runtime and monitors program pins online', async () => {
    const b = await eng.request({ type: 'browse', connection: 'plant' })
    if (b.type !== 'browseResult') throw new Error(JSON.stringify(b))
    expect(b.nodes.map((n) => n.name)).toEqual(expect.arrayContaining(['Tank1', 'Pump1']))
    const tank = b.nodes.find((n) => n.name === 'Tank1')!
    const inner = await eng.request({ type: 'browse', connection: 'plant', address: tank.address })
    expect(inner.type === 'browseResult' && inner.nodes.some((n) => n.name === 'Level' && n.dataType === 'LREAL')).toBe(true)
    expect(await eng.request({ type: 'browse', connection: 'nope' })).toMatchObject({ code: 'E_REFERENCE' })

    const r = await eng.subscribe('logic:level_control', ['@program/level_control/pid.OUT', '@program/level_control/manual.OUT', '@program/level_control/nope.X'])
    expect(r).toMatchObject({ type: 'subscribed', unknown: ['@program/level_control/nope.X'] })
    await eng.until(() => typeof eng.value('@program/level_control/pid.OUT')?.value === 'number', 10_000, 'PID output pin')
    expect(eng.value('@program/level_control/manual.OUT')?.value).toBe(false)
  })
})
