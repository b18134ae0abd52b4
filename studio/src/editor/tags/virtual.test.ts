import { describe, expect, it } from 'vitest'
import { scrollToRow, virtualRange } from './virtual'

describe('virtual scroller range', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(virtualRange(10_000, 26, 0, 520, 5)).toEqual({ start: 0, end: 25, offset: 0, total: 260_000 })
    const mid = virtualRange(10_000, 26, 26 * 5000 + 13, 520, 5)
    expect(mid.start).toBe(4995)
    expect(mid.end).toBe(5000 + 21 + 5)
    expect(mid.offset).toBe(4995 * 26)
    expect(mid.end - mid.start).toBeLessThan(40)
  })

  it('clamps at both ends and for short lists', () => {
    const end = virtualRange(10_000, 26, 1e9, 520, 5)
    expect(end.end).toBe(10_000)
    expect(end.start).toBe(10_000 - 20 - 5)
    expect(virtualRange(3, 26, 100, 520)).toEqual({ start: 0, end: 3, offset: 0, total: 78 })
    expect(virtualRange(0, 26, 0, 520)).toEqual({ start: 0, end: 0, offset: 0, total: 0 })
    expect(virtualRange(100, 26, -50, 520, 0).start).toBe(0)
  })

  it('scrolls a row into view with the least movement', () => {
    expect(scrollToRow(0, 26, 260, 520)).toBe(0)
    expect(scrollToRow(15, 26, 260, 520)).toBe(260)
    expect(scrollToRow(40, 26, 260, 520)).toBe(41 * 26 - 520)
  })
})
