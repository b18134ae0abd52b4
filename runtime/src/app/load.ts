/** Load an APP folder from disk: schema and reference checks (blocks' loader) plus compilation of its programs. */
import {
  compileNetwork, compileStFiles, defaultLibrary, formatDiagnostic, libraryWithSt, loadApp,
  type AppSource, type BlockLibrary, type Diagnostic, type LoadedApp, type Plan, type StUnit,
} from '@takt/blocks'
import { fsSource } from './fs-source.js'

/**
 * A loaded APP ready to run: FBD plans by program name and the APP's Structured Text compiled as one unit (its
 * PROGRAMs by upper-case name; null when the APP has no `programs/*.st`).
 */
export interface CompiledApp { app: LoadedApp; plans: Map<string, Plan>; st?: StUnit | null }
export interface AppLoadResult { compiled: CompiledApp | null; diagnostics: Diagnostic[] }

export async function loadAppDir(dir: string): Promise<AppLoadResult> {
  return loadAppSource(fsSource(dir))
}

/** Loads and compiles an APP from any reader (an in-memory one in tests). */
export async function loadAppSource(source: AppSource): Promise<AppLoadResult> {
  const plans = new Map<string, Plan>()
  // The loader checks FBD programs before it compiles the ST unit, so user blocks (ST FUNCTION_BLOCKs) come from
  // the .st texts seen while reading, compiled only when a network uses a type the standard library lacks.
  const stTexts = new Map<string, string>()
  const reading: AppSource = {
    list: (dir) => source.list(dir),
    read: async (path) => {
      const text = await source.read(path)
      if (path.startsWith('programs/') && path.endsWith('.st')) stTexts.set(path, text)
      return text
    },
  }
  let library: BlockLibrary | undefined
  const libraryFor = (types: readonly string[]): BlockLibrary => {
    if (types.every((t) => defaultLibrary.get(t))) return defaultLibrary
    library ??= libraryWithSt(compileStFiles([...stTexts].map(([file, text]) => ({ file, source: text }))))
    return library
  }
  const { app, diagnostics, st } = await loadApp(reading, {
    programCheck: (program, file) => {
      const r = compileNetwork(program, libraryFor(program.blocks.map((b) => b.type)))
      if (r.plan) plans.set(program.name, r.plan)
      return r.diagnostics.map((d) => ({ ...d, file: d.file ?? file }))
    },
  })
  const errors = diagnostics.filter((d) => d.severity === 'error')
  return { compiled: app && errors.length === 0 ? { app, plans, st: st ?? null } : null, diagnostics }
}

export function describeDiagnostics(ds: Diagnostic[]): string {
  return ds.map(formatDiagnostic).join('\n')
}
