/**
 * Typing bursts: keystrokes closer together than `gapMs` share one undo group, so undo takes back a burst of
 * typing rather than one character. The clock is a parameter for tests.
 */
export class Burst {
  private last = -Infinity
  private seq = 0

  constructor(private readonly prefix: string, private readonly gapMs = 1000, private readonly now: () => number = Date.now) {}

  /** The group key for an edit made now. */
  group(): string {
    const t = this.now()
    if (t - this.last > this.gapMs) this.seq++
    this.last = t
    return `${this.prefix}#${this.seq}`
  }

  /** End the current burst (blur, undo), so the next edit starts a new group. */
  cut(): void {
    this.last = -Infinity
  }
}
