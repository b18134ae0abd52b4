/**
 * Lockout after repeated failed logins, per user name and per remote address: `maxFailures` within `windowMs`
 * locks that key for `lockMs`. Bounded: at most `maxKeys` keys are tracked (oldest forgotten first).
 */
export interface LockoutOptions { maxFailures?: number; windowMs?: number; lockMs?: number; maxKeys?: number; now?: () => number }

interface Entry { failures: number[]; lockedUntil: number }

export class Lockout {
  private readonly entries = new Map<string, Entry>()
  private readonly maxFailures: number
  private readonly windowMs: number
  private readonly lockMs: number
  private readonly maxKeys: number
  private readonly now: () => number

  constructor(o: LockoutOptions = {}) {
    this.maxFailures = o.maxFailures ?? 5
    this.windowMs = o.windowMs ?? 10 * 60_000
    this.lockMs = o.lockMs ?? 10 * 60_000
    this.maxKeys = o.maxKeys ?? 10_000
    this.now = o.now ?? Date.now
  }

  /** Milliseconds until the key may try again; 0 when it may try now. */
  lockedFor(key: string): number {
    const e = this.entries.get(key)
    return e ? Math.max(0, e.lockedUntil - this.now()) : 0
  }

  /** Record a failure; returns true when this failure locked the key. */
  fail(key: string): boolean {
    const now = this.now()
    let e = this.entries.get(key)
    if (!e) {
      if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!)
      e = { failures: [], lockedUntil: 0 }
      this.entries.set(key, e)
    }
    e.failures = e.failures.filter((t) => now - t < this.windowMs)
    e.failures.push(now)
    if (e.failures.length >= this.maxFailures) {
      e.lockedUntil = now + this.lockMs
      e.failures = []
      return true
    }
    return false
  }

  succeed(key: string): void {
    this.entries.delete(key)
  }
}
