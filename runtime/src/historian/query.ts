/**
 * History queries: raw samples, or aggregates per time bucket. Aggregates read the coarsest rollup level whose period
 * fits in a bucket, plus raw samples for the partial periods at both ends and the not-yet-compacted rows in memory,
 * so every figure is exact for the range its bucket reports. Bucket edges are snapped to that period's grid: bucket
 * k covers [t[k], t[k+1]) and `t` says where each one really starts (e.g. 24 h in 1,000 buckets with 1-minute
 * rollups: buckets of 1 or 2 minutes, each exact). Ask for `exact: true` to bucket raw samples on exact edges.
 */
import { TaktError } from '@takt/blocks'
import { LEVELS } from './rollup.js'
import { KIND_NUM, KIND_STR, valueAt, type Rows } from './rows.js'
import { TAG_TEXT, type Store, type TagRow } from './store.js'

export type { Agg, HistoryQuery, HistoryValue, RawSeries, BucketSeries, HistoryResult } from '@takt/blocks'
import type { Agg, HistoryQuery, HistoryResult, HistoryValue, RawSeries, BucketSeries } from '@takt/blocks'
export const ALL_AGGS: readonly Agg[] = ['min', 'max', 'avg', 'first', 'last', 'count']

export interface Sample { t: number; v: HistoryValue; s: number }

/** Rows still in memory (not yet in the history tables), visited for one tag id. */
export type MemoryScan = (tagId: number, visit: (r: Rows, i: number) => void) => void
/** Index the in-memory rows of these tag ids (one pass) and return a scan over them. */
export type MemoryIndex = (tagIds: readonly number[]) => MemoryScan

export const LIMITS = { maxTags: 1000, maxBuckets: 100_000, maxRows: 1_000_000, defaultMaxRows: 100_000 }

export function checkQuery(q: HistoryQuery): void {
  const bad = (m: string) => new TaktError('E_BAD_MESSAGE', `history query: ${m}`)
  if (!Array.isArray(q.tags) || q.tags.some((t) => typeof t !== 'string')) throw bad('tags must be a list of paths')
  if (q.tags.length > LIMITS.maxTags) throw new TaktError('E_LIMIT', `history query: at most ${LIMITS.maxTags} tags`)
  if (!Number.isFinite(q.from) || !Number.isFinite(q.to) || q.to <= q.from) throw bad('from and to must be times with from < to')
  if (q.buckets !== undefined && (!Number.isInteger(q.buckets) || q.buckets < 1 || q.buckets > LIMITS.maxBuckets)) throw bad(`buckets must be an integer 1..${LIMITS.maxBuckets}`)
  if (q.maxRows !== undefined && (!Number.isInteger(q.maxRows) || q.maxRows < 1 || q.maxRows > LIMITS.maxRows)) throw bad(`maxRows must be an integer 1..${LIMITS.maxRows}`)
  if (q.agg !== undefined && (!Array.isArray(q.agg) || q.agg.some((a) => !ALL_AGGS.includes(a)))) throw bad(`agg must be a list of ${ALL_AGGS.join(', ')}`)
}

export function runQuery(store: Store, memIndex: MemoryIndex, q: HistoryQuery): HistoryResult {
  checkQuery(q)
  const rows = q.tags.map((tag) => store.findTag(tag))
  const mem = memIndex(rows.flatMap((r) => (r ? [r.id] : [])))
  if (q.buckets === undefined) {
    const max = q.maxRows ?? LIMITS.defaultMaxRows
    return { kind: 'raw', from: q.from, to: q.to, series: q.tags.map((tag, i) => rawSeries(store, mem, tag, rows[i], q.from, q.to, max)) }
  }
  const n = q.buckets
  const w = (q.to - q.from) / n
  let P = 0
  if (!q.exact) for (const L of LEVELS) if (L <= w) P = L
  const agg = q.agg && q.agg.length ? [...new Set(q.agg)] : [...ALL_AGGS]
  const grid = new Grid(q.from, q.to, n, P)
  return { kind: 'buckets', from: q.from, to: q.to, buckets: n, width: w, resolution: P, agg, series: q.tags.map((tag, i) => bucketSeries(store, mem, tag, rows[i], grid, agg)) }
}

