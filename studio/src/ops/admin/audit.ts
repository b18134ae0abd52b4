/** Short one-line rendering of audit values (old/new/detail) for a table cell. */
export function compactJson(v: unknown, max = 80): string {
  if (v === undefined || v === null) return ''
  let s: string
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v)
  } catch {
    s = String(v)
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}
