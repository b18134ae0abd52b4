import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Status } from '@takt/blocks'
import type { HistoryQuery, HistoryResult } from '@takt/blocks'
import { WireError } from '../../wire/errors'
import { csvFileName, downloadText } from './download'
import { align, historyTable, stitch } from './history'
import { HistoryLoader } from './loader'
import { rulerValues } from './ruler'
import type { HistorySource } from './source'

const raw = (series: { tag: string; t: number[]; v: (number | null)[]; s?: number[]; truncated?: boolean }[]): HistoryResult => ({
  kind: 'raw', from: 0, to: 100_000,
  series: series.map((x) => ({ tag: x.tag, t: x.t, v: x.v, s: x.s ?? x.t.map(() => 0), truncated: x.truncated ?? false })),
})

describe('history table', () => {
  it('aligns pens over the union of their times: undefined where a pen has no sample, null where it was bad', () => {
    const h = historyTable(raw([
      { tag: 'A', t: [1000, 3000], v: [1, 3] },
      { tag: 'B', t: [2000, 3000], v: [20, 30], s: [Status.BadNotConnected, 0] },
    ]), ['A', 'B', 'C'])
    expect(h.t).toEqual([1000, 2000, 3000])
    expect(h.pens[0]!.v).toEqual([1, undefined, 3])
    expect(h.pens[1]!.v).toEqual([undefined, null, 30])
    expect(h.pens[2]!.v).toEqual([undefined, undefined, undefined])
    expect(h.truncated).toBe(false)
  })

  it('puts buckets at their middle with average, min and max', () => {
    const r: HistoryResult = {
      kind: 'buckets', from: 0, to: 4000, buckets: 4, width: 1000, resolution: 0, agg: ['min', 'max', 'avg'],
      series: [{ tag: 'A', t: [0, 1000, 3000], min: [1, 2, 3], max: [5, 6, 7], avg: [3, 4, null] }],
    }
    const h = historyTable(r, ['A'])
    expect(h.t).toEqual([500, 1500, 3500])
    expect(h.pens[0]).toEqual({ v: [3, 4, null], lo: [1, 2, 3], hi: [5, 6, 7] })
  })

  it('merges sorted point lists without losing equal times', () => {
    const r = align([{ t: [1, 2], v: [1, 2], lo: [], hi: [] }, { t: [2, 3], v: [20, 30], lo: [], hi: [] }])
    expect(r.t).toEqual([1, 2, 3])
    expect(r.pens[1]!.v).toEqual([undefined, 20, 30])
  })
})

describe('stitching history and live rows', () => {
  const hist = historyTable(raw([{ tag: 'A', t: [10_000, 20_000, 30_000, 40_000], v: [1, 2, 3, 4] }]), ['A'])

  it('uses history before the first live row and live rows after it, in seconds', () => {
    const d = stitch(hist, [[35_000, 45_000, 55_000], [30, 40, null]], 1, 15_000, 60_000)
    expect(d[0]).toEqual([10, 20, 30, 35, 45, 55])
    expect(d[1]).toEqual([1, 2, 3, 30, 40, null])
    expect(d[2]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined])
  })

  it('keeps one row beyond each edge and nothing else outside the window', () => {
    const d = stitch(hist, [[90_000], [9]], 1, 25_000, 32_000)
    expect(d[0]).toEqual([20, 30, 40, 90])
  })

  it('starts and ends each pen beyond the window edges, however rarely it was recorded', () => {
    const h = historyTable(raw([
      { tag: 'Fast', t: [1000, 2000, 3000, 4000, 5000, 6000, 7000], v: [1, 2, 3, 4, 5, 6, 7] },
      { tag: 'Slow', t: [500, 9000], v: [50, 90] },
    ]), ['Fast', 'Slow'])
    const d = stitch(h, [[]], 2, 3500, 5500)
    expect(d[0]).toEqual([0.5, 1, 2, 3, 4, 5, 6, 7, 9])
    expect(d[4]!.filter((x) => x !== undefined)).toEqual([50, 90])
  })

  it('is live-only without history', () => {
    const d = stitch(null, [[1000, 2000], [1, 2]], 2, 0, 3000)
    expect(d).toHaveLength(7)
    expect(d[0]).toEqual([1, 2])
    expect(d[4]).toEqual([null, null])
  })
})