function rawSeries(store: Store, mem: MemoryScan, tag: string, row: TagRow | undefined, from: number, to: number, max: number): RawSeries {
  const out: RawSeries = { tag, t: [], v: [], s: [], truncated: false }
  if (!row) return out
  const rows: [number, HistoryValue, number][] = []
  for (const table of ['samples', 'samples_text']) {
    const got = store.stmt(`SELECT ts, value, status FROM ${table} WHERE tag = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?`).raw().all(row.id, from, to, max + 1) as [number, HistoryValue, number][]
    for (const r of got) rows.push(r)
  }
  mem(row.id, (r, i) => {
    const ts = r.ts[i]!
    if (ts >= from && ts < to) rows.push([ts, valueAt(r, i), r.status[i]!])
  })
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]![0] < rows[i - 1]![0]) {
      rows.sort((a, b) => a[0] - b[0])
      break
    }
  }
  if (rows.length > max) {
    rows.length = max
    out.truncated = true
  }
  for (const [t, v, s] of rows) {
    out.t.push(t)
    out.v.push(v)
    out.s.push(s)
  }
  return out
}

/** The bucket grid of one query: which bucket a time falls in, and where each bucket really starts. */
export class Grid {
  readonly w: number
  constructor(readonly from: number, readonly to: number, readonly n: number, readonly P: number) {
    this.w = (to - from) / n
  }

  floorP(t: number): number {
    return Math.floor(t / this.P) * this.P
  }

  ceilP(t: number): number {
    return Math.ceil(t / this.P) * this.P
  }

  /** The bucket of a sample time (with rollups: the bucket of the period the time belongs to). */
  bucket(t: number): number {
    const k = this.P ? Math.floor((this.floorP(t) - this.from + this.P / 2) / this.w) : Math.floor((t - this.from) / this.w)
    return k < 0 ? 0 : k >= this.n ? this.n - 1 : k
  }

  /** First time that belongs to bucket k. */
  start(k: number): number {
    if (k === 0) return this.from
    const t = this.P ? this.ceilP(this.from + k * this.w - this.P / 2) : Math.ceil(this.from + k * this.w)
    return Math.min(Math.max(t, this.from), this.to)
  }
}

class Acc {
  readonly mn: Float64Array
  readonly mx: Float64Array
  readonly sm: Float64Array
  readonly nv: Float64Array
  readonly c: Float64Array
  readonly fts: Float64Array
  readonly lts: Float64Array
  readonly fv: HistoryValue[]
  readonly lv: HistoryValue[]
  constructor(n: number) {
    this.mn = new Float64Array(n).fill(Infinity)
    this.mx = new Float64Array(n).fill(-Infinity)
    this.sm = new Float64Array(n)
    this.nv = new Float64Array(n)
    this.c = new Float64Array(n)
    this.fts = new Float64Array(n).fill(Infinity)
    this.lts = new Float64Array(n).fill(-Infinity)
    this.fv = new Array<HistoryValue>(n).fill(null)
    this.lv = new Array<HistoryValue>(n).fill(null)
  }

  sample(k: number, ts: number, v: HistoryValue): void {
    this.c[k]!++
    if (typeof v === 'number') {
      if (v < this.mn[k]!) this.mn[k] = v
      if (v > this.mx[k]!) this.mx[k] = v
      this.sm[k]! += v
      this.nv[k]!++
    }
    if (ts < this.fts[k]!) {
      this.fts[k] = ts
      this.fv[k] = v
    }
    if (ts >= this.lts[k]!) {
      this.lts[k] = ts
      this.lv[k] = v
    }
  }

