/**
 * RFC 4180 CSV: fields separated by `,`, records by CRLF (LF accepted), fields with `,` `"` CR LF quoted with `"`
 * and inner quotes doubled. One extension keeps round trips lossless: an unquoted empty field is "absent" (null)
 * while a quoted empty field `""` is the empty string.
 */

export type Cell = string | null

export interface CsvRecord {
  cells: Cell[]
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number
}

export interface CsvParse { records: CsvRecord[]; error?: { line: number; message: string } }

/** Parses CSV text; a leading UTF-8 BOM is skipped and empty lines are ignored. */
export function parseCsv(text: string): CsvParse {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: CsvRecord[] = []
  let cells: Cell[] = []
  let line = 1
  let start = 1
  let i = 0
  const n = s.length
  const endRecord = (): void => {
    if (!(cells.length === 1 && cells[0] === null)) records.push({ cells, line: start })
    cells = []
  }
  while (i <= n) {
    if (i === n) {
      // End of text: a final record without a line break still counts (unless the text ended on one).
      if (cells.length > 0) {
        cells.push(null)
        endRecord()
      }
      break
    }
    let value: Cell
    if (s[i] === '"') {
      const fieldLine = line
      let out = ''
      i++
      for (;;) {
        if (i >= n) return { records, error: { line: fieldLine, message: 'a quoted field is not closed' } }
        const c = s[i]!
        if (c === '"') {
          if (s[i + 1] === '"') {
            out += '"'
            i += 2
            continue
          }
          i++
          break
        }
        if (c === '\n') line++
        else if (c === '\r' && s[i + 1] !== '\n') line++
        out += c
        i++
      }
      // Lenient: text between a closing quote and the delimiter is kept (spreadsheets write `"a"b` rarely).
      while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') out += s[i++]
      value = out
    } else {
      let j = i
      while (j < n && s[j] !== ',' && s[j] !== '\n' && s[j] !== '\r') j++
      value = j === i ? null : s.slice(i, j)
      i = j
    }
    if (i < n && s[i] === ',') {
      cells.push(value)
      i++
      if (i === n) {
        cells.push(null)
        endRecord()
        break
      }
      continue
    }
    cells.push(value)
    if (i < n) {
      i += s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1
      line++
    }
    endRecord()
    start = line
    if (i === n) break
  }
  return { records }
}

function quote(v: Cell): string {
  if (v === null) return ''
  if (v === '' || /[",\r\n]/.test(v) || v !== v.trim()) return `"${v.replace(/"/g, '""')}"`
  return v
}

/** Serializes records with CRLF line ends (RFC 4180), each record ending in CRLF. */
export function serializeCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '')
}
