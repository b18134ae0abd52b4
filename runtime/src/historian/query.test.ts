import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Status } from '@takt/blocks'
import { Grid, type Agg, type BucketSeries, type HistoryValue } from './query.js'
import { historyToCsv } from './csv.js'
import { quietHistorian, tempDir } from './__tests__/helpers.js'
import type { Historian } from './historian.js'

interface S { t: number; v: HistoryValue }
const T0 = Date.UTC(2025, 0, 1, 0, 0, 7, 123) // deliberately off every rollup grid
const SPAN = 3 * 3600_000

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function series(seed: number): S[] {
  const r = rng(seed)
  const out: S[] = []
  let t = T0
  let prevNull = true
  while (t < T0 + SPAN) {
    const isNull: boolean = !prevNull && r() < 0.03
    out.push({ t, v: isNull ? null : Math.round(r() * 10_000) / 100 })
    prevNull = isNull
    // mostly 1 s apart, sometimes bursts, sometimes gaps of minutes
    const x = r()
    t += x < 0.1 ? 1 + Math.floor(r() * 50) : x < 0.97 ? 1000 : 60_000 + Math.floor(r() * 600_000)
  }
  return out
}

const TAGS = ['Plant/A', 'Plant/B', 'Plant/C']
const data = new Map<string, S[]>()
const text: S[] = []
let h: Historian
let cleanup: () => void

beforeAll(async () => {
  const d = tempDir()
  cleanup = d.cleanup
  h = quietHistorian(d.dir).h
  await h.open()
  TAGS.forEach((tag, i) => data.set(tag, series(i + 1)))
  for (const [tag, s] of data) {
    // two thirds imported, the rest recorded live: half compacted, half still in memory
    const cut1 = Math.floor(s.length * 0.66)
    const cut2 = Math.floor(s.length * 0.83)
    h.backfill(tag, 'REAL', { t: s.slice(0, cut1).map((x) => x.t), v: s.slice(0, cut1).map((x) => x.v), s: s.slice(0, cut1).map((x) => (x.v === null ? Status.Bad : 0)) })
    const hd = h.track(tag, { enabled: true }, 'REAL')
    s.slice(cut1, cut2).forEach((x) => h.record(hd, x.v, x.v === null ? Status.Bad : 0, x.t))
    h.flush()
    h.compact()
    s.slice(cut2).forEach((x) => h.record(hd, x.v, x.v === null ? Status.Bad : 0, x.t))
    h.flush()
  }
  const th = h.track('Plant/Mode', { enabled: true }, 'STRING')
  for (let i = 0; i < 500; i++) {
    const x = { t: T0 + i * 20_000, v: `mode ${i % 7}, "q"` }
    if (i > 0 && text.at(-1)!.v === x.v) continue
    text.push(x)
    h.record(th, x.v, 0, x.t)
  }
  h.flush()
  expect(h.stats().pendingCompaction).toBeGreaterThan(0)
})
afterAll(async () => {
  await h.close()
  cleanup()
})

function brute(s: S[], g: Grid): Map<number, { min: number | null; max: number | null; avg: number | null; first: HistoryValue; last: HistoryValue; count: number }> {
  const out = new Map<number, { mn: number; mx: number; sm: number; nv: number; c: number; first: HistoryValue; last: HistoryValue }>()
  for (const x of s) {
    if (x.t < g.from || x.t >= g.to) continue
    const k = g.bucket(x.t)
    // the bucket a sample falls in really covers it
    expect(x.t).toBeGreaterThanOrEqual(g.start(k))
    if (k + 1 < g.n) expect(x.t).toBeLessThan(g.start(k + 1))
    let b = out.get(k)
    if (!b) out.set(k, (b = { mn: Infinity, mx: -Infinity, sm: 0, nv: 0, c: 0, first: x.v, last: x.v }))
    b.c++
    b.last = x.v
    if (typeof x.v === 'number') {
      b.mn = Math.min(b.mn, x.v)
      b.mx = Math.max(b.mx, x.v)
      b.sm += x.v
      b.nv++
    }
  }
  return new Map([...out].map(([k, b]) => [k, { min: b.nv ? b.mn : null, max: b.nv ? b.mx : null, avg: b.nv ? b.sm / b.nv : null, first: b.first, last: b.last, count: b.c }]))
}

function expectSame(got: BucketSeries, want: ReturnType<typeof brute>, g: Grid): void {
  const keys = [...want.keys()].sort((a, b) => a - b)
  expect(got.t).toEqual(keys.map((k) => g.start(k)))
  keys.forEach((k, i) => {
    const w = want.get(k)!
    for (const a of ['min', 'max', 'first', 'last', 'count'] as Agg[]) expect(got[a]![i], `${a} of bucket ${k}`).toEqual(w[a])
    if (w.avg === null) expect(got.avg![i]).toBeNull()
    else expect(got.avg![i]).toBeCloseTo(w.avg, 9)
  })
}

