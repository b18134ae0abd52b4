import { describe, expect, it } from 'vitest'
import { penScales, trendOptions, withAlpha } from './options'
import type { PenInfo } from './options'
import { MAX_SPAN_MS, MIN_SPAN_MS, panWindow, planCsvQuery, planQuery, selectWindow, windowRange, zoomWindow } from './window'

const NOW = 10_000_000

describe('trend window', () => {
  it('follows now while live and stands still after moving into the past', () => {
    expect(windowRange({ span: 300_000, end: null }, NOW)).toEqual([NOW - 300_000, NOW])
    const back = panWindow({ span: 300_000, end: null }, -0.5, NOW)
    expect(back).toEqual({ span: 300_000, end: NOW - 150_000 })
    expect(panWindow(back, 0.25, NOW)).toEqual({ span: 300_000, end: NOW - 75_000 })
    expect(panWindow(back, 1, NOW)).toEqual({ span: 300_000, end: null }) // past now: live again
  })

  it('zooms around the anchor; a live window keeps its right edge at now', () => {
    expect(zoomWindow({ span: 300_000, end: null }, 2, NOW - 100_000, NOW)).toEqual({ span: 600_000, end: null })
    const w = { span: 100_000, end: NOW - 1_000_000 }
    const z = zoomWindow(w, 0.5, NOW - 1_000_000 - 25_000, NOW) // anchor at 3/4 of the window
    expect(z.span).toBe(50_000)
    expect(z.end).toBe(NOW - 1_000_000 - 25_000 + 12_500)
    expect(zoomWindow(w, 0.001, NOW - 1_050_000, NOW).span).toBe(MIN_SPAN_MS)
    expect(zoomWindow({ span: MAX_SPAN_MS, end: null }, 10, NOW, NOW).span).toBe(MAX_SPAN_MS)
  })

  it('zooms to a drag selection in either direction', () => {
    expect(selectWindow(NOW - 100_000, NOW - 400_000, NOW)).toEqual({ span: 300_000, end: NOW - 100_000 })
    expect(selectWindow(NOW - 1000, NOW + 5000, NOW)).toEqual({ span: MIN_SPAN_MS, end: null })
  })
})

describe('history query plan', () => {
  it('asks raw samples for short windows, one bucket per pixel with min/max/avg for long ones', () => {
    expect(planQuery(['A'], 0, 300_000, 800)).toEqual({ tags: ['A'], from: -60_000, to: 300_000, maxRows: 3200 })
    expect(planQuery(['A'], 0, 20_000, 800).from).toBe(-20_000)
    expect(planQuery(['A', 'B'], 0, 3_600_000, 800)).toEqual({ tags: ['A', 'B'], from: 0, to: 3_600_000, buckets: 800, agg: ['min', 'max', 'avg'] })
    expect(planQuery(['A'], 0, 300_000, 800, true).buckets).toBe(800)
    expect(planQuery(['A'], 0, 86_400_000 * 30, 5000).buckets).toBe(2000)
  })

  it('exports raw samples up to a day and minute buckets beyond', () => {
    expect(planCsvQuery(['A'], 0, 3_600_000)).toEqual({ tags: ['A'], from: 0, to: 3_600_000 })
    expect(planCsvQuery(['A'], 0, 7 * 86_400_000)).toMatchObject({ buckets: 10_000, agg: ['min', 'max', 'avg', 'last'] })
    expect(planCsvQuery(['A'], 0, 2 * 86_400_000).buckets).toBe(2880)
  })
})

describe('trend scales', () => {
  const pen = (path: string, unit: string, range?: [number, number]): PenInfo => ({
    path, label: path, unit,
    tag: range ? { path, name: path, dataType: 'REAL', range: { min: range[0], max: range[1] } } as unknown as PenInfo['tag'] : undefined,
  })
  const pens = [pen('L', 'm', [0, 5]), pen('SP', 'm', [0, 6]), pen('Q', 'm³/h', [0, 20])]

  it('shares a scale per unit, or gives each pen its own with its tag range', () => {
    expect(penScales(pens, 'unit')).toEqual(['y0', 'y0', 'y1'])
    expect(penScales(pens, 'pen')).toEqual(['p0', 'p1', 'p2'])
    const byUnit = trendOptions({ width: 400, height: 200, pens, mode: 'range', fixed: null, xRange: () => [0, 1] })
    expect(byUnit.scales?.y0).toEqual({ auto: false, range: [0, 6] })
    const byPen = trendOptions({ width: 400, height: 200, pens, mode: 'range', fixed: null, axes: 'pen', xRange: () => [0, 1] })
    expect([byPen.scales?.p0, byPen.scales?.p2]).toEqual([{ auto: false, range: [0, 5] }, { auto: false, range: [0, 20] }])
    expect(byPen.axes).toHaveLength(4) // time + one per pen
  })

  it('draws each pen as a line plus a min/max band', () => {
    const o = trendOptions({ width: 400, height: 200, pens, mode: 'auto', fixed: null, xRange: () => [0, 1] })
    expect(o.series).toHaveLength(1 + 3 * 3)
    expect(o.bands?.map((b) => b.series)).toEqual([[3, 2], [6, 5], [9, 8]])
    expect(withAlpha('#1f3f8f', 0.5)).toBe('#1f3f8f80')
  })
})
