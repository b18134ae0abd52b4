import { describe, expect, it } from 'vitest'
import { Status } from '../quality.js'
import { Plant, def } from './__tests__/plant.js'

describe('analog limits with deadband', () => {
  it('HI activates at the limit and returns below limit - deadband', () => {
    const p = new Plant({ 'T/Level': 50 }, { 'T/Level': [def('hi', { limit: 90, deadband: 2 })] })
    expect(p.scan(0)).toEqual([])
    expect(p.set({ 'T/Level': 89.9 }).scan(1)).toEqual([])
    expect(p.set({ 'T/Level': 90 }).scan(2)).toEqual(['T/Level:HI activate>unack'])
    expect(p.set({ 'T/Level': 88.5 }).scan(3)).toEqual([])
    expect(p.set({ 'T/Level': 88 }).scan(4)).toEqual([])
    expect(p.set({ 'T/Level': 87.9 }).scan(5)).toEqual(['T/Level:HI return>rtnUnack'])
    expect(p.set({ 'T/Level': 89 }).scan(6)).toEqual([])
  })

  it('HIHI, LO and LOLO on one tag, each with its own state', () => {
    const p = new Plant({ 'T/L': 50 }, {
      'T/L': [def('hihi', { limit: 95 }), def('hi', { limit: 90 }), def('lo', { limit: 10, deadband: 1 }), def('lolo', { limit: 5 })],
    })
    p.scan(0)
    expect(p.set({ 'T/L': 96 }).scan(1)).toEqual(['T/L:HIHI activate>unack', 'T/L:HI activate>unack'])
    expect(p.set({ 'T/L': 92 }).scan(2)).toEqual(['T/L:HIHI return>rtnUnack'])
    expect(p.set({ 'T/L': 4 }).scan(3)).toEqual(['T/L:HI return>rtnUnack', 'T/L:LO activate>unack', 'T/L:LOLO activate>unack'])
    expect(p.set({ 'T/L': 10.5 }).scan(4)).toEqual(['T/L:LOLO return>rtnUnack'])
    expect(p.set({ 'T/L': 11.1 }).scan(5)).toEqual(['T/L:LO return>rtnUnack'])
  })

  it('holds the condition while the value is bad or not a number', () => {
    const p = new Plant({ 'T/L': 95 }, { 'T/L': [def('hi', { limit: 90 })] })
    p.scan(0)
    expect(p.set({ 'T/L': 0 }, Status.BadNotConnected).scan(1)).toEqual([])
    expect(p.phase('T/L:HI')).toBe('unack')
    expect(p.engine.query.get('T/L:HI')?.value).toBeNull()
    expect(p.set({ 'T/L': 'n/a' }).scan(2)).toEqual([])
    expect(p.set({ 'T/L': 1 }).scan(3)).toEqual(['T/L:HI return>rtnUnack'])
  })
})

describe('deviation', () => {
  it('follows a setpoint tag: a change of either tag re-evaluates', () => {
    const p = new Plant({ 'R/Temp': 80, 'R/SP': 80 }, { 'R/Temp': [def('deviation', { setpoint: 'R/SP', high: 5, low: 3, deadband: 1 })] })
    expect(p.scan(0)).toEqual([])
    expect(p.set({ 'R/SP': 74 }).scan(1)).toEqual(['R/Temp:DEVIATION activate>unack'])
    expect(p.set({ 'R/Temp': 78.1 }).scan(2)).toEqual([])
    expect(p.set({ 'R/Temp': 77.9 }).scan(3)).toEqual(['R/Temp:DEVIATION return>rtnUnack'])
    expect(p.set({ 'R/Temp': 71 }).scan(4)).toEqual(['R/Temp:DEVIATION activate>unack'])
    expect(p.set({ 'R/SP': 75 }, Status.Bad).scan(5)).toEqual([])
  })

  it('against a constant setpoint, one side only', () => {
    const p = new Plant({ 'R/P': 10 }, { 'R/P': [def('deviation', { setpoint: 10, high: 2 })] })
    p.scan(0)
    expect(p.set({ 'R/P': 0 }).scan(1)).toEqual([])
    expect(p.set({ 'R/P': 12 }).scan(2)).toEqual(['R/P:DEVIATION activate>unack'])
  })
})

describe('rate of change', () => {
  it('measures over a sliding window and returns when the ramp stops', () => {
    const p = new Plant({ 'T/P': 0 }, { 'T/P': [def('roc', { rate: 1, windowMs: 10_000, direction: 'rise' })] })
    p.scan(0)
    const lines: string[] = []
    // 0.5 units/s for 20 s: below the limit.
    for (let t = 1000; t <= 20_000; t += 1000) lines.push(...p.set({ 'T/P': t / 2000 }).scan(t))
    expect(lines).toEqual([])
    // 2 units/s: active once the window sees the average rate reach 1/s.
    for (let t = 21_000; t <= 40_000; t += 1000) lines.push(...p.set({ 'T/P': 10 + ((t - 20_000) / 1000) * 2 }).scan(t))
    expect(lines).toEqual(['T/P:ROC activate>unack'])
    // The value then stays put: no new samples, the timer re-evaluates as old samples leave the window.
    for (let t = 41_000; t <= 60_000; t += 1000) lines.push(...p.scan(t))
    expect(lines).toEqual(['T/P:ROC activate>unack', 'T/P:ROC return>rtnUnack'])
  })

  it('falling direction only; a step counts as its size over the window', () => {
    const p = new Plant({ 'T/P': 100 }, { 'T/P': [def('roc', { rate: 5, windowMs: 2000, direction: 'fall' })] })
    p.scan(0)
    expect(p.scan(3000)).toEqual([])
    expect(p.set({ 'T/P': 120 }).scan(3100)).toEqual([]) // +10/s: a rise
    expect(p.set({ 'T/P': 115 }).scan(6000)).toEqual([]) // -2.5/s against the value held at 4000
    expect(p.set({ 'T/P': 100 }).scan(6100)).toEqual(['T/P:ROC activate>unack']) // -10/s
    // Within 1/16 of the window the second change is merged into the first: the step counts from 6000.
    expect(p.scan(7999)).toEqual([])
    expect(p.scan(8000)).toEqual(['T/P:ROC return>rtnUnack'])
  })
})

