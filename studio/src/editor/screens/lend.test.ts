import { describe, expect, it } from 'vitest'
import { liftUnseen } from './lend'

const w = (id: string, x: number, y: number, size = 10) => ({ id, x, y, w: size, h: size })

describe('lifting lent widgets into one layer', () => {
  it('changes nothing when the lent widgets are one run in paint order', () => {
    const ws = [w('a', 0, 0), w('b', 5, 5), w('c', 5, 5), w('d', 5, 5)]
    expect(liftUnseen(ws, new Set(['b', 'c']))).toBe(true)
    // Widgets before and after the run keep their place relative to all of it, overlapping or not.
    expect(liftUnseen(ws, new Set(['a']))).toBe(true)
  })

  it('changes nothing when a widget between lent ones overlaps none that covered it', () => {
    const ws = [w('a', 0, 0), w('x', 100, 100), w('b', 0, 0), w('y', 0, 0)]
    // x sits between a and b but touches neither; y overlaps both but comes after the last lent one.
    expect(liftUnseen(ws, new Set(['a', 'b']))).toBe(true)
    // Edges that only touch do not overlap.
    expect(liftUnseen([w('a', 0, 0), w('x', 10, 0), w('b', 20, 0)], new Set(['a', 'b']))).toBe(true)
  })

  it('would show a change when a widget between lent ones was covered by a later lent one', () => {
    const ws = [w('a', 0, 0), w('x', 50, 50), w('b', 55, 55)]
    expect(liftUnseen(ws, new Set(['a', 'b']))).toBe(false)
    // Covering an earlier lent one is fine: it still covers it when they are lifted to the first one's place.
    expect(liftUnseen([w('a', 50, 50), w('x', 55, 55), w('b', 0, 0)], new Set(['a', 'b']))).toBe(true)
  })

  it('treats an empty selection as nothing to lift', () => {
    expect(liftUnseen([w('a', 0, 0)], new Set())).toBe(true)
  })
})
