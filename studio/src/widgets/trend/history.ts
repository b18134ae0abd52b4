/**
 * History of the pens as one aligned table, and its stitching with the live ring buffer into uPlot data.
 *
 * uPlot draws series over one shared x column. Pens' history samples come at different times, so the table is the
 * union of their times with `undefined` where a pen has no sample (uPlot connects over it) and `null` where the
 * value was bad (uPlot draws a gap). Buckets give each pen three columns: average (the line), min and max (a band).
 */
import { qualityOf } from '@takt/blocks'
import type { HistoryResult, HistoryValue } from '@takt/blocks'

export type Cell = number | null | undefined

export interface PenColumns { v: Cell[]; lo: Cell[]; hi: Cell[] }

/** Times in ms, one column set per pen (in pen order). */
export interface HistoryTable {
  from: number
  to: number
  kind: 'raw' | 'buckets'
  t: number[]
  pens: PenColumns[]
  /** A raw series hit its row limit: the caller should ask for buckets. */
  truncated: boolean
}

const num = (v: HistoryValue | boolean | undefined): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'boolean') return v ? 1 : 0
  return null
}

interface Points { t: number[]; v: Cell[]; lo: Cell[]; hi: Cell[] }

/** Turns a history result into the aligned table of `paths` (missing series are empty). */
export function historyTable(r: HistoryResult, paths: readonly string[]): HistoryTable {
  const per: Points[] = paths.map(() => ({ t: [], v: [], lo: [], hi: [] }))
  let truncated = false
  if (r.kind === 'raw') {
    for (const s of r.series) {
      const i = paths.indexOf(s.tag)
      const p = per[i]
      if (!p) continue
      truncated ||= s.truncated
      for (let k = 0; k < s.t.length; k++) {
        p.t.push(s.t[k]!)
        p.v.push(qualityOf(s.s[k] ?? 0) === 'bad' ? null : num(s.v[k]))
        p.lo.push(undefined)
        p.hi.push(undefined)
      }
    }
  } else {
    const half = r.width / 2
    for (const s of r.series) {
      const i = paths.indexOf(s.tag)
      const p = per[i]
      if (!p) continue
      for (let k = 0; k < s.t.length; k++) {
        // Plotted at the bucket's middle; the rollup grid may make buckets narrower than `width` at the ends.
        const next = s.t[k + 1]
        const w = next !== undefined ? Math.min(r.width, next - s.t[k]!) : r.width
        p.t.push(s.t[k]! + Math.min(half, w / 2))
        p.v.push(num(s.avg?.[k] ?? s.last?.[k] ?? null))
        p.lo.push(num(s.min?.[k] ?? null))
        p.hi.push(num(s.max?.[k] ?? null))
      }
    }
  }
  return { from: r.from, to: r.to, kind: r.kind, truncated, ...align(per) }
}

/** Merges per-pen point lists (each sorted by time) over the union of their times. */
export function align(per: readonly Points[]): { t: number[]; pens: PenColumns[] } {
  const idx = per.map(() => 0)
  const t: number[] = []
  const pens: PenColumns[] = per.map(() => ({ v: [], lo: [], hi: [] }))
  for (;;) {
    let next = Infinity
    for (let p = 0; p < per.length; p++) {
      const x = per[p]!.t[idx[p]!]
      if (x !== undefined && x < next) next = x
    }
    if (next === Infinity) break
    t.push(next)
    for (let p = 0; p < per.length; p++) {
      const src = per[p]!
      const k = idx[p]!
      const col = pens[p]!
      if (src.t[k] === next) {
        col.v.push(src.v[k])
        col.lo.push(src.lo[k])
        col.hi.push(src.hi[k])
        idx[p] = k + 1
      } else {
        col.v.push(undefined)
        col.lo.push(undefined)
        col.hi.push(undefined)
      }
    }
  }
  return { t, pens }
}

/** Live rows as TrendBuffer.toAligned(1) gives them: [times ms, pen0, pen1, ...]. */
export type LiveRows = readonly [readonly number[], ...(readonly (number | null)[])[]]

/** uPlot data: x in seconds, then per pen [value, min, max]. */
export type PlotData = [number[], ...Cell[][]]

/**
 * History before the first live row, then the live rows: live data is what the screen saw itself, so it wins where
 * both exist. Only rows in [from, to] are kept, plus one on each side so lines run to the edges.
 */
export function stitch(hist: HistoryTable | null, live: LiveRows, pens: number, from: number, to: number): PlotData {
  const lt = live[0]
  const liveStart = lt.length > 0 ? lt[0]! : Infinity
  const xs: number[] = []
  const cols: Cell[][] = Array.from({ length: pens * 3 }, () => [])
  const push = (t: number, get: (p: number, c: 0 | 1 | 2) => Cell) => {
    xs.push(t / 1000)
    for (let p = 0; p < pens; p++) for (let c = 0; c < 3; c++) cols[p * 3 + c]!.push(get(p, c as 0 | 1 | 2))
  }
  if (hist) {
    const ht = hist.t
    const start = edgeRow(hist, lowerBound(ht, from), -1)
    const stop = Math.min(lowerBound(ht, liveStart), edgeRow(hist, lowerBound(ht, to), 1) + 1)
    for (let k = start; k < stop; k++) {
      push(ht[k]!, (p, c) => {
        const col = hist.pens[p]
        return col ? (c === 0 ? col.v : c === 1 ? col.lo : col.hi)[k] : undefined
      })
    }
  }
  const s = Math.max(0, lowerBound(lt, from) - 1)
  const e = Math.min(lt.length, lowerBound(lt, to) + 1)
  for (let k = s; k < e; k++) {
    push(lt[k]!, (p, c) => {
      const v = live[p + 1]?.[k]
      if (c === 0) return v ?? null
      return undefined
    })
  }
  return [xs, ...cols]
}

/** How many rows the edge search looks through for a pen's sample (pens recorded rarely may have none nearby). */
const EDGE_SCAN = 5000

/**
 * The row at which drawing must start (dir -1: first row before `at`) or end (dir 1: first row at or after `at`) so
 * that every pen has a sample beyond the window edge: a pen recorded every minute then enters at the edge even when
 * a fast pen has many rows in between.
 */
function edgeRow(h: HistoryTable, at: number, dir: -1 | 1): number {
  let edge = dir < 0 ? Math.max(0, at - 1) : Math.min(h.t.length - 1, at)
  for (const pen of h.pens) {
    let k = dir < 0 ? at - 1 : at
    for (let n = 0; n < EDGE_SCAN && k >= 0 && k < h.t.length && pen.v[k] === undefined; n++) k += dir
    if (k >= 0 && k < h.t.length && pen.v[k] !== undefined) edge = dir < 0 ? Math.min(edge, k) : Math.max(edge, k)
  }
  return edge
}

/** First index with `a[i] >= x` (a sorted ascending). */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (a[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}
