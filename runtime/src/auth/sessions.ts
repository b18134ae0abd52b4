/** Session tokens: random, opaque, expiring; bounded in number (oldest evicted first). */
import { randomBytes } from 'node:crypto'
import type { Role } from '@takt/blocks'

export interface Session { token: string; user: string; role: Role; expiresAt: number }

export interface SessionStoreOptions { ttlMs: number; maxSessions?: number; now?: () => number }

export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private readonly ttlMs: number
  private readonly max: number
  private readonly now: () => number

  constructor(opts: SessionStoreOptions) {
    this.ttlMs = opts.ttlMs
    this.max = opts.maxSessions ?? 10_000
    this.now = opts.now ?? Date.now
  }

  create(user: string, role: Role): Session {
    this.purge()
    if (this.sessions.size >= this.max) {
      // Map keeps insertion order: the first key is the oldest session.
      const oldest = this.sessions.keys().next().value
      if (oldest !== undefined) this.sessions.delete(oldest)
    }
    const s: Session = { token: randomBytes(32).toString('base64url'), user, role, expiresAt: this.now() + this.ttlMs }
    this.sessions.set(s.token, s)
    return s
  }

  /** The live session for a token, or undefined when unknown or expired. */
  get(token: string): Session | undefined {
    const s = this.sessions.get(token)
    if (!s) return undefined
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(token)
      return undefined
    }
    return s
  }

  revoke(token: string): void {
    this.sessions.delete(token)
  }

  /** Drop every session of a user (user removed or role changed). */
  revokeUser(user: string): void {
    for (const [t, s] of this.sessions) if (s.user === user) this.sessions.delete(t)
  }

  get size(): number {
    return this.sessions.size
  }

  private purge(): void {
    const now = this.now()
    for (const [t, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(t)
  }
}
