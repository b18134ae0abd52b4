/**
 * Expansion of template programs for one instance (template-program.ts): parameters substituted, `$/Member` tag
 * references pointed at the instance, the result checked as an FB network. Pure functions; the loader calls them on
 * every load, so editing a template's program changes every instance's copy.
 */
import { z } from 'zod'
import type { ErrorCode } from '../errors.js'
import { substituteParams } from './placeholders.js'
import type { JsonSegment } from './placeholders.js'
import { FbdProgram } from './program.js'
import type { FbBlock } from './program.js'
import { instanceProgramName } from './template-program.js'
import type { TemplateProgram } from './template-program.js'
import type { ParamValue } from './template.js'
import { parseJsonPath } from './validate-json.js'
import { issuesToDiagnostics } from './validate-schema.js'

/** Blocks whose `params.tag` names a tag (and so may name a member as `$/Member`). */
export const TAG_BLOCKS: ReadonlySet<string> = new Set(['TAG_IN', 'TAG_OUT'])

/** An expanded network: an FbdProgram whose name is `<instance>/<program>` (the `/` that ordinary names lack). */
const ExpandedProgram = FbdProgram.extend({ name: z.string().min(1).max(1100) })

export interface ProgramExpansion {
  /** The instance's copy, or null when it is not a valid network. */
  program: FbdProgram | null
  /** Schema problems of the copy, `at` relative to the template program. */
  issues: { code: ErrorCode; at: JsonSegment[]; message: string }[]
  /** Where the program's strings held placeholders. */
  holes: JsonSegment[][]
  /** Placeholders without a value. */
  missing: { name: string; path: JsonSegment[] }[]
}

/** `$/Running` -> `<instance>/Running`; other paths unchanged. */
function pointAt(tag: string, instance: string): string {
  return tag.startsWith('$/') ? `${instance}/${tag.slice(2)}` : tag
}

/**
 * One template program for one instance: `${param}` substituted everywhere (a whole `"${param}"` takes the typed
 * value, so a number parameter can be a block input constant), `$/Member` in TAG_IN / TAG_OUT `params.tag`
 * pointed at the instance, the name made `<instance>/<program>`, `task` dropped.
 * @example expandProgram(runCheck, new Map([['delay', 5000]]), 'Agitator').program?.name // 'Agitator/RunCheck'
 */
export function expandProgram(tp: TemplateProgram, values: ReadonlyMap<string, ParamValue>, instance: string): ProgramExpansion {
  const { task: _task, ...body } = tp
  const sub = substituteParams(body, values)
  const raw = sub.value as { name: string; blocks: FbBlock[] }
  raw.name = instanceProgramName(instance, tp.name)
  raw.blocks = raw.blocks.map((b) => {
    const tag = b.params?.tag
    return TAG_BLOCKS.has(b.type) && typeof tag === 'string' && tag.startsWith('$/') ? { ...b, params: { ...b.params, tag: pointAt(tag, instance) } } : b
  })
  const r = ExpandedProgram.safeParse(raw)
  if (r.success) return { program: r.data, issues: [], holes: sub.holes, missing: sub.missing }
  const issues = issuesToDiagnostics(r.error.issues, raw, '').map((d) => ({ code: d.code, at: parseJsonPath(d.path ?? '$') ?? [], message: d.message }))
  return { program: null, issues, holes: sub.holes, missing: sub.missing }
}
