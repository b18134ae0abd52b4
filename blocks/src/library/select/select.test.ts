import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('SEL', () => {
  it('picks IN0 on FALSE, IN1 on TRUE', () => {
    const r = rig('SEL')
    expect(r.step({ G: false, IN0: 1, IN1: 2 }).get('OUT')).toBe(1)
    expect(r.step({ G: true }).get('OUT')).toBe(2)
  })

  it('passes BOOLs when BOOLs are wired', () => {
    const r = rig('SEL', {}, { types: { IN0: 'BOOL', IN1: 'BOOL' } })
    expect(r.plan.pinType('b', 'OUT')).toBe('BOOL')
    expect(r.step({ G: true, IN0: false, IN1: true }).get('OUT')).toBe(true)
  })
})

describe('MUX', () => {
  it('selects IN<K> and clamps K outside 0..3', () => {
    const r = rig('MUX', { IN2: 30, IN3: 40 })
    r.set({ IN0: 10, IN1: 20 })
    const at = (k: number): unknown => r.step({ K: k }).get('OUT')
    expect([at(0), at(1), at(2), at(3)]).toEqual([10, 20, 30, 40])
    expect([at(-1), at(4)]).toEqual([10, 40])
  })
})
