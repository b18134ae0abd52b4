/**
 * Where a moving edge may snap: every target's left/centre/right (x) and top/middle/bottom (y) lines, sorted once
 * per gesture, so each animation frame of a drag looks up the few lines within the threshold by binary search
 * instead of testing every widget on the screen.
 */
import type { Rect } from './geometry'

/** A snap onto a target's line: the correction `delta` that puts a moving line onto `line`. */
export interface AxisSnap { delta: number; line: number; target: Rect }

interface Line { v: number; t: number; k: number }

function lines(targets: readonly Rect[], axis: 'x' | 'y'): Line[] {
  const out: Line[] = []
  targets.forEach((r, t) => {
    const a = axis === 'x' ? r.x : r.y
    const s = axis === 'x' ? r.w : r.h
    out.push({ v: a, t, k: 0 }, { v: a + s / 2, t, k: 1 }, { v: a + s, t, k: 2 })
  })
  return out.sort((p, q) => p.v - q.v)
}

/** First index whose value is >= v. */
function lowerBound(ls: readonly Line[], v: number): number {
  let lo = 0
  let hi = ls.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((ls[mid] as Line).v < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class SnapIndex {
  private readonly xs: Line[]
  private readonly ys: Line[]

  constructor(private readonly targets: readonly Rect[]) {
    this.xs = lines(targets, 'x')
    this.ys = lines(targets, 'y')
  }

  /**
   * The closest target line to any of the `moving` lines, within `threshold`. Ties go to the earlier target, then
   * the earlier of its lines (start, centre, end), then the earlier moving line: the order a plain scan of the
   * targets would find them in, so the index changes no snap.
   */
  best(moving: readonly number[], axis: 'x' | 'y', threshold: number): AxisSnap | null {
    if (!(threshold >= 0)) return null
    const ls = axis === 'x' ? this.xs : this.ys
    let best: Line | null = null
    let bestD = 0
    let bestM = 0
    moving.forEach((m, mi) => {
      let i = lowerBound(ls, m - threshold)
      // Rounding of m - threshold must not cut off a line that is exactly at the threshold.
      while (i > 0 && Math.abs((ls[i - 1] as Line).v - m) <= threshold) i--
      for (; i < ls.length; i++) {
        const l = ls[i] as Line
        const d = l.v - m
        if (d > threshold) break
        if (Math.abs(d) > threshold) continue
        const ad = Math.abs(d)
        const bd = Math.abs(bestD)
        if (best === null || ad < bd || (ad === bd && (l.t < best.t || (l.t === best.t && (l.k < best.k || (l.k === best.k && mi < bestM)))))) {
          best = l
          bestD = d
          bestM = mi
        }
      }
    })
    if (best === null) return null
    const b: Line = best
    return { delta: bestD, line: b.v, target: this.targets[b.t] as Rect }
  }
}
