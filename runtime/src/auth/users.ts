/**
 * Users of a site and login. The site file seeds them; once an admin changes users from the studio they live in
 * `<dataDir>/users.json` (written atomically). A site with no users at all gets an `admin` with a random one-time
 * password, printed once at start; that account must set a new password before anything else.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { TaktError, type Role } from '@takt/blocks'
import { SiteUser } from '../site/site.js'
import { hashPassword, verifyPassword } from './password.js'
import { SessionStore, type Session } from './sessions.js'
import { Lockout } from './lockout.js'

// A fixed dummy hash so that an unknown user costs the same time as a wrong password (no user enumeration).
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

const StoredUser = SiteUser.extend({ mustChangePassword: z.boolean().optional() })
type StoredUser = z.infer<typeof StoredUser>
const UsersFile = z.object({ format: z.literal(1), users: z.array(StoredUser).max(10_000) }).strict()

export interface UserInfo { name: string; role: Role; displayName?: string; mustChangePassword?: boolean }
export type LoginOutcome = { ok: true; session: Session; mustChangePassword: boolean } | { ok: false; code: 'E_AUTH_FAILED' | 'E_LOCKED_OUT'; retryAfterMs?: number }

export const MIN_PASSWORD = 8

export class Auth {
  private readonly users = new Map<string, StoredUser>()
  readonly sessions: SessionStore
  /** Per user name: a few failures lock that account for a while. */
  readonly lockout: Lockout
  /** Per remote address, with a higher threshold: stops one client from spraying many user names. */
  readonly remoteLockout: Lockout
  /** Set when this start created the first admin: print it once. */
  oneTimePassword: string | undefined

  constructor(siteUsers: SiteUser[], ttlMs: number, private readonly file: string | null = null, lockout = new Lockout(), remoteLockout = new Lockout({ maxFailures: 20 })) {
    this.sessions = new SessionStore({ ttlMs })
    this.lockout = lockout
    this.remoteLockout = remoteLockout
    const stored = file ? readUsersFile(file) : null
    for (const u of stored ?? siteUsers) this.users.set(u.name, u)
  }

  /** Create the first admin when there is no user at all (call once at start). */
  async ensureAdmin(): Promise<void> {
    if (this.users.size > 0) return
    const password = randomBytes(12).toString('base64url')
    this.users.set('admin', { name: 'admin', role: 'admin', passwordHash: await hashPassword(password), mustChangePassword: true })
    this.persist()
    this.oneTimePassword = password
  }

  async login(name: string, password: string, remote: string): Promise<LoginOutcome> {
    const waitFor = () => Math.max(this.lockout.lockedFor(name), this.remoteLockout.lockedFor(remote))
    if (waitFor() > 0) return { ok: false, code: 'E_LOCKED_OUT', retryAfterMs: waitFor() }
    const u = this.users.get(name)
    const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY)
    if (!u || !ok) {
      const lockedUser = this.lockout.fail(name)
      const lockedRemote = this.remoteLockout.fail(remote)
      return lockedUser || lockedRemote ? { ok: false, code: 'E_LOCKED_OUT', retryAfterMs: waitFor() } : { ok: false, code: 'E_AUTH_FAILED' }
    }
    this.lockout.succeed(name)
    return { ok: true, session: this.sessions.create(u.name, u.role), mustChangePassword: u.mustChangePassword === true }
  }

  mustChangePassword(name: string): boolean {
    return this.users.get(name)?.mustChangePassword === true
  }

  async changePassword(name: string, oldPassword: string, newPassword: string): Promise<void> {
    const u = this.users.get(name)
    if (!u || !(await verifyPassword(oldPassword, u.passwordHash))) throw new TaktError('E_AUTH_FAILED', 'the current password is wrong')
    checkPassword(newPassword)
    this.users.set(name, { ...u, passwordHash: await hashPassword(newPassword), mustChangePassword: false })
    this.persist()
  }

  list(): UserInfo[] {
    return [...this.users.values()].map((u) => ({ name: u.name, role: u.role, ...(u.displayName ? { displayName: u.displayName } : {}), ...(u.mustChangePassword ? { mustChangePassword: true } : {}) }))
  }

  /** Create or change a user (admin). A new user needs a password; a changed role or password ends their sessions. */
  async save(name: string, role: Role, password: string | undefined, displayName: string | undefined): Promise<{ created: boolean; old?: UserInfo }> {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new TaktError('E_BAD_MESSAGE', 'a user name is 1-64 letters, digits, _ . -')
    const old = this.users.get(name)
    if (!old && password === undefined) throw new TaktError('E_BAD_MESSAGE', 'a new user needs a password')
    if (password !== undefined) checkPassword(password)
    if (old && old.role === 'admin' && role !== 'admin' && this.adminCount() === 1) throw new TaktError('E_FORBIDDEN', 'the last admin cannot lose the admin role')
    const passwordHash = password !== undefined ? await hashPassword(password) : old!.passwordHash
    this.users.set(name, { name, role, passwordHash, ...(displayName ? { displayName } : {}), ...(password !== undefined && old ? { mustChangePassword: true } : {}) })
    if (old && (old.role !== role || password !== undefined)) this.sessions.revokeUser(name)
    this.persist()
    return { created: !old, ...(old ? { old: { name: old.name, role: old.role } } : {}) }
  }

  delete(name: string): void {
    const u = this.users.get(name)
    if (!u) throw new TaktError('E_BAD_MESSAGE', `no user ${name}`)
    if (u.role === 'admin' && this.adminCount() === 1) throw new TaktError('E_FORBIDDEN', 'the last admin cannot be deleted')
    this.users.delete(name)
    this.sessions.revokeUser(name)
    this.persist()
  }

  roleOf(name: string): Role | undefined {
    return this.users.get(name)?.role
  }

  get userCount(): number {
    return this.users.size
  }

  private adminCount(): number {
    return [...this.users.values()].filter((u) => u.role === 'admin').length
  }

  private persist(): void {
    if (!this.file) return
    mkdirSync(join(this.file, '..'), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify({ format: 1, users: [...this.users.values()] }, null, 2) + '\n', { mode: 0o600 })
    renameSync(tmp, this.file)
  }
}

function checkPassword(pw: string): void {
  if (pw.length < MIN_PASSWORD || pw.length > 1024) throw new TaktError('E_WEAK_PASSWORD', `a password has ${MIN_PASSWORD} to 1024 characters`)
}

function readUsersFile(file: string): StoredUser[] | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new TaktError('E_SITE', `${file}: cannot read (${(e as Error).message})`)
  }
  const r = UsersFile.safeParse(JSON.parse(text))
  if (!r.success) throw new TaktError('E_SITE', `${file}: ${r.error.issues[0]?.message ?? 'invalid'}`)
  return r.data.users
}
