/**
 * Stable JSON text for APP files, so that saving an unchanged document gives the same bytes and an edit gives a
 * small git diff: 2-space indent, trailing newline, and object keys in one fixed order (the schema's natural order
 * for known keys, then the rest alphabetically). The order never depends on edit history, so two editors making
 * the same change write the same text.
 */

/** Keys that read best first, in this order (manifest, tags, programs, screens, widgets, actions, LocalText). */
const KEY_ORDER = [
  'format', 'id', 'name', 'type', 'action', 'kind', 'folder', 'version', 'title', 'description', 'classification',
  'connection', 'address', 'samplingMs', 'initial', 'expr', 'tag', 'value', 'screen',
  'dataType', 'source', 'unit', 'range', 'scaling', 'limits', 'deadband', 'access', 'decimals',
  'min', 'max', 'rawMin', 'rawMax', 'engMin', 'engMax', 'hihi', 'hi', 'lo', 'lolo', 'write', 'confirm',
  'connections', 'entryScreen', 'tasks', 'periodMs', 'programs',
  'x', 'y', 'w', 'h', 'width', 'height', 'background', 'nav',
  'params', 'inputs', 'props', 'bindings', 'events', 'from', 'to',
  'en', 'zh-CN',
  'tags', 'blocks', 'wires', 'widgets',
] as const
const RANK = new Map<string, number>(KEY_ORDER.map((k, i) => [k, i]))

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a)
  const rb = RANK.get(b)
  if (ra !== undefined && rb !== undefined) return ra - rb
  if (ra !== undefined) return -1
  if (rb !== undefined) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v === null || typeof v !== 'object') return v
  const src = v as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(src).sort(compareKeys)) {
    const x = src[k]
    if (x !== undefined) out[k] = canonical(x)
  }
  return out
}

/**
 * The file text of a parsed APP file. Non-JSON files (`*.st`) are kept as strings and written as they are.
 * @example formatFile({ name: 'a', format: 1 }) === '{\n  "format": 1,\n  "name": "a"\n}\n'
 */
export function formatFile(content: unknown): string {
  if (typeof content === 'string') return content
  return `${JSON.stringify(canonical(content), null, 2)}\n`
}

/** Whether a draft path holds JSON (parsed into the document) rather than text kept as a string. */
export function isJsonPath(path: string): boolean {
  return path.endsWith('.json')
}

/** Parse a draft file's text: JSON files to values, other files stay strings. Throws on malformed JSON. */
export function parseFile(path: string, text: string): unknown {
  return isJsonPath(path) ? (JSON.parse(text) as unknown) : text
}
