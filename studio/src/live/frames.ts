/**
 * Frame pacing for live updates and follow-up work, shared by the viewer and the editor.
 */

/**
 * Applies batches of rows at most once per animation frame: several batches arriving within one frame then cost
 * one render pass, and nothing renders between frames. Every row is still applied, in order. A hidden page has no
 * frames, so it applies at once rather than queueing.
 */
export function perFrame<T>(apply: (rows: T[]) => void): { push(rows: readonly T[]): void; flush(): void } {
  let pending: T[] = []
  let frame = false
  const flush = () => {
    frame = false
    const rows = pending
    pending = []
    if (rows.length > 0) apply(rows)
  }
  return {
    flush,
    push(rows) {
      if (typeof requestAnimationFrame !== 'function' || (typeof document !== 'undefined' && document.hidden)) {
        flush()
        apply([...rows])
        return
      }
      for (const r of rows) pending.push(r)
      if (!frame) {
        frame = true
        requestAnimationFrame(flush)
      }
    },
  }
}

/** Runs `fn` right after the next frame is painted (soon, but never inside the frame an edit is drawn in). */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || (typeof document !== 'undefined' && document.hidden)) setTimeout(fn, 0)
  else requestAnimationFrame(() => setTimeout(fn, 0))
}