describe('ruler', () => {
  it('reads each pen at a time, holding the last sample and skipping alignment gaps', () => {
    const d = stitch(historyTable(raw([{ tag: 'A', t: [1000, 3000], v: [1, 3] }, { tag: 'B', t: [2000], v: [null] }]), ['A', 'B']), [[], [], []], 2, 0, 10_000)
    expect(rulerValues(d, 2, 2.5)).toEqual([{ value: 1 }, { value: null }])
    expect(rulerValues(d, 2, 3)).toEqual([{ value: 3 }, { value: null }])
    expect(rulerValues(d, 2, 0.5)).toEqual([{ value: null, missing: true }, { value: null, missing: true }])
  })

  it('shows the bucket range where the data is aggregated', () => {
    const r: HistoryResult = { kind: 'buckets', from: 0, to: 2000, buckets: 2, width: 1000, resolution: 0, agg: ['min', 'max', 'avg'], series: [{ tag: 'A', t: [0, 1000], min: [1, 2], max: [3, 4], avg: [2, 3] }] }
    const d = stitch(historyTable(r, ['A']), [[]], 1, 0, 2000)
    expect(rulerValues(d, 1, 1.6)).toEqual([{ value: 3, lo: 2, hi: 4 }])
  })
})

describe('history loader', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  function source(answer: (q: HistoryQuery) => Promise<HistoryResult>): HistorySource & { queries: HistoryQuery[] } {
    const queries: HistoryQuery[] = []
    return { queries, query: (q) => { queries.push(q); return answer(q) }, csv: async () => '' }
  }

  it('asks once after the debounce, ignores stale answers, and is satisfied by a covering table', async () => {
    let now = 1_000_000
    const resolvers: ((r: HistoryResult) => void)[] = []
    const src = source(() => new Promise((res) => resolvers.push(res)))
    let changes = 0
    const l = new HistoryLoader(src, ['A'], { now: () => now, onChange: () => { changes++ } })
    l.ensure(now - 300_000, now, now, 800)
    l.ensure(now - 600_000, now, now, 800) // a zoom before the debounce: only this one is asked
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries).toHaveLength(1)
    expect(src.queries[0]).toMatchObject({ from: now - 600_000, to: now, buckets: 800, agg: ['min', 'max', 'avg'] })
    l.ensure(now - 600_000, now, now, 800) // in flight and covering: nothing new
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries).toHaveLength(1)
    l.ensure(now - 1_200_000, now, now, 800) // zoomed out further: the running answer becomes stale
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries).toHaveLength(2)
    resolvers[0]!(raw([{ tag: 'A', t: [1], v: [1] }]))
    await vi.advanceTimersByTimeAsync(0)
    expect(l.table).toBeNull()
    resolvers[1]!({ ...(raw([{ tag: 'A', t: [now - 1_000_000], v: [5] }]) as Extract<HistoryResult, { kind: 'raw' }>), from: now - 1_200_000, to: now })
    await vi.advanceTimersByTimeAsync(0)
    expect(l.status).toBe('ok')
    expect(l.table?.pens[0]!.v).toEqual([5])
    expect(changes).toBeGreaterThan(0)
    now += 100
    l.ensure(now - 1_200_000, now, now - 50, 800)
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries).toHaveLength(2)
    l.dispose()
  })

  it('is not held off by live redraws that come faster than the debounce', async () => {
    let now = 1_000_000
    const src = source(async () => raw([]))
    const l = new HistoryLoader(src, ['A'], { now: () => now, onChange: () => {} })
    for (let i = 0; i < 5; i++) {
      l.ensure(now - 300_000, now, now, 800)
      now += 100
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(src.queries).toHaveLength(1)
    expect(src.queries[0]!.to).toBeGreaterThan(1_000_000) // the latest drifted window is asked
    l.dispose()
  })

  it('asks for raw samples on short windows and for buckets when they were truncated', async () => {
    const src = source(async (q) => raw([{ tag: 'A', t: [1], v: [1], truncated: q.buckets === undefined }]))
    const l = new HistoryLoader(src, ['A'], { now: () => 100_000, onChange: () => {} })
    l.ensure(40_000, 100_000, 100_000, 1000)
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries.map((q) => q.buckets)).toEqual([undefined, 1000])
    expect(src.queries[0]!.maxRows).toBe(4000)
    l.dispose()
  })

  it('turns history off for good on E_HISTORY_UNAVAILABLE, and retries later after going offline', async () => {
    let now = 0
    const off = source(async () => { throw new WireError('E_HISTORY_UNAVAILABLE') })
    const l = new HistoryLoader(off, ['A'], { now: () => now, onChange: () => {} })
    l.ensure(0, 600_000, 600_000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect([l.status, l.code]).toEqual(['off', 'E_HISTORY_UNAVAILABLE'])
    now = 60_000
    l.ensure(0, 900_000, 900_000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect(off.queries).toHaveLength(1)

    const flaky = source(async () => { throw new WireError('E_OFFLINE') })
    const m = new HistoryLoader(flaky, ['A'], { now: () => now, onChange: () => {} })
    m.ensure(0, 600_000, 600_000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect(m.status).toBe('error')
    m.ensure(0, 600_000, 600_000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect(flaky.queries).toHaveLength(1)
    now += 11_000
    m.ensure(0, 600_000, 600_000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect(flaky.queries).toHaveLength(2)
  })

  it('does nothing without a source (editor) or when live rows cover the window', async () => {
    const l = new HistoryLoader(null, ['A'], { onChange: () => {} })
    expect(l.status).toBe('off')
    const src = source(async () => raw([]))
    const m = new HistoryLoader(src, ['A'], { now: () => 0, onChange: () => {} })
    m.ensure(1000, 301_000, 1000, 500)
    await vi.advanceTimersByTimeAsync(300)
    expect(src.queries).toHaveLength(0)
  })
})

describe('CSV download', () => {
  it('hands a UTF-8 CSV with a byte order mark to the browser and frees the URL afterwards', async () => {
    vi.useFakeTimers()
    const blobs: Blob[] = []
    const clicked: [string, string][] = []
    const revoked: string[] = []
    downloadText('time,tag\r\n', 'x.csv', 'text/csv', {
      createObjectURL: (b) => { blobs.push(b); return 'blob:1' },
      revokeObjectURL: (u) => { revoked.push(u) },
      click: (u, n) => { clicked.push([u, n]) },
    })
    expect(clicked).toEqual([['blob:1', 'x.csv']])
    expect(revoked).toEqual([])
    vi.advanceTimersByTime(1)
    expect(revoked).toEqual(['blob:1'])
    vi.useRealTimers()
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8')
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('time,tag\r\n')
  })

  it('names the file after the title and the range, safe for any file system', () => {
    const from = new Date(2026, 0, 2, 3, 4, 5).getTime()
    expect(csvFileName('Level / Tank: T-101', from, from + 60_000)).toBe('trend_Level_Tank_T-101_20260102-030405_20260102-030505.csv')
    expect(csvFileName('Level, last 10 min', from, from)).toBe('trend_Level_last_10_min_20260102-030405_20260102-030405.csv')
    expect(csvFileName('', from, from)).toBe('trend_20260102-030405_20260102-030405.csv')
  })
})
