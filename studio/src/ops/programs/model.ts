/**
 * The Programs page's rows: every task of the running APP with its programs (its own, then the template instances'
 * copies), each running or stopped by a run-time fault. Faults of programs the bundle does not list (an APP
 * redeployed meanwhile) are kept in a group of their own, so a fault is never hidden.
 */
import type { AppBundle, ProgramFaultInfo } from '@takt/blocks'

export interface ProgramRow {
  program: string
  /** Set for a template instance's copy (`<instance>/<program>`). */
  template?: string
  instance?: string
  fault: ProgramFaultInfo | null
}

export interface TaskGroup {
  /** Null for the group of faulted programs no task of the bundle lists. */
  task: string | null
  periodMs: number | null
  rows: ProgramRow[]
}

/** Tasks in app.json order with their programs in run order, faults attached by program name. */
export function programGroups(bundle: Pick<AppBundle, 'manifest' | 'templatePrograms'> | null, faults: readonly ProgramFaultInfo[]): TaskGroup[] {
  const byProgram = new Map(faults.map((f) => [f.program, f]))
  const listed = new Set<string>()
  const groups: TaskGroup[] = (bundle?.manifest.tasks ?? []).map((task) => {
    const rows: ProgramRow[] = task.programs.map((program) => ({ program, fault: byProgram.get(program) ?? null }))
    for (const p of bundle?.templatePrograms ?? []) {
      if (p.task === task.name) rows.push({ program: p.name, template: p.template, instance: p.instance, fault: byProgram.get(p.name) ?? null })
    }
    for (const r of rows) listed.add(r.program)
    return { task: task.name, periodMs: task.periodMs, rows }
  })
  const other = faults.filter((f) => !listed.has(f.program))
  if (other.length > 0) groups.push({ task: null, periodMs: null, rows: other.map((f) => ({ program: f.program, fault: f })) })
  return groups
}

/** Where a fault happened in the APP source: `programs/main.st:7:10`, `programs/main.st`, or '' when unknown. */
export function faultLocation(f: Pick<ProgramFaultInfo, 'file' | 'line' | 'column'>): string {
  if (f.file === undefined) return f.line === undefined ? '' : `${f.line}:${f.column ?? 1}`
  if (f.line === undefined) return f.file
  return `${f.file}:${f.line}${f.column === undefined ? '' : `:${f.column}`}`
}
