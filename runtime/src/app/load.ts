/** Load an APP folder from disk: schema and reference checks (blocks' loader) plus compilation of its programs. */
import { compileNetwork, formatDiagnostic, loadApp, type Diagnostic, type LoadedApp, type Plan } from '@takt/blocks'
import { fsSource } from './fs-source.js'

export interface CompiledApp { app: LoadedApp; plans: Map<string, Plan> }
export interface AppLoadResult { compiled: CompiledApp | null; diagnostics: Diagnostic[] }

export async function loadAppDir(dir: string): Promise<AppLoadResult> {
  const plans = new Map<string, Plan>()
  const { app, diagnostics } = await loadApp(fsSource(dir), {
    programCheck: (program, file) => {
      const r = compileNetwork(program)
      if (r.plan) plans.set(program.name, r.plan)
      return r.diagnostics.map((d) => ({ ...d, file: d.file ?? file }))
    },
  })
  const errors = diagnostics.filter((d) => d.severity === 'error')
  return { compiled: app && errors.length === 0 ? { app, plans } : null, diagnostics }
}

export function describeDiagnostics(ds: Diagnostic[]): string {
  return ds.map(formatDiagnostic).join('\n')
}
