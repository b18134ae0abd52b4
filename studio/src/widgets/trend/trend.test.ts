import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Status } from '@takt/blocks'
import { LiveValues } from '../../live/values'
import { TrendBuffer } from './ring'
import { MAX_ROWS, TrendRecorder, penValue } from './recorder'
import { timeLabel } from './options'

describe('TrendBuffer', () => {
  it('keeps at most capacity rows, oldest dropped first', () => {
    const b = new TrendBuffer(1, 3)
    for (let t = 1; t <= 5; t++) b.push(t, [t * 10])
    expect(b.size).toBe(3)
    expect(b.toAligned()).toEqual([[3, 4, 5], [30, 40, 50]])
  })

  it('stores gaps as null and trims by time keeping one row before the window', () => {
    const b = new TrendBuffer(2, 10)
    b.push(1, [1, null])
    b.push(2, [2, Number.NaN])
    b.push(3, [3, 3])
    b.trimBefore(2.5)
    expect(b.toAligned()).toEqual([[2, 3], [2, 3], [null, 3]])
    expect(b.lastTime).toBe(3)
  })
})

describe('TrendRecorder', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('records updates coalesced to the minimum interval, and hold rows each second', () => {
    let now = 1_000_000
    const lv = new LiveValues()
    lv.set('A', { value: 1, status: Status.Good, sourceTime: 0 })
    let draws = 0
    const rec = new TrendRecorder(['A', 'B'], lv, { windowMs: 60_000, now: () => now, onData: () => { draws++ } })
    expect(rec.buffer.size).toBe(1)
    lv.set('A', { value: 2, status: 0, sourceTime: 0 }) // within 100 ms of the first row: deferred
    lv.set('A', { value: 3, status: 0, sourceTime: 0 })
    expect(rec.buffer.size).toBe(1)
    now += 100
    vi.advanceTimersByTime(100)
    expect(rec.buffer.toAligned()[1]).toEqual([1, 3])
    now += 1000
    vi.advanceTimersByTime(1000)
    expect(rec.buffer.size).toBe(3)
    expect(draws).toBe(3)
    rec.dispose()
    lv.set('A', { value: 4, status: 0, sourceTime: 0 })
    vi.advanceTimersByTime(5000)
    expect(rec.buffer.size).toBe(3)
  })

  it('bounds rows for long windows', () => {
    const rec = new TrendRecorder(['A'], new LiveValues(), { windowMs: 24 * 3600_000, onData: () => {} })
    expect(rec.buffer.capacity).toBeLessThanOrEqual(MAX_ROWS)
    rec.dispose()
  })

  it('plots bad quality as a gap and booleans as 0/1', () => {
    expect(penValue({ value: 3, status: Status.BadNotConnected, sourceTime: 0 })).toBeNull()
    expect(penValue({ value: true, status: 0, sourceTime: 0 })).toBe(1)
    expect(penValue({ value: 'x', status: 0, sourceTime: 0 })).toBeNull()
  })

  it('labels time ticks with seconds only when they are close', () => {
    const t = new Date(2026, 0, 1, 9, 5, 7).getTime() / 1000
    expect(timeLabel(t, 30)).toBe('09:05:07')
    expect(timeLabel(t, 60)).toBe('09:05')
  })
})