  period(k: number, mn: number | null, mx: number | null, sm: number, nv: number, c: number, fts: number, fv: number | null, lts: number, lv: number | null): void {
    this.c[k]! += c
    if (nv > 0) {
      if (mn! < this.mn[k]!) this.mn[k] = mn!
      if (mx! > this.mx[k]!) this.mx[k] = mx!
      this.sm[k]! += sm
      this.nv[k]! += nv
    }
    if (fts < this.fts[k]!) {
      this.fts[k] = fts
      this.fv[k] = fv
    }
    if (lts >= this.lts[k]!) {
      this.lts[k] = lts
      this.lv[k] = lv
    }
  }
}

type RollupRow = [number, number | null, number | null, number, number, number, number, number | null, number, number | null]

function bucketSeries(store: Store, mem: MemoryScan, tag: string, row: TagRow | undefined, g: Grid, agg: Agg[]): BucketSeries {
  const acc = new Acc(g.n)
  if (row) {
    const text = row.kind === TAG_TEXT
    const table = text ? 'samples_text' : 'samples'
    const raw = (a: number, b: number) => {
      if (a >= b) return
      const rows = store.stmt(`SELECT ts, value FROM ${table} WHERE tag = ? AND ts >= ? AND ts < ?`).raw().all(row.id, a, b) as [number, HistoryValue][]
      for (const [ts, v] of rows) acc.sample(g.bucket(ts), ts, v)
    }
    const lo = g.P ? g.ceilP(g.from) : g.to
    const hi = g.P ? g.floorP(g.to) : g.to
    if (text || !g.P || lo >= hi) {
      raw(g.from, g.to)
    } else {
      raw(g.from, lo)
      const periods = store.stmt('SELECT p, mn, mx, sm, nv, c, fts, fv, lts, lv FROM rollup WHERE level = ? AND tag = ? AND p >= ? AND p < ?').raw().all(g.P, row.id, lo, hi) as RollupRow[]
      for (const [p, mn, mx, sm, nv, c, fts, fv, lts, lv] of periods) acc.period(g.bucket(p), mn, mx, sm, nv, c, fts, fv, lts, lv)
      raw(hi, g.to)
    }
    mem(row.id, (r, i) => {
      const ts = r.ts[i]!
      if (ts < g.from || ts >= g.to) return
      const k = r.kind[i]
      if (text ? k === KIND_NUM : k === KIND_STR) return
      acc.sample(g.bucket(ts), ts, valueAt(r, i))
    })
  }
  return collect(tag, acc, g, agg)
}

function collect(tag: string, acc: Acc, g: Grid, agg: Agg[]): BucketSeries {
  const out: BucketSeries = { tag, t: [] }
  for (const a of agg) (out as unknown as Record<Agg, unknown[]>)[a] = []
  for (let k = 0; k < g.n; k++) {
    if (acc.c[k] === 0) continue
    out.t.push(g.start(k))
    const nv = acc.nv[k]!
    out.min?.push(nv ? acc.mn[k]! : null)
    out.max?.push(nv ? acc.mx[k]! : null)
    out.avg?.push(nv ? acc.sm[k]! / nv : null)
    out.first?.push(acc.fv[k]!)
    out.last?.push(acc.lv[k]!)
    out.count?.push(acc.c[k]!)
  }
  return out
}

/** The last sample of a tag strictly before `t` (to draw a trend from its left edge), or null. */
export function latestBefore(store: Store, memIndex: MemoryIndex, tag: string, t: number): Sample | null {
  const row = store.findTag(tag)
  if (!row) return null
  const mem = memIndex([row.id])
  let best: Sample | null = null
  for (const table of ['samples', 'samples_text']) {
    const r = store.stmt(`SELECT ts, value, status FROM ${table} WHERE tag = ? AND ts < ? ORDER BY ts DESC LIMIT 1`).raw().get(row.id, t) as [number, HistoryValue, number] | undefined
    if (r && (!best || r[0] > best.t)) best = { t: r[0], v: r[1], s: r[2] }
  }
  mem(row.id, (r, i) => {
    const ts = r.ts[i]!
    if (ts < t && (!best || ts >= best.t)) best = { t: ts, v: valueAt(r, i), s: r.status[i]! }
  })
  return best
}
