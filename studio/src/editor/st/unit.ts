/**
 * The draft's Structured Text as the runtime compiles it: every `programs/*.st` file in name order, compiled as one
 * unit by blocks' `compileStFiles` (the loader's own rule), so the editor shows exactly the runtime's diagnostics,
 * each moved back to its file and line. Cached on the file strings: the document shares untouched files between
 * versions, so an edit elsewhere costs nothing.
 */
import { compileStFiles } from '@takt/blocks'
import type { Diagnostic, StPou, StUnit } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'

/** Paths of the draft's ST files, in the order the loader compiles them. */
export function stPaths(doc: ReadonlyDoc): string[] {
  return doc.paths().filter((p) => /^programs\/[^/]+\.st$/.test(p)).sort()
}

/** `programs/<name>.st` for a route name. */
export const stFile = (name: string) => `programs/${name}.st`

let lastKey: readonly unknown[] = []
let lastUnit: StUnit | null = null

/** The compiled unit of the draft (cached while no ST file changed). */
export function draftStUnit(doc: ReadonlyDoc): StUnit {
  const paths = stPaths(doc)
  const key = paths.flatMap((p) => [p, doc.get(p)])
  if (lastUnit && key.length === lastKey.length && key.every((x, i) => x === lastKey[i])) return lastUnit
  const files = paths.map((p) => {
    const src = doc.get(p)
    return { file: p, source: typeof src === 'string' ? src : '' }
  })
  lastKey = key
  lastUnit = compileStFiles(files)
  return lastUnit
}

/** The POUs written in `file`, in source order, each with the lines it spans there (to the next POU's start). */
export interface FilePou { pou: StPou; line: number; column: number; endLine: number }

export function filePous(unit: StUnit, file: string): FilePou[] {
  const out: FilePou[] = []
  for (const pou of unit.pous) {
    const w = unit.where(pou)
    if (w.file === file) out.push({ pou, line: w.line, column: w.column, endLine: Number.MAX_SAFE_INTEGER })
  }
  out.sort((a, b) => a.line - b.line)
  for (let i = 0; i + 1 < out.length; i++) out[i]!.endLine = out[i + 1]!.line - 1
  return out
}

/** The POU whose text contains `line` of `file` (the last one starting at or before it). */
export function pouAt(pous: readonly FilePou[], line: number): StPou | null {
  let hit: StPou | null = null
  for (const p of pous) {
    // A POU's name sits on its header line; the keyword may be a line above only in odd layouts, so allow one.
    if (p.line - 1 <= line) hit = p.pou
  }
  return hit
}

/** monaco.MarkerSeverity values, without loading Monaco to compute markers. */
const SEVERITY = { error: 8, warning: 4 } as const

/** A marker as Monaco takes it (structurally `monaco.editor.IMarkerData`). */
export interface StMarker {
  severity: number
  message: string
  code: string
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
}

/** Markers of one file from the unit's diagnostics: the compiler's exact range, or one character when it has none. */
export function stMarkers(diagnostics: readonly Diagnostic[], file: string): StMarker[] {
  return diagnostics.filter((d) => d.file === file).map((d) => {
    const line = d.line ?? 1
    const col = d.column ?? 1
    const endLine = d.endLine ?? line
    let endCol = d.endColumn ?? col + 1
    if (endLine === line && endCol <= col) endCol = col + 1
    return {
      severity: SEVERITY[d.severity],
      message: d.message,
      code: d.code,
      startLineNumber: line,
      startColumn: col,
      endLineNumber: endLine,
      endColumn: endCol,
    }
  })
}

/** The unit's diagnostics for the problems panel (every ST file). */
export function stProblems(doc: ReadonlyDoc): Diagnostic[] {
  return stPaths(doc).length === 0 ? [] : [...draftStUnit(doc).diagnostics]
}
