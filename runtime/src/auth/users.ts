/** The user directory of a site, and login (password check + session creation). */
import type { Role } from '@takt/blocks'
import type { SiteUser } from '../site/site.js'
import { verifyPassword } from './password.js'
import { SessionStore, type Session } from './sessions.js'

// A fixed dummy hash so that an unknown user costs the same time as a wrong password (no user enumeration).
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

export class Auth {
  private readonly users = new Map<string, SiteUser>()
  readonly sessions: SessionStore

  constructor(users: SiteUser[], ttlMs: number) {
    for (const u of users) this.users.set(u.name, u)
    this.sessions = new SessionStore({ ttlMs })
  }

  async login(name: string, password: string): Promise<Session | null> {
    const u = this.users.get(name)
    const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY)
    if (!u || !ok) return null
    return this.sessions.create(u.name, u.role)
  }

  roleOf(name: string): Role | undefined {
    return this.users.get(name)?.role
  }

  get userCount(): number {
    return this.users.size
  }
}
