import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('R_TRIG', () => {
  it('pulses one scan on each rising edge', () => {
    const r = rig('R_TRIG')
    const seq = [false, true, true, false, true, false].map((clk) => r.step({ CLK: clk }).get('Q'))
    expect(seq).toEqual([false, true, false, false, true, false])
  })

  it('CLK TRUE on the first scan gives Q TRUE (IEC: M starts FALSE)', () => {
    const r = rig('R_TRIG')
    expect(r.step({ CLK: true }).get('Q')).toBe(true)
    expect(r.step({}).get('Q')).toBe(false)
  })
})

describe('F_TRIG', () => {
  it('pulses one scan on each falling edge', () => {
    const r = rig('F_TRIG')
    const seq = [true, false, false, true, false].map((clk) => r.step({ CLK: clk }).get('Q'))
    expect(seq).toEqual([false, true, false, false, true])
  })

  it('does not pulse on a first scan with CLK FALSE (documented deviation from the literal IEC text)', () => {
    expect(rig('F_TRIG').step({ CLK: false }).get('Q')).toBe(false)
  })
})
