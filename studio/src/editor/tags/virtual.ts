/**
 * Range math of a fixed-row-height virtual scroller: only the rows in view (plus a few above and below) are
 * rendered, positioned by one translateY, inside a spacer as tall as all rows. Pure, so it is tested directly.
 */

export interface VirtualRange {
  /** First rendered row (inclusive). */
  start: number
  /** Last rendered row (exclusive). */
  end: number
  /** translateY of the first rendered row, px. */
  offset: number
  /** Height of all rows, px. */
  total: number
}

/**
 * @param count rows in the list
 * @param rowHeight px per row (> 0)
 * @param scrollTop px scrolled from the top of the rows
 * @param viewport px of rows visible
 * @param overscan extra rows rendered above and below (smooth fast scrolling)
 */
export function virtualRange(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan = 6): VirtualRange {
  const total = Math.max(0, count) * rowHeight
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total: 0 }
  const maxTop = Math.max(0, total - viewport)
  const top = Math.min(Math.max(0, scrollTop), maxTop)
  const first = Math.floor(top / rowHeight)
  const visible = Math.ceil((top + Math.max(0, viewport)) / rowHeight) - first
  const start = Math.max(0, first - overscan)
  const end = Math.min(count, first + visible + overscan)
  return { start, end, offset: start * rowHeight, total }
}

/** scrollTop that brings row `index` into view with the least movement (unchanged when already visible). */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewport: number): number {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport
  return scrollTop
}
