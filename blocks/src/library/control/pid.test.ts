import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

const num = (v: unknown): number => v as number

describe('PID', () => {
  it('P only: OUT = KP * (SP - PV), ERR = SP - PV', () => {
    const r = rig('PID', { KP: 2 }, { drive: ['PV', 'SP'] })
    r.step({ SP: 50, PV: 40 })
    expect([r.get('OUT'), r.get('ERR')]).toEqual([20, 10])
    r.step({ PV: 45 }, 1000)
    expect([r.get('OUT'), r.get('ERR')]).toEqual([10, 5])
  })

  it('DIRECT = TRUE reverses the error', () => {
    const r = rig('PID', { KP: 2, DIRECT: true }, { drive: ['PV', 'SP'] })
    r.step({ SP: 40, PV: 50 })
    expect([r.get('OUT'), r.get('ERR')]).toEqual([20, 10])
  })

  it('integrates KP * e * dt / TI per scan, using the scan clock (nothing on the first scan)', () => {
    const r = rig('PID', { KP: 1, TI: 10 }, { drive: ['PV', 'SP'] })
    r.step({ SP: 50, PV: 40 })
    expect(r.get('OUT')).toBe(10)
    r.scan(1000)
    expect(num(r.get('OUT'))).toBeCloseTo(11, 12)
    r.run(9, 1000)
    // After TI the integral has repeated the proportional action once.
    expect(num(r.get('OUT'))).toBeCloseTo(20, 12)
  })

  it('limits OUT to OUT_MIN..OUT_MAX', () => {
    const r = rig('PID', { KP: 10, OUT_MIN: 10, OUT_MAX: 20 }, { drive: ['PV', 'SP'] })
    expect(r.step({ SP: 50, PV: 40 }).get('OUT')).toBe(20)
    expect(r.step({ SP: 30 }).get('OUT')).toBe(10)
  })

  it('does not wind up while saturated: OUT leaves the limit as soon as the error reverses', () => {
    const r = rig('PID', { KP: 1, TI: 1 }, { drive: ['PV', 'SP'] })
    r.step({ SP: 60, PV: 50 })
    r.run(200, 100) // 20 s at e = 10: an unchecked integral would reach 210
    expect(r.get('OUT')).toBe(100)
    r.step({ SP: 40 }, 100)
    const out = num(r.get('OUT'))
    expect(out).toBeLessThan(100)
    expect(out).toBeGreaterThan(70)
  })

  it('manual -> auto is bumpless: OUT continues from the manual value', () => {
    const r = rig('PID', { KP: 2, TI: 5 }, { drive: ['PV', 'SP', 'MAN', 'MV_MAN'] })
    r.step({ SP: 55, PV: 50, MAN: true, MV_MAN: 42 })
    r.run(10, 100)
    expect(r.get('OUT')).toBe(42)
    r.step({ MAN: false }, 100)
    // One scan of integral action (2 * 0.1 s * 5 / 5 s = 0.2) and no jump to KP * e = 10.
    expect(num(r.get('OUT'))).toBeCloseTo(42.2, 12)
    r.step({}, 100)
    expect(num(r.get('OUT'))).toBeCloseTo(42.4, 12)
  })

  it('auto -> manual: OUT follows MV_MAN at once, limited', () => {
    const r = rig('PID', { KP: 1, TI: 1 }, { drive: ['PV', 'SP', 'MAN', 'MV_MAN'] })
    r.step({ SP: 60, PV: 50, MAN: false, MV_MAN: 33 }).run(5, 100)
    expect(r.step({ MAN: true }, 100).get('OUT')).toBe(33)
    expect(r.step({ MV_MAN: 150 }, 100).get('OUT')).toBe(100)
  })

  it('derivative acts on PV only: a setpoint step gives no kick', () => {
    const r = rig('PID', { KP: 1, TD: 1 }, { drive: ['PV', 'SP'] })
    r.step({ SP: 50, PV: 50 }).scan(100)
    expect(r.step({ SP: 60 }, 100).get('OUT')).toBe(10)
    // PV rises by 1 in 0.1 s: D = -KP * TD * dPV/dt = -10; P = 9.
    expect(r.step({ PV: 51 }, 100).get('OUT')).toBe(0)
    r.step({ SP: 70 }, 100)
    expect(r.get('OUT')).toBe(19)
  })

  it('a repeated timestamp (dt = 0) neither integrates nor drops the derivative term', () => {
    const r = rig('PID', { KP: 1, TI: 1, TD: 1, OUT_MIN: -1000, OUT_MAX: 1000 }, { drive: ['PV', 'SP'] })
    r.step({ SP: 50, PV: 50 }).step({ PV: 49 }, 100)
    const before = num(r.get('OUT'))
    expect(r.scan(0).get('OUT')).toBe(before)
  })
})
