/**
 * Template programs: FB networks written once in an equipment template (`types/<Name>.json` `programs`) and run
 * once per instance. Every instance gets its own copy, named `<instance>/<program>` (e.g. `Agitator/RunCheck`), in
 * which `$/Member` in a TAG_IN / TAG_OUT `params.tag` names the instance's own member and `${param}` placeholders
 * take the instance's parameter values. A tag path without `$/` is an ordinary (shared) tag of the APP.
 *
 * Because an expanded name holds a `/` and ordinary program names cannot, it never clashes with an ordinary program;
 * instances are unique, and so are program names within a template, so expanded names are unique too. Online change
 * keeps a block's state when the expanded name and the block id stay the same.
 */
import { z } from 'zod'
import { Name } from './common.js'
import { FbBlock, FbdProgram } from './program.js'

/** A whole-string parameter placeholder like `"${limit}"`. */
export const WholePlaceholder = z.string().regex(/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/, 'a parameter placeholder like "${limit}"')

/**
 * A block of a template program: an FbBlock whose unwired input constants may also be a whole `"${param}"`
 * placeholder, replaced by the instance's typed value (a number or boolean parameter; a string one is an error
 * at the instance). `params` strings may hold placeholders anywhere, `$/Member` in `params.tag`.
 */
export const TemplateFbBlock = FbBlock.extend({
  inputs: z.record(z.string(), z.union([z.number(), z.boolean(), WholePlaceholder])).optional(),
})
export type TemplateFbBlock = z.infer<typeof TemplateFbBlock>

/**
 * A program as a template declares it. `task` names the app.json task that runs every instance's copy, after the
 * task's own programs; absent, the APP's first task runs it.
 */
export const TemplateProgram = FbdProgram.extend({
  blocks: z.array(TemplateFbBlock).max(200_000),
  task: Name.optional(),
})
export type TemplateProgram = z.infer<typeof TemplateProgram>

/** The template's program list: at most 64 programs. */
export const TemplatePrograms = z.array(TemplateProgram).max(64)

/** One instance's copy of a template program, as the loader hands it to the runtime and the test runner. */
export interface InstanceProgram {
  /** The task (app.json `tasks[].name`) that runs it. */
  task: string
  template: string
  /** The instance path (`Area1/Motor3`). */
  instance: string
  /** The expanded network; its `name` is `<instance>/<program>`, the name plans, faults and monitoring use. */
  program: FbdProgram
}

/** `Agitator` + `RunCheck` -> `Agitator/RunCheck`. */
export function instanceProgramName(instance: string, program: string): string {
  return `${instance}/${program}`
}

/** The names of the instance programs `task` runs, in load order (after the task's own `programs`). */
export function instanceProgramsOf(programs: readonly InstanceProgram[] | undefined, task: string): string[] {
  return (programs ?? []).filter((p) => p.task === task).map((p) => p.program.name)
}
