import { describe, expect, it } from 'vitest'
import { AlarmDef, alarmKey, alarmTagRefs, defaultArea, priorityRank } from './schema.js'

describe('AlarmDef', () => {
  const ok = (x: unknown) => AlarmDef.safeParse(x).success
  it('accepts every kind with its fields', () => {
    expect(ok({ kind: 'hihi', name: 'HH', priority: 1, limit: 95, deadband: 1, onDelayMs: 2000, latched: true, message: { en: 'x {value}', 'zh-CN': 'y' } })).toBe(true)
    expect(ok({ kind: 'deviation', name: 'DEV', priority: 2, setpoint: 'Reactor/SP', high: 5 })).toBe(true)
    expect(ok({ kind: 'deviation', name: 'DEV', priority: 2, setpoint: 40, low: 5 })).toBe(true)
    expect(ok({ kind: 'roc', name: 'ROC', priority: 3, rate: 0.5, windowMs: 30_000, direction: 'rise' })).toBe(true)
    expect(ok({ kind: 'discrete', name: 'TRIP', priority: 1, state: 'FAULT', suppressedBy: '{Area/Startup}', shelvable: false })).toBe(true)
    expect(ok({ kind: 'badQuality', name: 'BQ', priority: 'diagnostic', area: 'Utilities', maxShelveMs: 3_600_000 })).toBe(true)
  })

  it('refuses what does not make sense', () => {
    expect(ok({ kind: 'hi', name: 'H', priority: 5, limit: 1 })).toBe(false)
    expect(ok({ kind: 'hi', name: 'H', priority: 1, limit: 1, deadband: -1 })).toBe(false)
    expect(ok({ kind: 'hi', name: 'H/1', priority: 1, limit: 1 })).toBe(false)
    expect(ok({ kind: 'hi', name: 'H', priority: 1, limit: 1, extra: 1 })).toBe(false)
    expect(ok({ kind: 'deviation', name: 'D', priority: 1, setpoint: 1 })).toBe(false)
    expect(ok({ kind: 'roc', name: 'R', priority: 1, rate: 0 })).toBe(false)
    expect(ok({ kind: 'sos', name: 'S', priority: 1 })).toBe(false)
    expect(ok({ kind: 'hi', name: 'H', priority: 1, limit: 1, maxShelveMs: 10 })).toBe(false)
  })

  it('helpers', () => {
    expect(alarmKey('A/T1/L', 'HI')).toBe('A/T1/L:HI')
    expect(defaultArea('A/T1/L')).toBe('A/T1')
    expect(defaultArea('Level')).toBe('Level')
    expect([1, 4, 'diagnostic'].map((p) => priorityRank(p as 1))).toEqual([1, 4, 5])
    expect(alarmTagRefs({ kind: 'deviation', name: 'D', priority: 1, setpoint: 'R/SP', high: 1, suppressedBy: '{A/Startup} || {R/SP} < 5' }))
      .toEqual(['R/SP', 'A/Startup'])
    expect(alarmTagRefs({ kind: 'hi', name: 'H', priority: 1, limit: 1, suppressedBy: '{oops' })).toEqual([])
  })
})
