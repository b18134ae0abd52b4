/**
 * CSV export of a history query result (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or
 * line break quoted with quotes doubled; UTF-8; ISO 8601 UTC timestamps). Long format, one line per sample or bucket
 * and tag, so pens with different timestamps need no alignment.
 */
import type { Agg, HistoryResult, HistoryValue } from './query.js'

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (spreadsheet programs then detect UTF-8). Default false. */
  bom?: boolean
  /**
   * Prefix text values that a spreadsheet would run as a formula (= + - @ tab CR at the start) with an apostrophe.
   * Default true: exported data must not execute on the engineer's machine.
   */
  guardFormulas?: boolean
}

export function historyToCsv(result: HistoryResult, opts: CsvOptions = {}): string {
  const guard = opts.guardFormulas ?? true
  const lines: string[] = []
  const text = (v: HistoryValue): string => {
    if (v === null) return ''
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
    return field(guard && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
  }
  const iso = (t: number) => new Date(t).toISOString()
  if (result.kind === 'raw') {
    lines.push('time,tag,value,status')
    for (const s of result.series) {
      for (let i = 0; i < s.t.length; i++) lines.push(`${iso(s.t[i]!)},${field(s.tag)},${text(s.v[i]!)},${s.s[i]}`)
    }
  } else {
    const aggs: Agg[] = result.agg
    lines.push(['bucket_start', 'tag', ...aggs].join(','))
    for (const s of result.series) {
      for (let i = 0; i < s.t.length; i++) {
        const cells = [iso(s.t[i]!), field(s.tag)]
        for (const a of aggs) cells.push(text(s[a]?.[i] ?? null))
        lines.push(cells.join(','))
      }
    }
  }
  return (opts.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n'
}

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
