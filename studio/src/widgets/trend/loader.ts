/**
 * Keeps a trend's history table matching its window: asks for history when the window needs data the table does not
 * have (or has too coarsely), debounced so a wheel zoom sends one query, and drops answers to superseded queries.
 * A permanent refusal (no historian, no permission, an older runtime) switches history off for this trend: it then
 * stays live-only and says so.
 */
import type { ErrorCode } from '@takt/blocks'
import { WireError } from '../../wire/errors'
import { historyTable } from './history'
import type { HistoryTable } from './history'
import type { HistorySource } from './source'
import { planQuery } from './window'

export type HistoryStatus = 'off' | 'idle' | 'loading' | 'ok' | 'error'

/** Codes after which asking again will not help. */
const PERMANENT: readonly string[] = ['E_HISTORY_UNAVAILABLE', 'E_FORBIDDEN', 'E_UNKNOWN_TYPE', 'E_BAD_MESSAGE', 'E_PASSWORD_CHANGE_REQUIRED']
/** After a passing failure (offline, timeout) wait this long before asking again. */
const RETRY_MS = 10_000

export interface LoaderOptions {
  debounceMs?: number
  now?: () => number
  /** The table or status changed: redraw. */
  onChange: () => void
}

interface Range { from: number; to: number; kind: 'raw' | 'buckets' }

export class HistoryLoader {
  table: HistoryTable | null = null
  status: HistoryStatus
  code: ErrorCode | null = null
  private seq = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private wanted: { from: number; to: number; width: number } | null = null
  private inflight: Range | null = null
  private failedAt = -Infinity
  private readonly debounceMs: number
  private readonly now: () => number

  constructor(private readonly source: HistorySource | null, private readonly paths: readonly string[], private readonly opts: LoaderOptions) {
    this.debounceMs = opts.debounceMs ?? 250
    this.now = opts.now ?? Date.now
    this.status = source && paths.length > 0 ? 'idle' : 'off'
  }

  /**
   * Called on every redraw with the window [from, to], the time of the oldest live row and the plot width. Asks for
   * history when the part of the window before the live rows is not covered, or is covered too coarsely.
   */
  ensure(from: number, to: number, liveStart: number, widthPx: number): void {
    if (this.status === 'off') return
    const needTo = Math.min(to, liveStart)
    const tol = Math.max(1000, (to - from) * 0.02)
    if (needTo - from <= tol) return
    if (this.covers(this.inflight, from, needTo, to - from, tol)) return
    if (this.timer === null && this.covers(this.table, from, needTo, to - from, tol)) return
    if (this.now() - this.failedAt < RETRY_MS) return
    const w = this.wanted
    if (this.timer !== null && w && Math.abs(w.to - w.from - (to - from)) <= tol && Math.abs(w.to - to) <= tol) {
      // The same window drifting with now (live redraws come faster than the debounce): keep the timer running.
      this.wanted = { from, to, width: widthPx }
      return
    }
    this.schedule(from, to, widthPx)
  }

  private covers(r: Range | null, from: number, to: number, span: number, tol: number): boolean {
    if (!r || r.from > from + tol || r.to < to - tol) return false
    // Zoomed in well below the buckets' resolution: ask again for finer buckets or raw samples.
    return !(r.kind === 'buckets' && r.to - r.from > span * 1.5)
  }

  private schedule(from: number, to: number, width: number): void {
    this.wanted = { from, to, width }
    this.seq++ // an answer to anything asked before is now stale
    this.inflight = null
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      const w = this.wanted
      if (w) void this.run(w.from, w.to, w.width, false)
    }, this.debounceMs)
  }

  private async run(from: number, to: number, width: number, forceBuckets: boolean): Promise<void> {
    const src = this.source
    if (!src) return
    const my = ++this.seq
    const q = planQuery(this.paths, from, to, width, forceBuckets)
    this.inflight = { from: q.from, to, kind: q.buckets === undefined ? 'raw' : 'buckets' }
    this.setStatus('loading')
    try {
      const r = await src.query(q)
      if (my !== this.seq) return
      const table = historyTable(r, this.paths)
      if (table.truncated && !forceBuckets) {
        await this.run(from, to, width, true)
        return
      }
      this.inflight = null
      this.table = table
      this.code = null
      this.setStatus('ok')
    } catch (e) {
      if (my !== this.seq) return
      this.inflight = null
      this.code = e instanceof WireError ? e.code : 'E_INTERNAL'
      this.failedAt = this.now()
      this.setStatus(PERMANENT.includes(this.code) ? 'off' : 'error')
    }
  }

  private setStatus(s: HistoryStatus): void {
    this.status = s
    this.opts.onChange()
  }

  dispose(): void {
    this.seq++
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}
