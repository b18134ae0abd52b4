/** The ruler: each pen's value at a chosen time, read from the plotted data (sample and hold). */
import type { Cell, PlotData } from './history'
import { lowerBound } from './history'

/** How far back the ruler looks for a pen's last sample before giving up (rows). */
const MAX_LOOKBACK = 5000

export interface RulerValue {
  /** The value at or before the time; null when the pen had a gap (bad quality) or no data. */
  value: number | null
  /** No sample at or before the time at all (as opposed to a recorded gap). */
  missing?: true
  /** Min and max of the bucket under the ruler, when the data is aggregated there. */
  lo?: number
  hi?: number
}

/**
 * Values of every pen at `tSec` (seconds, like the plot's x): the last row at or before it that has a value for the
 * pen (`undefined` cells are alignment artefacts and are skipped; `null` is a real gap and is returned).
 */
export function rulerValues(data: PlotData, pens: number, tSec: number): RulerValue[] {
  const xs = data[0]
  let i = lowerBound(xs, tSec)
  if (i >= xs.length || xs[i]! > tSec) i--
  const out: RulerValue[] = []
  for (let p = 0; p < pens; p++) {
    const v = data[1 + p * 3] as Cell[] | undefined
    const lo = data[2 + p * 3] as Cell[] | undefined
    const hi = data[3 + p * 3] as Cell[] | undefined
    let k = i
    while (k >= 0 && i - k < MAX_LOOKBACK && v?.[k] === undefined) k--
    if (k < 0 || !v || v[k] === undefined) {
      out.push({ value: null, missing: true })
      continue
    }
    const r: RulerValue = { value: v[k] ?? null }
    const l = lo?.[k]
    const h = hi?.[k]
    if (typeof l === 'number' && typeof h === 'number') {
      r.lo = l
      r.hi = h
    }
    out.push(r)
  }
  return out
}
