import { describe, expect, it } from 'vitest'
import { CASCADE, FRAME, MIN_WIDTH, TITLE_H, clampPosition, initialPosition, windowLayout } from './layout'

const AREA = { w: 1200, h: 700 }

describe('popup window layout', () => {
  it('scales small content up to the minimum width and keeps its aspect', () => {
    const l = windowLayout({ w: 240, h: 140 }, AREA)
    expect(l.scale).toBe(MIN_WIDTH / 240)
    expect(l.content).toEqual({ w: MIN_WIDTH, h: 140 * MIN_WIDTH / 240 })
    expect(l.outer).toEqual({ w: MIN_WIDTH + 2 * FRAME, h: l.content.h + TITLE_H + 2 * FRAME })
  })

  it('uses a requested width, and shrinks to fit the area (aspect kept)', () => {
    expect(windowLayout({ w: 240, h: 140 }, AREA, 480).scale).toBe(2)
    const big = windowLayout({ w: 1280, h: 720 }, AREA)
    expect(big.outer.h).toBeCloseTo(AREA.h)
    expect(big.outer.w).toBeLessThanOrEqual(AREA.w)
    expect(big.content.w / big.content.h).toBeCloseTo(1280 / 720)
    // Not measured yet: nothing to fit.
    expect(windowLayout({ w: 1280, h: 720 }, { w: 0, h: 0 }).scale).toBe(1)
  })

  it('centres and cascades, honours a requested point, and keeps the window inside', () => {
    const outer = { w: 300, h: 200 }
    expect(initialPosition(outer, AREA, 0)).toEqual({ x: 450, y: 250 })
    expect(initialPosition(outer, AREA, 2)).toEqual({ x: 450 + 2 * CASCADE, y: 250 + 2 * CASCADE })
    expect(initialPosition(outer, AREA, 0, { x: 20, y: 30 })).toEqual({ x: 20, y: 30 })
    expect(initialPosition(outer, AREA, 0, { x: 5000, y: -4 })).toEqual({ x: 900, y: 0 })
    expect(clampPosition({ x: -50, y: 9999 }, outer, AREA)).toEqual({ x: 0, y: 500 })
    // Larger than the area: its title bar stays at the top-left corner.
    expect(clampPosition({ x: 100, y: 100 }, { w: 2000, h: 900 }, AREA)).toEqual({ x: 0, y: 0 })
  })
})
