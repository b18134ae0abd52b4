/** Geometry of popup windows inside their layer (the area of the screen below): size, first position, clamping. */

export interface Size { w: number; h: number }
export interface Point { x: number; y: number }

/** Height of the title bar (drag handle and close button). */
export const TITLE_H = 32
/** Border around the content, each side. */
export const FRAME = 2
/** Without a requested width, small content (a faceplate) is scaled up to at least this width to stay legible. */
export const MIN_WIDTH = 320
/** Offset between cascaded popups opened without a position. */
export const CASCADE = 28

export interface WindowLayout {
  /** Uniform scale of the content's design size. */
  scale: number
  /** The scaled content. */
  content: Size
  /** The whole window: content, title bar and frame. */
  outer: Size
}

/**
 * The window for content of `design` size: `width` (or the design width, at least MIN_WIDTH) sets the scale,
 * then the whole window shrinks, aspect kept, until it fits `area`. An area of zero (not measured yet) fits all.
 */
export function windowLayout(design: Size, area: Size, width?: number): WindowLayout {
  const dw = Math.max(1, design.w)
  const dh = Math.max(1, design.h)
  let scale = (width ?? Math.max(dw, MIN_WIDTH)) / dw
  if (area.w > 0 && area.h > 0) {
    const fit = Math.min((area.w - 2 * FRAME) / (dw * scale), (area.h - TITLE_H - 2 * FRAME) / (dh * scale))
    if (fit < 1) scale *= Math.max(0.05, fit)
  }
  const content = { w: dw * scale, h: dh * scale }
  return { scale, content, outer: { w: content.w + 2 * FRAME, h: content.h + TITLE_H + 2 * FRAME } }
}

/** Keeps the window inside the area where it fits, and its title bar reachable where it does not. */
export function clampPosition(p: Point, outer: Size, area: Size): Point {
  if (area.w <= 0 || area.h <= 0) return { x: Math.max(0, p.x), y: Math.max(0, p.y) }
  return {
    x: Math.round(Math.min(Math.max(0, p.x), Math.max(0, area.w - outer.w))),
    y: Math.round(Math.min(Math.max(0, p.y), Math.max(0, area.h - outer.h))),
  }
}

/** Where a popup first appears: at the requested point, else centred and cascaded by its place in the stack. */
export function initialPosition(outer: Size, area: Size, slot: number, at?: { x?: number | undefined; y?: number | undefined }): Point {
  const off = CASCADE * (slot % 5)
  const x = at?.x ?? (area.w - outer.w) / 2 + off
  const y = at?.y ?? (area.h - outer.h) / 2 + off
  return clampPosition({ x, y }, outer, area)
}
