import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

const num = (v: unknown): number => v as number

describe('SCALE', () => {
  it('maps IN_MIN..IN_MAX linearly to OUT_MIN..OUT_MAX, without clamping', () => {
    const r = rig('SCALE', { IN_MIN: 4, IN_MAX: 20, OUT_MIN: 0, OUT_MAX: 100 }, { drive: ['IN'] })
    expect(r.step({ IN: 12 }).get('OUT')).toBe(50)
    expect(r.step({ IN: 4 }).get('OUT')).toBe(0)
    expect(r.step({ IN: 24 }).get('OUT')).toBe(125)
  })

  it('a zero input span gives OUT_MIN instead of NaN', () => {
    expect(rig('SCALE', { IN_MIN: 5, IN_MAX: 5, OUT_MIN: 7 }, { drive: ['IN'] }).step({ IN: 5 }).get('OUT')).toBe(7)
  })
})

describe('RAMP', () => {
  it('starts at IN, then moves towards IN by at most RATE per second', () => {
    const r = rig('RAMP', { RATE: 2 }, { drive: ['IN', 'RESET'] })
    expect(r.step({ IN: 0, RESET: false }).get('OUT')).toBe(0)
    r.step({ IN: 10 })
    expect([r.get('OUT'), r.get('BUSY')]).toEqual([0, true])
    r.run(10, 100)
    expect(num(r.get('OUT'))).toBeCloseTo(2, 12)
    r.run(41, 100) // 40 steps of 0.2 sum to 10 only up to rounding; the 41st lands exactly on IN
    expect([r.get('OUT'), r.get('BUSY')]).toEqual([10, false])
    r.step({ IN: 4 }, 1000)
    expect(r.get('OUT')).toBe(8)
    expect(r.step({ RESET: true }, 100).get('OUT')).toBe(4)
  })

  it('RATE <= 0 holds OUT', () => {
    const r = rig('RAMP', { RATE: 0 }, { drive: ['IN'] })
    r.step({ IN: 3 }).step({ IN: 10 }, 1000)
    expect(r.get('OUT')).toBe(3)
  })
})

describe('FILTER', () => {
  it('first scan OUT = IN; a step reaches 63.2 % after T regardless of scan period', () => {
    for (const period of [10, 100, 250]) {
      const r = rig('FILTER', { T: 1 }, { drive: ['IN'] })
      expect(r.step({ IN: 0 }).get('OUT')).toBe(0)
      r.set({ IN: 1 }).run(1000 / period, period)
      expect(num(r.get('OUT'))).toBeCloseTo(1 - Math.exp(-1), 10)
    }
  })

  it('T <= 0 passes IN through', () => {
    const r = rig('FILTER', { T: 0 }, { drive: ['IN'] })
    expect(r.step({ IN: 1 }).step({ IN: 5 }, 100).get('OUT')).toBe(5)
  })
})

describe('HYSTERESIS', () => {
  it('sets above HIGH, resets below LOW, holds in between', () => {
    const r = rig('HYSTERESIS', { HIGH: 60, LOW: 40 }, { drive: ['IN'] })
    const seq = [50, 60, 61, 50, 40, 39, 50].map((v) => r.step({ IN: v }).get('Q'))
    expect(seq).toEqual([false, false, true, true, true, false, false])
  })
})
