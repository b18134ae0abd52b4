/** Load an APP folder from disk: schema and reference checks (blocks' loader) plus compilation of its programs. */
import {
  compileNetwork, formatDiagnostic, loadApp, type AppSource, type Diagnostic, type LoadedApp, type Plan, type StUnit,
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
  // The loader hands each program the APP's library: standard blocks, its Structured Text FUNCTION_BLOCKs and its
  // FBD function blocks (blocks/*.fb.json, expanded inline by the compiler).
  const { app, diagnostics, st } = await loadApp(source, {
    programCheck: (program, file, library) => {
      const r = compileNetwork(program, library)
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
