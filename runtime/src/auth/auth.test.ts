import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password.js'
import { SessionStore } from './sessions.js'
import { Auth } from './users.js'

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
    expect(await auth.login('op', 'nope')).toBeNull()
    expect(await auth.login('ghost', 'secret-pw')).toBeNull()
    const s = await auth.login('op', 'secret-pw')
    expect(s).toMatchObject({ user: 'op', role: 'operator' })
  })
})
