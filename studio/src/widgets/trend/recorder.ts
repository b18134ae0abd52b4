/**
 * Records live pen values into a TrendBuffer: a row on each update (coalesced to at most one per
 * `minIntervalMs`, sample-and-hold for the other pens) plus a hold row every second so flat lines reach "now".
 */
import { qualityOf } from '@takt/blocks'
import type { TagValue } from '@takt/blocks'
import type { LiveSource } from '../../live/values'
import { TrendBuffer } from './ring'

/** Upper bound on rows per trend, whatever the window; sets the sampling interval for long windows. */
export const MAX_ROWS = 4000
const HOLD_MS = 1000

export interface RecorderOptions {
  windowMs: number
  now?: () => number
  /** Called after rows were added (the component schedules a redraw). */
  onData: () => void
}

/** A pen's plotted number: booleans as 0/1, bad quality or non-numbers as a gap. */
export function penValue(v: TagValue): number | null {
  if (qualityOf(v.status) === 'bad') return null
  if (typeof v.value === 'number') return Number.isFinite(v.value) ? v.value : null
  if (typeof v.value === 'boolean') return v.value ? 1 : 0
  return null
}

export class TrendRecorder {
  readonly buffer: TrendBuffer
  readonly latest: TagValue[]
  private readonly removers: (() => void)[] = []
  private readonly minIntervalMs: number
  private readonly now: () => number
  private pendingTimer: ReturnType<typeof setTimeout> | null = null
  private holdTimer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly paths: readonly string[], source: LiveSource, private readonly opts: RecorderOptions) {
    this.now = opts.now ?? Date.now
    this.minIntervalMs = Math.max(100, opts.windowMs / MAX_ROWS)
    const capacity = Math.min(MAX_ROWS, Math.ceil(opts.windowMs / this.minIntervalMs) + 2)
    this.buffer = new TrendBuffer(paths.length, Math.max(2, capacity))
    this.latest = paths.map((p) => source.get(p))
    paths.forEach((p, i) => {
      this.removers.push(source.listen(p, (v) => {
        this.latest[i] = v
        this.schedule()
      }))
    })
    this.record()
    this.holdTimer = setInterval(() => {
      if (this.now() - this.buffer.lastTime >= HOLD_MS) this.record()
    }, HOLD_MS)
  }

  private schedule(): void {
    if (this.pendingTimer !== null) return
    const wait = this.buffer.lastTime + this.minIntervalMs - this.now()
    if (wait <= 0) {
      this.record()
      return
    }
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null
      this.record()
    }, wait)
  }

  private record(): void {
    const t = this.now()
    this.buffer.push(t, this.latest.map(penValue))
    this.buffer.trimBefore(t - this.opts.windowMs)
    this.opts.onData()
  }

  dispose(): void {
    for (const r of this.removers) r()
    this.removers.length = 0
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer)
    if (this.holdTimer !== null) clearInterval(this.holdTimer)
    this.pendingTimer = null
    this.holdTimer = null
  }
}
