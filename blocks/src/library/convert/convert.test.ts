import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('TO_* conversions', () => {
  it('TO_INT rounds halves to even and saturates', () => {
    const r = rig('TO_INT')
    const conv = (x: number): unknown => r.step({ IN: x }).get('OUT')
    expect([1.4, 1.5, 2.5, -1.5, -2.5, 2.6].map(conv)).toEqual([1, 2, 2, -2, -2, 3])
    expect([40000, -40000, NaN].map(conv)).toEqual([32767, -32768, 0])
  })

  it('TO_BOOL is IN <> 0, BOOL to INT is 0/1', () => {
    const b = rig('TO_BOOL')
    expect([0, 0.5, -3].map((x) => b.step({ IN: x }).get('OUT'))).toEqual([false, true, true])
    expect(rig('TO_INT', {}, { types: { IN: 'BOOL' } }).step({ IN: true }).get('OUT')).toBe(1)
  })

  it('TO_REAL, TO_TIME keep the value and type the output', () => {
    const r = rig('TO_TIME')
    expect(r.plan.pinType('b', 'OUT')).toBe('TIME')
    expect(r.step({ IN: 1500 }).get('OUT')).toBe(1500)
    expect(rig('TO_REAL', {}, { types: { IN: 'DINT' } }).step({ IN: 7 }).get('OUT')).toBe(7)
  })
})
