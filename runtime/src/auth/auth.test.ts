import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password.js'
import { SessionStore } from './sessions.js'
import { Auth } from './users.js'
import { Lockout } from './lockout.js'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const FAST = { N: 1024, r: 8, p: 1 }

describe('passwords', () => {
  it('hash with scrypt and verify; malformed hashes never match', async () => {
    const h = await hashPassword('correct horse', FAST)
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword('correct horse', h)).toBe(true)
    expect(await verifyPassword('wrong', h)).toBe(false)
    for (const bad of ['', 'scrypt$', 'scrypt$0$8$1$AA==$AA==', 'bcrypt$x', 'scrypt$99999999$8$1$AA==$AA==']) expect(await verifyPassword('x', bad)).toBe(false)
  })
})

describe('sessions', () => {
  it('expire, can be revoked, and are bounded in number', () => {
    let now = 0
    const s = new SessionStore({ ttlMs: 1000, maxSessions: 2, now: () => now })
    const a = s.create('a', 'operator')
    expect(s.get(a.token)?.user).toBe('a')
    now = 1001
    expect(s.get(a.token)).toBeUndefined()
    const b = s.create('b', 'viewer')
    s.create('c', 'viewer')
    s.create('d', 'viewer')
    expect(s.size).toBe(2)
    expect(s.get(b.token)).toBeUndefined()
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('logs in only with the right password', async () => {
    const auth = new Auth([{ name: 'op', role: 'operator', passwordHash: await hashPassword('secret-pw', FAST) }], 60_000)
    expect(await auth.login('op', 'nope', 'r')).toEqual({ ok: false, code: 'E_AUTH_FAILED' })
    expect(await auth.login('ghost', 'secret-pw', 'r')).toEqual({ ok: false, code: 'E_AUTH_FAILED' })
    const s = await auth.login('op', 'secret-pw', 'r')
    expect(s).toMatchObject({ ok: true, session: { user: 'op', role: 'operator' }, mustChangePassword: false })
  })
})

describe('lockout', () => {
  it('locks a user after repeated failures, even for the right password, until the lock expires', async () => {
    let now = 0
    const auth = new Auth([{ name: 'op', role: 'operator', passwordHash: await hashPassword('secret-pw', FAST) }], 60_000, null, new Lockout({ maxFailures: 3, lockMs: 1000, now: () => now }))
    for (let i = 0; i < 2; i++) expect(await auth.login('op', 'bad', `r${i}`)).toMatchObject({ code: 'E_AUTH_FAILED' })
    expect(await auth.login('op', 'bad', 'r9')).toMatchObject({ code: 'E_LOCKED_OUT', retryAfterMs: 1000 })
    expect(await auth.login('op', 'secret-pw', 'r9')).toMatchObject({ code: 'E_LOCKED_OUT' })
    now = 1001
    expect(await auth.login('op', 'secret-pw', 'r9')).toMatchObject({ ok: true })
  })

  it('is bounded in the keys it remembers', () => {
    const l = new Lockout({ maxKeys: 10 })
    for (let i = 0; i < 100; i++) l.fail(`k${i}`)
    expect((l as unknown as { entries: Map<string, unknown> }).entries.size).toBe(10)
  })
})

describe('user management', () => {
  it('creates the first admin with a one-time password that must be changed, and persists users', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takt-users-'))
    const file = join(dir, 'users.json')
    const auth = new Auth([], 60_000, file)
    await auth.ensureAdmin()
    expect(auth.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/)
    const first = await auth.login('admin', auth.oneTimePassword!, 'r')
    expect(first).toMatchObject({ ok: true, mustChangePassword: true })
    await expect(auth.changePassword('admin', 'wrong', 'new-password-1')).rejects.toMatchObject({ code: 'E_AUTH_FAILED' })
    await expect(auth.changePassword('admin', auth.oneTimePassword!, 'short')).rejects.toMatchObject({ code: 'E_WEAK_PASSWORD' })
    await auth.changePassword('admin', auth.oneTimePassword!, 'new-password-1')
    expect(auth.mustChangePassword('admin')).toBe(false)
    await auth.save('op', 'operator', 'operator-pw', 'Operator One')
    await expect(auth.save('admin', 'operator', undefined, undefined)).rejects.toMatchObject({ code: 'E_FORBIDDEN' })
    expect(() => auth.delete('admin')).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }))
    // A second runtime start reads the same users (and creates no new admin).
    const again = new Auth([], 60_000, file)
    await again.ensureAdmin()
    expect(again.oneTimePassword).toBeUndefined()
    expect(again.list().map((u) => u.name).sort()).toEqual(['admin', 'op'])
    expect(await again.login('admin', 'new-password-1', 'r')).toMatchObject({ ok: true })
    const s = await again.login('op', 'operator-pw', 'r')
    if (!s.ok) throw new Error('login failed')
    // Changing a role ends that user's sessions.
    await again.save('op', 'viewer', undefined, undefined)
    expect(again.sessions.get(s.session.token)).toBeUndefined()
    await rm(dir, { recursive: true, force: true })
  })
})
