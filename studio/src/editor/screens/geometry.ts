/**
 * Pure geometry of the screen editor: alignment, distribution, snapping with guides, resizing, marquee hits.
 * Rectangles are in screen (design) pixels; nothing here touches the DOM or the document.
 */
import { SnapIndex } from './snap'
import type { AxisSnap } from './snap'

export interface Rect { x: number; y: number; w: number; h: number }
export interface Placed extends Rect { id: string }

/** A guide line shown while snapping: vertical (`x` fixed) or horizontal (`y` fixed), from `a` to `b`. */
export type Guide = { axis: 'x'; x: number; a: number; b: number } | { axis: 'y'; y: number; a: number; b: number }

export type AlignMode = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom'
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw'

export function bbox(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, w: 0, h: 0 }
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const r of rects) {
    x0 = Math.min(x0, r.x)
    y0 = Math.min(y0, r.y)
    x1 = Math.max(x1, r.x + r.w)
    y1 = Math.max(y1, r.y + r.h)
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** Whether `inner` lies entirely inside `outer` (marquee selection: a background panel is not caught by a drag over it). */
export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h
}

/** A rectangle from two corner points in any order (a marquee drag). */
export function rectFromPoints(x0: number, y0: number, x1: number, y1: number): Rect {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) }
}

/**
 * Align rectangles to the selection's bounding box (or, for a single one, to `frame`, usually the screen).
 * Returns the new positions by id.
 */
export function align(items: readonly Placed[], mode: AlignMode, frame?: Rect): Placed[] {
  const ref = items.length === 1 && frame ? frame : bbox(items)
  return items.map((r) => {
    switch (mode) {
      case 'left': return { ...r, x: ref.x }
      case 'center': return { ...r, x: Math.round(ref.x + (ref.w - r.w) / 2) }
      case 'right': return { ...r, x: ref.x + ref.w - r.w }
      case 'top': return { ...r, y: ref.y }
      case 'middle': return { ...r, y: Math.round(ref.y + (ref.h - r.h) / 2) }
      case 'bottom': return { ...r, y: ref.y + ref.h - r.h }
    }
  })
}

/**
 * Equal gaps between neighbours along an axis; the outermost two stay where they are. Needs three or more.
 */
export function distribute(items: readonly Placed[], axis: 'h' | 'v'): Placed[] {
  if (items.length < 3) return [...items]
  const pos = axis === 'h' ? 'x' : 'y'
  const size = axis === 'h' ? 'w' : 'h'
  const sorted = [...items].sort((a, b) => a[pos] - b[pos] || a.id.localeCompare(b.id))
  const first = sorted[0] as Placed
  const last = sorted[sorted.length - 1] as Placed
  const span = last[pos] + last[size] - first[pos]
  const total = sorted.reduce((s, r) => s + r[size], 0)
  const gap = (span - total) / (sorted.length - 1)
  const out = new Map<string, Placed>()
  let at = first[pos]
  for (const r of sorted) {
    out.set(r.id, { ...r, [pos]: Math.round(at) })
    at += r[size] + gap
  }
  return items.map((r) => out.get(r.id) as Placed)
}

export interface SnapOptions {
  /** Grid step in px; 0 = no grid. */
  grid: number
  /** How close (px) an edge or centre must come to snap to another widget's. */
  threshold: number
}

/** Where moves and resizes snap to: the other widgets' rectangles, or an index of them built once per gesture. */
export type SnapTargets = readonly Rect[] | SnapIndex

function indexOf(targets: SnapTargets): SnapIndex {
  return targets instanceof SnapIndex ? targets : new SnapIndex(targets)
}

function gridDelta(v: number, grid: number): number {
  return grid > 0 ? Math.round(v / grid) * grid - v : 0
}

function guideFor(axis: 'x' | 'y', s: AxisSnap, box: Rect): Guide {
  const t = s.target
  if (axis === 'x') return { axis: 'x', x: s.line, a: Math.min(box.y, t.y), b: Math.max(box.y + box.h, t.y + t.h) }
  return { axis: 'y', y: s.line, a: Math.min(box.x, t.x), b: Math.max(box.x + box.w, t.x + t.w) }
}

/**
 * Snap a moved box: to other widgets' edges and centres first (with a guide), else its top-left to the grid.
 * `box` is the selection's bounding box already moved by the raw pointer offset; returns the correction.
 */
export function snapMove(box: Rect, targets: SnapTargets, opts: SnapOptions): { dx: number; dy: number; guides: Guide[] } {
  const guides: Guide[] = []
  const idx = indexOf(targets)
  const sx = idx.best([box.x, box.x + box.w / 2, box.x + box.w], 'x', opts.threshold)
  const sy = idx.best([box.y, box.y + box.h / 2, box.y + box.h], 'y', opts.threshold)
  const dx = sx ? sx.delta : gridDelta(box.x, opts.grid)
  const dy = sy ? sy.delta : gridDelta(box.y, opts.grid)
  const moved = { ...box, x: box.x + dx, y: box.y + dy }
  if (sx) guides.push(guideFor('x', sx, moved))
  if (sy) guides.push(guideFor('y', sy, moved))
  return { dx, dy, guides }
}

/**
 * Resize `r` by dragging `handle` by (dx, dy), then snap the moving edges (to targets, else the grid).
 * The size never drops below `min`; the opposite edge stays put.
 */
export function resizeRect(r: Rect, handle: Handle, dx: number, dy: number, targets: SnapTargets, opts: SnapOptions & { min?: number }): { rect: Rect; guides: Guide[] } {
  const min = opts.min ?? 4
  const idx = indexOf(targets)
  let x0 = r.x
  let y0 = r.y
  let x1 = r.x + r.w
  let y1 = r.y + r.h
  const guides: Guide[] = []
  const snapEdge = (v: number, axis: 'x' | 'y'): number => {
    const s = idx.best([v], axis, opts.threshold)
    if (s) {
      guides.push(guideFor(axis, s, { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }))
      return v + s.delta
    }
    return v + gridDelta(v, opts.grid)
  }
  if (handle.includes('w')) x0 = Math.min(snapEdge(r.x + dx, 'x'), x1 - min)
  if (handle.includes('e')) x1 = Math.max(snapEdge(r.x + r.w + dx, 'x'), x0 + min)
  if (handle.includes('n')) y0 = Math.min(snapEdge(r.y + dy, 'y'), y1 - min)
  if (handle.includes('s')) y1 = Math.max(snapEdge(r.y + r.h + dy, 'y'), y0 + min)
  return { rect: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, guides }
}

export type ZOp = 'front' | 'back' | 'forward' | 'backward'

/**
 * The new paint order (first = bottom) after moving the selected ids. `forward`/`backward` move each selected
 * item one step past its unselected neighbour, keeping the selection's own order.
 */
export function reorder(order: readonly string[], selected: ReadonlySet<string>, op: ZOp): string[] {
  const sel = order.filter((id) => selected.has(id))
  const rest = order.filter((id) => !selected.has(id))
  if (op === 'front') return [...rest, ...sel]
  if (op === 'back') return [...sel, ...rest]
  const out = [...order]
  if (op === 'forward') {
    for (let i = out.length - 2; i >= 0; i--) {
      const a = out[i] as string
      const b = out[i + 1] as string
      if (selected.has(a) && !selected.has(b)) {
        out[i] = b
        out[i + 1] = a
      }
    }
  } else {
    for (let i = 1; i < out.length; i++) {
      const a = out[i] as string
      const b = out[i - 1] as string
      if (selected.has(a) && !selected.has(b)) {
        out[i] = b
        out[i - 1] = a
      }
    }
  }
  return out
}
