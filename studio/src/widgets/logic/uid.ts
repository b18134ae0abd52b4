let n = 0
/** A document-unique id for SVG defs (clip paths); widget ids may repeat across canvases. */
export function uid(prefix: string): string {
  return `${prefix}-${++n}`
}
