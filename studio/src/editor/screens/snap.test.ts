import { describe, expect, it } from 'vitest'
import type { Rect } from './geometry'
import { resizeRect, snapMove } from './geometry'
import { SnapIndex } from './snap'

/** The plain scan the index replaces: every target's lines against every moving line, first best wins. */
function scan(moving: readonly number[], targets: readonly Rect[], axis: 'x' | 'y', threshold: number) {
  let best: { delta: number; line: number; target: Rect } | null = null
  for (const t of targets) {
    const a = axis === 'x' ? t.x : t.y
    const s = axis === 'x' ? t.w : t.h
    for (const line of [a, a + s / 2, a + s]) {
      for (const m of moving) {
        const d = line - m
        if (Math.abs(d) <= threshold && (best === null || Math.abs(d) < Math.abs(best.delta))) best = { delta: d, line, target: t }
      }
    }
  }
  return best
}

/** A small deterministic PRNG (mulberry32): the same cases on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('snap index', () => {
  it('finds the same line as a scan of all targets, ties included (grid layouts share many edges)', () => {
    const rnd = prng(7)
    const targets: Rect[] = []
    for (let i = 0; i < 300; i++) {
      // Half on a coarse grid (many equal lines, many ties), half anywhere (fractional centres).
      const grid = i % 2 === 0
      targets.push(grid
        ? { x: Math.floor(rnd() * 20) * 48, y: Math.floor(rnd() * 20) * 43, w: 42, h: 34 }
        : { x: rnd() * 1000, y: rnd() * 800, w: 1 + rnd() * 120, h: 1 + rnd() * 90 })
    }
    const idx = new SnapIndex(targets)
    for (let i = 0; i < 2000; i++) {
      const x = Math.round(rnd() * 1000) / (i % 3 === 0 ? 1 : 2)
      const w = Math.round(rnd() * 200)
      const moving = [x, x + w / 2, x + w]
      const threshold = [0, 3, 6, 7.5, 20][i % 5] as number
      for (const axis of ['x', 'y'] as const) expect(idx.best(moving, axis, threshold)).toEqual(scan(moving, targets, axis, threshold))
    }
  })

  it('snaps nothing when snapping is off or there are no targets', () => {
    const idx = new SnapIndex([{ x: 10, y: 10, w: 10, h: 10 }])
    expect(idx.best([10], 'x', -1)).toBeNull()
    expect(new SnapIndex([]).best([10], 'x', 5)).toBeNull()
    expect(idx.best([10], 'x', 0)).toEqual({ delta: 0, line: 10, target: { x: 10, y: 10, w: 10, h: 10 } })
  })

  it('gives moves and resizes the same result from an index as from the plain list', () => {
    const targets: Rect[] = [{ x: 0, y: 0, w: 1920, h: 1080 }, { x: 100, y: 100, w: 50, h: 50 }, { x: 300, y: 40, w: 20, h: 200 }]
    const idx = new SnapIndex(targets)
    const opts = { grid: 10, threshold: 6 }
    for (const box of [{ x: 148, y: 13, w: 20, h: 20 }, { x: 296, y: 37, w: 30, h: 30 }, { x: 700, y: 700, w: 10, h: 10 }]) {
      expect(snapMove(box, idx, opts)).toEqual(snapMove(box, targets, opts))
      expect(resizeRect(box, 'se', 7, 5, idx, opts)).toEqual(resizeRect(box, 'se', 7, 5, targets, opts))
    }
  })
})