describe('discrete and bad quality', () => {
  it('discrete on true, on a number and on a text', () => {
    const p = new Plant({ 'M/Trip': false, 'M/Mode': 0, 'M/State': 'RUN' }, {
      'M/Trip': [def('discrete', {})],
      'M/Mode': [def('discrete', { state: 3 })],
      'M/State': [def('discrete', { state: 'FAULT' })],
    })
    p.scan(0)
    expect(p.set({ 'M/Trip': true, 'M/Mode': 3, 'M/State': 'FAULT' }).scan(1)).toEqual([
      'M/Trip:DISCRETE activate>unack', 'M/Mode:DISCRETE activate>unack', 'M/State:DISCRETE activate>unack',
    ])
    expect(p.engine.query.get('M/State:DISCRETE')?.value).toBe('FAULT')
    expect(p.engine.query.get('M/Trip:DISCRETE')?.value).toBe(true)
    expect(p.set({ 'M/Trip': 0, 'M/Mode': 2, 'M/State': 'RUN' }).scan(2)).toHaveLength(3)
  })

  it('bad quality raises and clears with the status; the journal value is the status code', () => {
    const p = new Plant({ 'S/Flow': 1 }, { 'S/Flow': [def('badQuality', {}), def('hi', { limit: 10 })] })
    p.scan(0)
    p.set({ 'S/Flow': null }, Status.BadNotConnected)
    p.engine.evaluate(1, (i) => p.values[i]!, (i) => p.status[i]!)
    const [e] = p.engine.drainJournal()
    expect(e).toMatchObject({ alarmId: 'S/Flow:BADQUALITY', event: 'activate', value: Status.BadNotConnected })
    expect(p.set({ 'S/Flow': 3 }, Status.Uncertain).scan(2)).toEqual(['S/Flow:BADQUALITY return>rtnUnack'])
  })

  it('includeUncertain counts uncertain as bad', () => {
    const p = new Plant({ 'S/F': 1 }, { 'S/F': [def('badQuality', { includeUncertain: true })] })
    p.scan(0)
    expect(p.set({ 'S/F': 1 }, Status.UncertainLastUsableValue).scan(1)).toEqual(['S/F:BADQUALITY activate>unack'])
  })
})

describe('delays through the timer heap', () => {
  it('on-delay fires without further changes; off-delay filters a short return', () => {
    const p = new Plant({ 'T/L': 0 }, { 'T/L': [def('hi', { limit: 10, onDelayMs: 5000, offDelayMs: 2000 })] })
    p.scan(0)
    expect(p.set({ 'T/L': 20 }).scan(1000)).toEqual([])
    expect(p.scan(5999)).toEqual([])
    expect(p.scan(6000)).toEqual(['T/L:HI activate>unack'])
    expect(p.set({ 'T/L': 0 }).scan(7000)).toEqual([])
    expect(p.set({ 'T/L': 20 }).scan(8000)).toEqual([])
    expect(p.scan(20_000)).toEqual([])
    expect(p.set({ 'T/L': 0 }).scan(21_000)).toEqual([])
    expect(p.scan(30_000)).toEqual(['T/L:HI return>rtnUnack'])
  })
})

describe('suppression by design', () => {
  it('an expression hides alarms: no banner, journal kept as hidden; clears when the expression turns false', () => {
    const p = new Plant({ 'A/Startup': true, 'A/T1': 0, 'A/T2': 0 }, {
      'A/T1': [def('hi', { limit: 10, suppressedBy: '{A/Startup}' })],
      'A/T2': [def('hi', { limit: 10, suppressedBy: '{A/Startup}' })],
    })
    expect(p.scan(0)).toEqual(['A/T1:HI suppress>normal hidden', 'A/T2:HI suppress>normal hidden'])
    expect(p.set({ 'A/T1': 20 }).scan(1)).toEqual(['A/T1:HI activate>normal hidden'])
    expect(p.engine.query.banner()).toEqual([])
    expect(p.engine.query.counts().suppressed).toBe(2)
    expect(p.set({ 'A/Startup': false }).scan(2)).toEqual(['A/T1:HI unsuppress>normal', 'A/T1:HI activate>unack', 'A/T2:HI unsuppress>normal'])
    expect(p.engine.query.banner().map((v) => v.alarmId)).toEqual(['A/T1:HI'])
  })

  it('a bad expression input does not suppress', () => {
    const p = new Plant({ 'A/Startup': true, 'A/T1': 20 }, { 'A/T1': [def('hi', { limit: 10, suppressedBy: '{A/Startup} == true' })] })
    expect(p.scan(0)).toEqual(['A/T1:HI suppress>normal hidden', 'A/T1:HI activate>normal hidden'])
    p.set({ 'A/Startup': true }, Status.Bad)
    expect(p.scan(1)).toEqual(['A/T1:HI unsuppress>normal', 'A/T1:HI activate>unack'])
  })
})
