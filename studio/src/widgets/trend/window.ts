/**
 * The time window of a trend and how history is asked for it. A window either follows "now" (live) or stands still
 * (after a zoom into the past or a pan); all times are ms.
 */
import type { Agg, HistoryQuery } from '@takt/blocks'

export interface TrendWindow {
  /** Width of the window, ms. */
  span: number
  /** Right edge; null while following now. */
  end: number | null
}

export const MIN_SPAN_MS = 10_000
export const MAX_SPAN_MS = 366 * 86_400_000

const clampSpan = (s: number) => Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, s))

/** [from, to] of a window at `now`. */
export function windowRange(w: TrendWindow, now: number): [number, number] {
  const to = w.end ?? now
  return [to - w.span, to]
}

/**
 * Zoom by `factor` (< 1 in, > 1 out) keeping `anchor` at the same place on screen. A live window stays live and
 * keeps its right edge at now. A window whose right edge would pass now becomes live again.
 */
export function zoomWindow(w: TrendWindow, factor: number, anchor: number, now: number): TrendWindow {
  const span = clampSpan(w.span * factor)
  if (w.end === null) return { span, end: null }
  const [from, to] = windowRange(w, now)
  const a = Math.min(to, Math.max(from, anchor))
  const ratio = (a - from) / (to - from)
  const end = a + (1 - ratio) * span
  return end >= now ? { span, end: null } : { span, end }
}

/** Move by `fraction` of the span (negative: into the past). Moving past now makes the window live. */
export function panWindow(w: TrendWindow, fraction: number, now: number): TrendWindow {
  const end = (w.end ?? now) + fraction * w.span
  return end >= now ? { span: w.span, end: null } : { span: w.span, end }
}

/** The window of a drag selection between two times (either order). */
export function selectWindow(a: number, b: number, now: number): TrendWindow {
  const lo = Math.min(a, b)
  const hi = Math.max(a, b)
  const span = clampSpan(hi - lo)
  const end = Math.max(hi, lo + span)
  return end >= now ? { span, end: null } : { span, end }
}

/** Up to this many ms per pixel the trend asks for raw samples; beyond it, for buckets. */
export const RAW_MS_PER_PX = 500
/** Raw samples per pixel the trend accepts before it asks for buckets instead. */
export const RAW_ROWS_PER_PX = 4
export const MAX_BUCKETS = 2000
/**
 * Raw queries start this much earlier (at most one window): a tag recorded only on change or every `maxIntervalMs`
 * has its last sample before the window there, so its line enters at the left edge instead of starting mid-plot.
 */
export const RAW_LOOKBACK_MS = 60_000
const BUCKET_AGGS: Agg[] = ['min', 'max', 'avg']

/**
 * The history query for a window drawn `widthPx` wide: raw samples when the window is short (at most about one
 * second per two pixels), else one bucket per pixel with min, max and average.
 */
export function planQuery(tags: readonly string[], from: number, to: number, widthPx: number, forceBuckets = false): HistoryQuery {
  const px = Math.max(10, Math.round(widthPx))
  if (!forceBuckets && (to - from) / px <= RAW_MS_PER_PX) {
    return { tags: [...tags], from: from - Math.min(to - from, RAW_LOOKBACK_MS), to, maxRows: px * RAW_ROWS_PER_PX }
  }
  return { tags: [...tags], from, to, buckets: Math.min(MAX_BUCKETS, px), agg: BUCKET_AGGS }
}

/**
 * What a CSV export of the window asks: raw samples up to a day (a spreadsheet wants the real samples), buckets of
 * about a minute beyond (capped), so a year-long window cannot produce an unbounded file.
 */
export function planCsvQuery(tags: readonly string[], from: number, to: number): HistoryQuery {
  if (to - from <= 86_400_000) return { tags: [...tags], from, to }
  return { tags: [...tags], from, to, buckets: Math.min(10_000, Math.ceil((to - from) / 60_000)), agg: ['min', 'max', 'avg', 'last'] }
}
