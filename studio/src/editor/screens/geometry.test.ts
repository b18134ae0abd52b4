import { describe, expect, it } from 'vitest'
import { align, bbox, contains, distribute, intersects, reorder, resizeRect, snapMove } from './geometry'

const r = (id: string, x: number, y: number, w = 10, h = 10) => ({ id, x, y, w, h })

describe('geometry', () => {
  it('aligns to the selection box, or a single widget to the frame', () => {
    const items = [r('a', 10, 0, 20), r('b', 50, 30, 40)]
    expect(align(items, 'left').map((i) => i.x)).toEqual([10, 10])
    expect(align(items, 'right').map((i) => i.x + i.w)).toEqual([90, 90])
    expect(align(items, 'center').map((i) => i.x)).toEqual([40, 30])
    expect(align(items, 'bottom').map((i) => i.y + i.h)).toEqual([40, 40])
    expect(align(items, 'middle').map((i) => i.y)).toEqual([15, 15])
    expect(align([r('a', 10, 10)], 'center', { x: 0, y: 0, w: 100, h: 100 })[0]).toMatchObject({ x: 45 })
  })

  it('distributes with equal gaps, outermost fixed, result in input order', () => {
    const out = distribute([r('c', 100, 0, 20), r('a', 0, 0, 10), r('b', 15, 0, 30)], 'h')
    expect(out.map((i) => i.id)).toEqual(['c', 'a', 'b'])
    expect(out.map((i) => i.x)).toEqual([100, 0, 40])
    expect(distribute([r('a', 0, 0), r('b', 5, 0)], 'v').map((i) => i.y)).toEqual([0, 0])
  })

  it('snaps to other edges and centres with a guide, else to the grid', () => {
    const target = { x: 100, y: 100, w: 50, h: 50 }
    const s = snapMove({ x: 148, y: 13, w: 20, h: 20 }, [target], { grid: 10, threshold: 5 })
    expect(s.dx).toBe(2) // left edge onto the target's right edge
    expect(s.dy).toBe(-3) // no widget near on y: grid
    expect(s.guides).toEqual([{ axis: 'x', x: 150, a: 10, b: 150 }])
    expect(snapMove({ x: 113, y: 200, w: 20, h: 20 }, [target], { grid: 0, threshold: 5 }).dx).toBe(2) // centres meet
  })

  it('resizes from any handle with a minimum size and snapped edges', () => {
    const base = { x: 10, y: 10, w: 100, h: 50 }
    expect(resizeRect(base, 'se', 13, 4, [], { grid: 10, threshold: 4 }).rect).toEqual({ x: 10, y: 10, w: 110, h: 50 })
    expect(resizeRect(base, 'nw', 200, 0, [], { grid: 0, threshold: 4, min: 8 }).rect).toEqual({ x: 102, y: 10, w: 8, h: 50 })
    const snapped = resizeRect(base, 'e', 38, 0, [{ x: 150, y: 0, w: 10, h: 10 }], { grid: 0, threshold: 4 })
    expect(snapped.rect.w).toBe(140)
    expect(snapped.guides).toHaveLength(1)
  })

  it('reorders paint order: front, back, one step forward/backward keeping selection order', () => {
    const o = ['a', 'b', 'c', 'd']
    expect(reorder(o, new Set(['b']), 'front')).toEqual(['a', 'c', 'd', 'b'])
    expect(reorder(o, new Set(['c', 'b']), 'back')).toEqual(['b', 'c', 'a', 'd'])
    expect(reorder(o, new Set(['a', 'b']), 'forward')).toEqual(['c', 'a', 'b', 'd'])
    expect(reorder(o, new Set(['d']), 'backward')).toEqual(['a', 'b', 'd', 'c'])
    expect(reorder(o, new Set(['d']), 'forward')).toEqual(o)
  })

  it('marquee containment and intersection', () => {
    const m = { x: 0, y: 0, w: 50, h: 50 }
    expect(contains(m, r('a', 10, 10))).toBe(true)
    expect(contains(m, r('b', 45, 10))).toBe(false)
    expect(intersects(m, r('b', 45, 10))).toBe(true)
  })

  it('bounding box of several rectangles', () => {
    expect(bbox([r('a', 0, 5, 10, 10), r('b', 20, -5, 5, 5)])).toEqual({ x: 0, y: -5, w: 25, h: 20 })
  })
})
