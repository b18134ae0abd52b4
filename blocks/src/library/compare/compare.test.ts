import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('comparisons', () => {
  const cases: [string, (a: number, b: number) => boolean][] = [
    ['GT', (a, b) => a > b], ['GE', (a, b) => a >= b], ['EQ', (a, b) => a === b],
    ['NE', (a, b) => a !== b], ['LE', (a, b) => a <= b], ['LT', (a, b) => a < b],
  ]
  for (const [type, f] of cases) {
    it(`${type} compares IN1 with IN2`, () => {
      const r = rig(type)
      for (const [a, b] of [[1, 2], [2, 2], [3, 2], [-1.5, -1.25]] as const) {
        expect(r.step({ IN1: a, IN2: b }).get('OUT'), `${type}(${a},${b})`).toBe(f(a, b))
      }
    })
  }

  it('compare BOOLs too', () => {
    const r = rig('EQ', {}, { types: { IN1: 'BOOL', IN2: 'BOOL' } })
    expect(r.step({ IN1: true, IN2: true }).get('OUT')).toBe(true)
    expect(r.step({ IN2: false }).get('OUT')).toBe(false)
  })
})
