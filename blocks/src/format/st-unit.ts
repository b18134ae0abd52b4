/**
 * The Structured Text of an APP as one compilation unit: every `programs/*.st` file, in file order, compiled
 * together so that a FUNCTION_BLOCK, FUNCTION or TYPE of one file is usable in all of them. Positions in the unit
 * map back to the file and line they came from.
 */
import type { Diagnostic } from '../errors.js'
import type { BlockLibrary } from '../engine/registry.js'
import { compileSt, type StPou } from '../st/compile.js'
import type { StSourceFile } from './app.js'

/** The compiled Structured Text of an APP. */
export interface StUnit {
  /** Every POU of every file. */
  readonly pous: readonly StPou[]
  /** PROGRAM POUs by upper-case name (IEC names are case-insensitive). */
  readonly programs: ReadonlyMap<string, StPou>
  /** Compiler errors and warnings, each with its file, line and column. */
  readonly diagnostics: readonly Diagnostic[]
  /** True when the unit has no errors, so its POUs can run. */
  readonly ok: boolean
  /** Where a POU was written: its file, and the line and column of its name there. */
  where(pou: StPou): { file: string; line: number; column: number }
  /** A diagnostic with a unit position (a run-time fault of an instance) moved to its file and line. */
  locate(d: Diagnostic): Diagnostic
}

export interface StUnitOptions {
  library?: BlockLibrary
}

/**
 * Compiles an APP's Structured Text files as one unit.
 * @example
 * const unit = compileStFiles(app.stFiles ?? [])
 * const main = unit.programs.get('MAIN')
 */
export function compileStFiles(files: readonly StSourceFile[], options: StUnitOptions = {}): StUnit {
  // Each file starts on a fresh line of the unit, so columns are unchanged and only lines shift.
  const starts: number[] = []
  let line = 1
  let text = ''
  for (const f of files) {
    starts.push(line)
    const src = f.source.endsWith('\n') ? f.source : `${f.source}\n`
    text += src
    line += countLines(src)
  }
  const fileAt = (unitLine: number): number => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= unitLine) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const locate = (d: Diagnostic): Diagnostic => {
    if (files.length === 0) return d
    if (d.line === undefined) return { ...d, file: files[0]!.file }
    const k = fileAt(d.line)
    const out: Diagnostic = { ...d, file: files[k]!.file, line: d.line - starts[k]! + 1 }
    if (d.endLine !== undefined) {
      // A range never spans files in practice; clamp it to the file it starts in.
      const last = k + 1 < starts.length ? starts[k + 1]! - 1 : Number.MAX_SAFE_INTEGER
      out.endLine = Math.min(d.endLine, last) - starts[k]! + 1
    }
    return out
  }
  const r = compileSt(text, options.library ? { library: options.library } : {})
  const programs = new Map<string, StPou>()
  for (const p of r.pous) if (p.kind === 'PROGRAM' && !programs.has(p.name.toUpperCase())) programs.set(p.name.toUpperCase(), p)
  const diagnostics = r.diagnostics.map(locate)
  return {
    pous: r.pous,
    programs,
    diagnostics,
    ok: !diagnostics.some((d) => d.severity === 'error'),
    where: (pou) => {
      const k = fileAt(pou.line)
      return { file: files[k]?.file ?? '', line: pou.line - (starts[k] ?? 1) + 1, column: pou.column }
    },
    locate,
  }
}

/** Lines as the ST compiler counts them (LF only, as Monaco does for CRLF text). */
function countLines(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++
  return n
}
