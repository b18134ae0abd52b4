import { describe, expect, it } from 'vitest'
import { formatTime, parseTime } from './time'

describe('TIME literals', () => {
  it('formats milliseconds as T#', () => {
    expect(formatTime(0)).toBe('T#0ms')
    expect(formatTime(5000)).toBe('T#5s')
    expect(formatTime(90_500)).toBe('T#1m30s500ms')
    expect(formatTime(86_400_000 + 3_600_000)).toBe('T#1d1h')
    expect(formatTime(-1500)).toBe('T#-1s500ms')
    expect(formatTime(0.5)).toBe('T#0.5ms')
  })

  it('parses what PLC IDEs accept', () => {
    expect(parseTime('T#5s')).toBe(5000)
    expect(parseTime('t#1m30s')).toBe(90_000)
    expect(parseTime('TIME#1h_2m')).toBe(3_720_000)
    expect(parseTime('1.5s')).toBe(1500)
    expect(parseTime('250')).toBe(250)
    expect(parseTime('T#-2s')).toBe(-2000)
    expect(parseTime('T#100ms')).toBe(100)
  })

  it('refuses what is not a duration', () => {
    for (const s of ['', 'T#', 'abc', 'T#5x', 'T#1s2m', 'T#1s1s']) expect(parseTime(s)).toBeNull()
  })

  it('round-trips', () => {
    for (const ms of [0, 1, 999, 1000, 61_001, 3_600_000, 123_456_789]) expect(parseTime(formatTime(ms))).toBe(ms)
  })
})
