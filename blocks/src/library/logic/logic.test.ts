import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

const B = [false, true]

describe('AND / OR / XOR', () => {
  it('match their truth tables on two inputs', () => {
    for (const [type, f] of [
      ['AND', (a: boolean, b: boolean) => a && b],
      ['OR', (a: boolean, b: boolean) => a || b],
      ['XOR', (a: boolean, b: boolean) => a !== b],
    ] as const) {
      const r = rig(type)
      for (const a of B) for (const b of B) expect(r.step({ IN1: a, IN2: b }).get('OUT'), `${type}(${a},${b})`).toBe(f(a, b))
    }
  })

  it('treat unwired IN3..IN8 as neutral', () => {
    const and = rig('AND', {}, { drive: ['IN1', 'IN2', 'IN5'] })
    expect(and.step({ IN1: true, IN2: true, IN5: true }).get('OUT')).toBe(true)
    expect(and.step({ IN5: false }).get('OUT')).toBe(false)
    const or = rig('OR', {}, { drive: ['IN1', 'IN2', 'IN8'] })
    expect(or.step({ IN1: false, IN2: false, IN8: false }).get('OUT')).toBe(false)
    expect(or.step({ IN8: true }).get('OUT')).toBe(true)
  })

  it('XOR over many inputs is odd parity', () => {
    const r = rig('XOR', {}, { drive: ['IN1', 'IN2', 'IN3'] })
    expect(r.step({ IN1: true, IN2: true, IN3: true }).get('OUT')).toBe(true)
    expect(r.step({ IN3: false }).get('OUT')).toBe(false)
  })

  it('an unwired required input takes the IEC default FALSE, or its constant', () => {
    expect(rig('AND', {}, { drive: ['IN1'] }).step({ IN1: true }).get('OUT')).toBe(false)
    expect(rig('AND', { IN2: true }).step({ IN1: true }).get('OUT')).toBe(true)
    expect(rig('AND', { IN3: false }).step({ IN1: true, IN2: true }).get('OUT')).toBe(false)
  })
})

describe('NOT', () => {
  it('negates', () => {
    const r = rig('NOT')
    expect(r.step({ IN: false }).get('OUT')).toBe(true)
    expect(r.step({ IN: true }).get('OUT')).toBe(false)
  })
})
