/**
 * Security over the wire: login brute force is locked out, user management is admin-only and audited, critical
 * writes need a reason, and every login, write and deploy lands in the append-only audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'
import type { AuditRow, ServerMessage } from '@takt/blocks'

describe('security', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack?.stop()
  })

  const entries = (m: ServerMessage): AuditRow[] => (m.type === 'audit' ? m.entries : [])

  it('locks an account after repeated failed logins, with the right password refused too', async () => {
    const c = await TestClient.connect(stack.url)
    for (let i = 0; i < 4; i++) expect(await c.login('engineer', `guess-${i}`)).toMatchObject({ code: 'E_AUTH_FAILED' })
    const locked = await c.login('engineer', 'guess-5')
    expect(locked).toMatchObject({ code: 'E_LOCKED_OUT' })
    expect((locked as ServerMessage & { detail: { retryAfterMs: number } }).detail.retryAfterMs).toBeGreaterThan(0)
    expect(await c.login('engineer', USERS.engineer)).toMatchObject({ code: 'E_LOCKED_OUT' })
    // Other accounts on the same panel still log in.
    expect(await c.login('admin', USERS.admin)).toMatchObject({ type: 'session' })
    const audit = entries(await c.request({ type: 'queryAudit', action: 'login', user: 'engineer' }))
    expect(audit.filter((e) => !e.ok).length).toBeGreaterThanOrEqual(5)
    expect(audit.some((e) => e.code === 'E_LOCKED_OUT')).toBe(true)
    c.close()
  })

  it('lets only admins manage users; a reset password must be changed at the next login', async () => {
    const op = await TestClient.connect(stack.url)
    await op.login('operator', USERS.operator)
    expect(await op.request({ type: 'listUsers' })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await op.request({ type: 'saveUser', user: 'x', role: 'admin', password: 'xxxxxxxxxx' })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await op.request({ type: 'queryAudit' })).toMatchObject({ code: 'E_FORBIDDEN' })
    const admin = await TestClient.connect(stack.url)
    await admin.login('admin', USERS.admin)
    expect(await admin.request({ type: 'saveUser', user: 'shift2', role: 'operator', password: 'short' })).toMatchObject({ code: 'E_WEAK_PASSWORD' })
    expect(await admin.request({ type: 'saveUser', user: 'shift2', role: 'operator', password: 'shift2-initial' })).toMatchObject({ type: 'ok' })
    const list = await admin.request({ type: 'listUsers' })
    expect(list.type === 'users' && list.users.some((u) => u.name === 'shift2' && u.role === 'operator')).toBe(true)
    // Reset by an admin: the user must set a new password before anything else.
    expect(await admin.request({ type: 'saveUser', user: 'shift2', role: 'operator', password: 'shift2-reset-pw' })).toMatchObject({ type: 'ok' })
    const s2 = await TestClient.connect(stack.url)
    expect(await s2.login('shift2', 'shift2-reset-pw')).toMatchObject({ type: 'session', mustChangePassword: true })
    expect(await s2.request({ type: 'getApp' })).toMatchObject({ code: 'E_PASSWORD_CHANGE_REQUIRED' })
    expect(await s2.request({ type: 'changePassword', oldPassword: 'shift2-reset-pw', newPassword: 'my-own-password' })).toMatchObject({ type: 'ok' })
    expect(await s2.request({ type: 'getApp' })).toMatchObject({ type: 'app' })
    expect(await admin.request({ type: 'deleteUser', user: 'shift2' })).toMatchObject({ type: 'ok' })
    const audit = entries(await admin.request({ type: 'queryAudit', target: 'shift2' }))
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['createUser', 'changeUser', 'deleteUser', 'changePassword']))
    op.close()
    admin.close()
    s2.close()
  })

  it('audits writes with old and new value', async () => {
    const op = await TestClient.connect(stack.url)
    await op.login('operator', USERS.operator)
    expect(await op.request({ type: 'write', tag: 'Tank1/LevelSP', value: 3.1 })).toMatchObject({ type: 'ok' })
    expect(await op.request({ type: 'write', tag: 'Tank1/LevelSP', value: 99 })).toMatchObject({ code: 'E_OUT_OF_RANGE' })
    const eng = await TestClient.connect(stack.url)
    await eng.login('admin', USERS.admin)
    const audit = entries(await eng.request({ type: 'queryAudit', action: 'write', target: 'Tank1/LevelSP', limit: 2 }))
    expect(audit[0]).toMatchObject({ user: 'operator', new: 99, ok: false, code: 'E_OUT_OF_RANGE' })
    expect(audit[1]).toMatchObject({ user: 'operator', old: 2.5, new: 3.1, ok: true })
    op.close()
    eng.close()
  })
})

describe('HTTPS and WSS', () => {
  it('serves the HMI and the WebSocket over TLS with the configured certificate', async () => {
    const { execFileSync } = await import('node:child_process')
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { readFileSync } = await import('node:fs')
    const dir = await mkdtemp(join(tmpdir(), 'takt-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {
      stdio: 'pipe',
      // node-opcua's PKI leaves OPENSSL_CONF="undefined" in this process's environment; openssl must not inherit it.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'OPENSSL_CONF')),
    })
    const stack = await startStack({ tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } })
    try {
      expect(stack.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/)
      const { request } = await import('node:https')
      const status = await new Promise<number>((resolve, reject) => {
        request(`${stack.url}api/health`, { ca: readFileSync(join(dir, 'cert.pem')) }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }).on('error', reject).end()
      })
      expect(status).toBe(200)
      const c = await TestClient.connect(stack.url, { ca: join(dir, 'cert.pem') })
      expect(await c.login('operator', USERS.operator)).toMatchObject({ type: 'session' })
      c.close()
    } finally {
      await stack.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
