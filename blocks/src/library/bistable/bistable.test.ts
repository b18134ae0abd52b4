import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('SR (set dominant)', () => {
  it('sets, holds, resets; S1 wins over R', () => {
    const r = rig('SR')
    expect(r.step({ S1: false, R: false }).get('Q1')).toBe(false)
    expect(r.step({ S1: true }).get('Q1')).toBe(true)
    expect(r.step({ S1: false }).get('Q1')).toBe(true)
    expect(r.step({ R: true }).get('Q1')).toBe(false)
    expect(r.step({ S1: true, R: true }).get('Q1')).toBe(true)
  })
})

describe('RS (reset dominant)', () => {
  it('sets, holds, resets; R1 wins over S', () => {
    const r = rig('RS')
    expect(r.step({ S: true, R1: false }).get('Q1')).toBe(true)
    expect(r.step({ S: false }).get('Q1')).toBe(true)
    expect(r.step({ S: true, R1: true }).get('Q1')).toBe(false)
    expect(r.step({ S: false, R1: false }).get('Q1')).toBe(false)
  })
})
