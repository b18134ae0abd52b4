/** Helpers of the alarm KPI page: the annunciation-rate chart and the priority distribution against ISA-18.2 targets. */
import type { AlarmKpis, RateWindow } from '@takt/blocks'

export interface Bar { start: number; value: number }

/**
 * At most `maxBars` bars from the 10-minute windows: neighbouring windows merge and keep their highest rate, so a
 * flood never disappears when a month is shown.
 */
export function rateBars(windows: readonly RateWindow[], maxBars: number): Bar[] {
  const n = windows.length
  if (n === 0 || maxBars < 1) return []
  const per = Math.ceil(n / maxBars)
  const out: Bar[] = []
  for (let i = 0; i < n; i += per) {
    let v = 0
    for (let k = i; k < Math.min(n, i + per); k++) v = Math.max(v, windows[k]!.perOperator)
    out.push({ start: windows[i]!.start, value: v })
  }
  return out
}

/** A "nice" upper bound for the chart's y axis, at least `floor`. */
export function niceMax(values: readonly number[], floor: number): number {
  let m = floor
  for (const v of values) if (v > m) m = v
  const steps = [1, 2, 2.5, 5, 10]
  const mag = 10 ** Math.floor(Math.log10(m))
  for (const s of steps) if (s * mag >= m) return s * mag
  return 10 * mag
}

export interface PriorityShare { key: '1' | '2' | '3' | '4' | 'diagnostic'; count: number; share: number; target: number | null }

/** ISA-18.2 guidance for annunciated priorities: about 5 % high, 15 % medium, 80 % low (here: 1, 2, 3 + 4). */
export function priorityShares(p: AlarmKpis['priorities']): PriorityShare[] {
  const keys = ['1', '2', '3', '4', 'diagnostic'] as const
  const total = keys.reduce((n, k) => n + p[k], 0)
  const target: Record<(typeof keys)[number], number | null> = { '1': 0.05, '2': 0.15, '3': 0.8, '4': null, diagnostic: null }
  return keys.map((key) => ({ key, count: p[key], share: total ? p[key] / total : 0, target: target[key] }))
}

/** Named spans offered on the KPI page, ms. */
export const KPI_SPANS = { '1h': 3_600_000, '8h': 8 * 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const
export type KpiSpan = keyof typeof KPI_SPANS
