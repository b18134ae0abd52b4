/**
 * Retention by age and by size, oldest first, in small steps (short `DELETE ... LIMIT` statements per tag, each its own
 * transaction) so that it never holds the event loop or the file for long. A run: drop everything older than maxAgeDays,
 * then, while the file uses more than maxSizeMb, drop the oldest slice of time (5% of the span, at least an hour).
 */
import type { Store } from './store.js'

export interface RetentionOptions {
  /** Keep history this many days (default 365). */
  maxAgeDays?: number
  /** Keep the file below this size in MiB (default 10,240). */
  maxSizeMb?: number
}

const DAY = 86_400_000
const HOUR = 3_600_000
const MAX_SIZE_PASSES = 100

export class RetentionRun {
  deleted = 0
  private ids: number[] = []
  private cursor = 0
  private cutoff = -Infinity
  private phase: 'age' | 'size' | 'vacuum' | 'done' = 'age'
  private sizePasses = 0
  private readonly maxBytes: number

  constructor(private readonly store: Store, opts: RetentionOptions, private readonly now: number) {
    this.maxBytes = (opts.maxSizeMb ?? 10_240) * 1024 * 1024
    this.cutoff = now - (opts.maxAgeDays ?? 365) * DAY
    this.ids = store.tagIds()
  }

  get done(): boolean {
    return this.phase === 'done'
  }

  /** Delete up to `budget` rows (or vacuum a little); returns true when the run is complete. */
  step(budget: number): boolean {
    if (this.phase === 'age' || this.phase === 'size') {
      let used = 0
      while (this.cursor < this.ids.length && used < budget) {
        const want = budget - used
        const n = this.store.deleteOlder(this.ids[this.cursor]!, this.cutoff, want)
        used += n
        this.deleted += n
        if (n < want) this.cursor++
      }
      if (this.cursor >= this.ids.length) this.nextPass()
    } else if (this.phase === 'vacuum') {
      if ((this.store.db.pragma('freelist_count', { simple: true }) as number) > 0 && this.store.fileBytes() > this.maxBytes) this.store.vacuumStep(1024)
      else this.phase = 'done'
    }
    return this.done
  }

  private nextPass(): void {
    this.cursor = 0
    if (this.store.usedBytes() > this.maxBytes && this.sizePasses < MAX_SIZE_PASSES) {
      const oldest = this.store.oldest()
      if (oldest !== null) {
        this.sizePasses++
        this.phase = 'size'
        this.cutoff = Math.max(this.cutoff, oldest + Math.max(HOUR, (this.now - oldest) / 20))
        this.ids = this.store.tagIds()
        return
      }
    }
    this.phase = 'vacuum'
  }
}
