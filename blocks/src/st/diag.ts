import type { Diagnostic, ErrorCode } from '../errors.js'

/** At most this many errors per compile; later ones would mostly be consequences of earlier ones. */
export const MAX_ERRORS = 100

/** Offsets to 1-based line and column (UTF-16 units, as Monaco counts them). */
export class LineMap {
  private readonly starts: number[] = [0]

  constructor(src: string) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 }
  }
}

interface Item { code: ErrorCode; severity: 'error' | 'warning'; message: string; p: number; e: number }

/** Thrown when the error cap is reached; the compiler stops at its entry. */
export class TooManyErrors extends Error {}

/** Collects diagnostics with source offsets; positions become line/column once, in `diagnostics()`. */
export class Sink {
  private readonly items: Item[] = []
  /** The closing "too many errors" entry, listed last whatever its position. */
  private capped: Item | null = null
  errors = 0

  constructor(private readonly lines: LineMap, private readonly file?: string) {}

  lineOf(offset: number): number {
    return this.lines.at(offset).line
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.at(offset)
  }

  error(code: ErrorCode, p: number, e: number, message: string): void {
    this.items.push({ code, severity: 'error', message, p, e })
    if (++this.errors >= MAX_ERRORS) {
      this.capped = { code: 'E_ST_LIMIT', severity: 'error', message: `${MAX_ERRORS} errors; compilation stopped`, p, e }
      throw new TooManyErrors()
    }
  }

  warning(code: ErrorCode, p: number, e: number, message: string): void {
    this.items.push({ code, severity: 'warning', message, p, e })
  }

  diagnostic(code: ErrorCode, severity: 'error' | 'warning', message: string, p: number, e: number): Diagnostic {
    const a = this.lines.at(p)
    const b = this.lines.at(Math.max(e, p))
    const d: Diagnostic = { code, severity, message, line: a.line, column: a.column, endLine: b.line, endColumn: b.column }
    if (this.file !== undefined) d.file = this.file
    return d
  }

  diagnostics(): Diagnostic[] {
    const sorted = [...this.items].sort((x, y) => x.p - y.p)
    if (this.capped) sorted.push(this.capped)
    return sorted.map((x) => this.diagnostic(x.code, x.severity, x.message, x.p, x.e))
  }
}