describe('history queries', () => {
  it('raw: all sources merged in time order, truncated at maxRows', async () => {
    const from = T0 + 1000
    const to = T0 + SPAN - 5000
    const r = await h.query({ tags: [...TAGS, 'Plant/Mode', 'Nope'], from, to })
    if (r.kind !== 'raw') throw new Error()
    for (const tag of TAGS) {
      const want = data.get(tag)!.filter((x) => x.t >= from && x.t < to)
      const s = r.series.find((x) => x.tag === tag)!
      expect(s.t).toEqual(want.map((x) => x.t))
      expect(s.v).toEqual(want.map((x) => x.v))
      expect(s.s).toEqual(want.map((x) => (x.v === null ? Status.Bad : 0)))
    }
    expect(r.series[3]!.v).toEqual(text.filter((x) => x.t >= from && x.t < to).map((x) => x.v))
    expect(r.series[4]).toEqual({ tag: 'Nope', t: [], v: [], s: [], truncated: false })
    const cut = await h.query({ tags: ['Plant/A'], from, to, maxRows: 10 })
    expect(cut.kind === 'raw' && [cut.series[0]!.t.length, cut.series[0]!.truncated]).toEqual([10, true])
  })

  const cases: [string, number, number, number, number, boolean?][] = [
    ['whole span, 1,000 buckets (10 s rollups)', T0, T0 + SPAN, 1000, 10_000],
    ['whole span, 100 buckets (1 min rollups)', T0 - 1, T0 + SPAN + 7, 100, 60_000],
    ['whole span, 15 buckets (10 min rollups)', T0, T0 + SPAN, 15, 600_000],
    ['one bucket (1 h rollups)', T0 - 3600_000, T0 + SPAN + 3600_000, 1, 3600_000],
    ['short range, raw buckets', T0 + 3600_000 + 17, T0 + 3600_000 + 60_017, 100, 0],
    ['exact edges over raw samples', T0 + 333, T0 + SPAN - 333, 700, 0, true],
    ['range smaller than two periods', T0 + 12_345, T0 + 27_000, 1, 10_000],
    ['tail-only range', T0 + SPAN * 0.9, T0 + SPAN, 37, 10_000],
  ]
  for (const [name, from, to, n, resolution, exact] of cases) {
    it(`aggregates match a brute-force computation: ${name}`, async () => {
      const r = await h.query({ tags: TAGS, from, to, buckets: n, ...(exact ? { exact } : {}) })
      if (r.kind !== 'buckets') throw new Error()
      expect(r.agg).toEqual(['min', 'max', 'avg', 'first', 'last', 'count'])
      const g = new Grid(from, to, n, r.resolution)
      expect(r.resolution).toBe(resolution)
      for (const tag of TAGS) expectSame(r.series.find((s) => s.tag === tag)!, brute(data.get(tag)!, g), g)
    })
  }

  it('aggregates of a STRING tag: count, first and last; numeric ones null', async () => {
    const r = await h.query({ tags: ['Plant/Mode'], from: T0, to: T0 + SPAN, buckets: 50, agg: ['count', 'first', 'last', 'max'] })
    if (r.kind !== 'buckets') throw new Error()
    const g = new Grid(T0, T0 + SPAN, 50, r.resolution)
    const want = brute(text, g)
    const s = r.series[0]!
    expect(Object.keys(s).sort()).toEqual(['count', 'first', 'last', 'max', 't', 'tag'])
    expect(s.count).toEqual([...want.values()].map((b) => b.count))
    expect(s.first).toEqual([...want.values()].map((b) => b.first))
    expect(s.last).toEqual([...want.values()].map((b) => b.last))
    expect(s.max!.every((x) => x === null)).toBe(true)
  })

  it('latestBefore finds the last sample before a time, from any source', async () => {
    const s = data.get('Plant/B')!
    const r = rng(99)
    for (let i = 0; i < 40; i++) {
      const t = T0 - 1000 + Math.floor(r() * (SPAN + 2000))
      const want = [...s].reverse().find((x) => x.t < t)
      const got = await h.latestBefore('Plant/B', t)
      expect(got ? { t: got.t, v: got.v } : null).toEqual(want ? { t: want.t, v: want.v } : null)
    }
    expect(await h.latestBefore('Nope', T0)).toBeNull()
  })

  it('refuses malformed queries with a code', async () => {
    await expect(h.query({ tags: TAGS, from: 10, to: 5 })).rejects.toMatchObject({ code: 'E_BAD_MESSAGE' })
    await expect(h.query({ tags: TAGS, from: 0, to: 5, buckets: 0 })).rejects.toMatchObject({ code: 'E_BAD_MESSAGE' })
    await expect(h.query({ tags: TAGS, from: 0, to: 5, buckets: 2, agg: ['median' as Agg] })).rejects.toMatchObject({ code: 'E_BAD_MESSAGE' })
  })
})

describe('historyToCsv', () => {
  it('writes RFC 4180 with ISO times, quoting and formula guard', () => {
    const csv = historyToCsv({ kind: 'raw', from: 0, to: 1, series: [{ tag: 'A/B', t: [0, 1000], v: [1.5, null], s: [0, 2147483648], truncated: false }, { tag: 'S', t: [2000, 3000], v: ['a,"b"\nc', '=1+1'], s: [0, 0], truncated: false }] })
    expect(csv).toBe('time,tag,value,status\r\n1970-01-01T00:00:00.000Z,A/B,1.5,0\r\n1970-01-01T00:00:01.000Z,A/B,,2147483648\r\n'
      + '1970-01-01T00:00:02.000Z,S,"a,""b""\nc",0\r\n1970-01-01T00:00:03.000Z,S,\'=1+1,0\r\n')
    const b = historyToCsv({ kind: 'buckets', from: 0, to: 1, buckets: 1, width: 1, resolution: 0, agg: ['min', 'count'], series: [{ tag: '温度', t: [0], min: [-2], count: [3] }] }, { bom: true })
    expect(b).toBe('\uFEFFbucket_start,tag,min,count\r\n1970-01-01T00:00:00.000Z,温度,-2,3\r\n')
  })
})
