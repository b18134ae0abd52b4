import { describe, expect, it } from 'vitest'
import { rig, type Rig } from '../../engine/__tests__/net.js'

/** Pulses a counting input: TRUE then FALSE, two scans. */
const pulse = (r: Rig, pin: string): Rig => r.step({ [pin]: true }).step({ [pin]: false })

/** Puts a value straight into CV's state slot (the first state slot of every counter). */
function preload(r: Rig, cv: number): void {
  r.inst.state[r.plan.exec.blocks.get('b')!.stateOffset] = cv
}

describe('CTU', () => {
  it('counts rising edges of CU only; Q when CV >= PV', () => {
    const r = rig('CTU', { PV: 3 })
    r.step({ CU: false, R: false })
    pulse(r, 'CU')
    expect([r.get('CV'), r.get('Q')]).toEqual([1, false])
    r.step({ CU: true }).step({ CU: true }).step({ CU: true })
    expect(r.get('CV')).toBe(2)
    r.step({ CU: false })
    pulse(r, 'CU')
    expect([r.get('CV'), r.get('Q')]).toEqual([3, true])
    pulse(r, 'CU')
    expect([r.get('CV'), r.get('Q')]).toEqual([4, true])
  })

  it('CU TRUE on the first scan counts (edge memory starts FALSE)', () => {
    expect(rig('CTU', { PV: 3 }).step({ CU: true, R: false }).get('CV')).toBe(1)
  })

  it('R is dominant and an edge during reset is consumed', () => {
    const r = rig('CTU', { PV: 3 })
    pulse(r, 'CU')
    expect(r.step({ CU: true, R: true }).get('CV')).toBe(0)
    expect(r.step({ R: false }).get('CV')).toBe(0)
    expect(r.step({ CU: false }).step({ CU: true }).get('CV')).toBe(1)
  })

  it('stops at the INT maximum', () => {
    const r = rig('CTU', { PV: 100 })
    r.step({ CU: false, R: false })
    preload(r, 32766)
    pulse(r, 'CU')
    pulse(r, 'CU')
    expect(r.get('CV')).toBe(32767)
  })
})

describe('CTD', () => {
  it('LD loads PV, CD edges count down, Q when CV <= 0', () => {
    const r = rig('CTD')
    expect(r.step({ CD: false, LD: false, PV: 2 }).get('Q')).toBe(true) // CV starts at 0
    expect(r.step({ LD: true }).get('CV')).toBe(2)
    r.step({ LD: false })
    pulse(r, 'CD')
    expect([r.get('CV'), r.get('Q')]).toEqual([1, false])
    pulse(r, 'CD')
    expect([r.get('CV'), r.get('Q')]).toEqual([0, true])
    pulse(r, 'CD')
    expect(r.get('CV')).toBe(-1)
  })

  it('LD wins over CD and the counter stops at the INT minimum', () => {
    const r = rig('CTD')
    expect(r.step({ CD: true, LD: true, PV: -32767 }).get('CV')).toBe(-32767)
    r.step({ CD: false, LD: false })
    pulse(r, 'CD')
    pulse(r, 'CD')
    expect(r.get('CV')).toBe(-32768)
  })
})

describe('CTUD', () => {
  it('counts up and down; simultaneous edges cancel', () => {
    const r = rig('CTUD', { PV: 2 })
    r.step({ CU: false, CD: false, R: false, LD: false })
    pulse(r, 'CU')
    pulse(r, 'CU')
    expect([r.get('CV'), r.get('QU'), r.get('QD')]).toEqual([2, true, false])
    pulse(r, 'CD')
    expect(r.get('CV')).toBe(1)
    r.step({ CU: true, CD: true })
    expect(r.get('CV')).toBe(1)
    r.step({ CU: false, CD: false })
    pulse(r, 'CD')
    expect([r.get('CV'), r.get('QU'), r.get('QD')]).toEqual([0, false, true])
  })

  it('R beats LD, LD beats counting', () => {
    const r = rig('CTUD', { PV: 5 })
    expect(r.step({ CU: true, CD: false, R: false, LD: true }).get('CV')).toBe(5)
    expect(r.step({ R: true }).get('CV')).toBe(0)
    expect(r.step({ R: false, LD: false, CU: false }).step({ CU: true }).get('CV')).toBe(1)
  })

  it('saturates at the INT limits', () => {
    const r = rig('CTUD', { PV: 32766 })
    r.step({ CU: false, CD: false, R: false, LD: true }).step({ LD: false })
    pulse(r, 'CU')
    pulse(r, 'CU')
    expect(r.get('CV')).toBe(32767)
  })
})
