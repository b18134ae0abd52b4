/**
 * The bindings table of a PROGRAM as the side panel shows it: each VAR_INPUT / VAR_OUTPUT / VAR_IN_OUT with the
 * tag bound to it in app.json and whether the two fit (blocks' own rule, `stValueKind` + `tagAccepts`).
 */
import { stValueKind, tagAccepts } from '@takt/blocks'
import type { AppManifest, ResolvedTag, StPou } from '@takt/blocks'
import { boundTag, programTask } from './commands'

export interface BindingRow {
  variable: string
  type: string
  direction: 'in' | 'out' | 'inout'
  tag: string | null
  /** Why the binding cannot work (unknown tag, type mismatch, not bindable), or null. */
  problem: string | null
}

export interface ProgramBindings {
  /** The task that runs the PROGRAM, or null when none does (it does not run and cannot be bound). */
  task: { name: string; periodMs: number } | null
  rows: BindingRow[]
}

const DIR = { VAR_INPUT: 'in', VAR_OUTPUT: 'out', VAR_IN_OUT: 'inout' } as const

export function programBindings(pou: StPou, manifest: AppManifest | undefined, tagOf: (path: string) => ResolvedTag | undefined): ProgramBindings {
  const hit = programTask(manifest, pou.name)
  const rows = pou.variables.flatMap((v): BindingRow[] => {
    const direction = v.section in DIR ? DIR[v.section as keyof typeof DIR] : null
    if (!direction) return []
    const tag = hit ? boundTag(hit.bindings, v.name) ?? null : null
    return [{ variable: v.name, type: v.type, direction, tag, problem: tag === null ? null : bindingProblem(v.type, direction, tagOf(tag), tag) }]
  })
  return { task: hit ? { name: hit.task.name, periodMs: hit.task.periodMs } : null, rows }
}

function bindingProblem(type: string, direction: BindingRow['direction'], tag: ResolvedTag | undefined, path: string): string | null {
  if (!tag) return `tag ${path} does not exist`
  const kind = stValueKind(type)
  if (!kind) return `${type} cannot bind to a tag (bind its elements or members)`
  if (!tagAccepts(tag.dataType, kind.kind)) return `${type} variable, ${tag.dataType} tag`
  if (direction !== 'in' && tag.source.kind === 'expression') return `tag ${path} is an expression; an output cannot write it`
  return null
}
