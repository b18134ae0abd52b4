/**
 * Checks of an APP's Structured Text: the files compile as one unit (diagnostics at file, line and column), PROGRAM
 * names do not clash with FBD programs, and the task bindings in app.json name real variables and compatible tags.
 */
import { createStInstance } from '../st/instance.js'
import { resolveStBindings, type BindableTag } from './st-bindings.js'
import { compileStFiles, type StUnit } from './st-unit.js'
import type { Ctx } from './validate.js'

/** Compiles the APP's ST files and reports what the compiler found; null when the APP has none. */
export function checkStPrograms(ctx: Ctx): StUnit | null {
  const files = ctx.parts.stFiles ?? []
  if (files.length === 0) return null
  const unit = compileStFiles(files.map((f) => ({ file: f.file, source: f.value })))
  ctx.out.push(...unit.diagnostics)
  const fbd = new Map(ctx.parts.programs.map((p) => [p.value.name.toUpperCase(), p.file]))
  for (const pou of unit.programs.values()) {
    const other = fbd.get(pou.name.toUpperCase())
    if (other === undefined) continue
    ctx.out.push({
      code: 'E_DUPLICATE', severity: 'error', ...unit.where(pou),
      message: `PROGRAM ${pou.name} has the name of the FBD program in ${other}; a task could not tell them apart`,
    })
  }
  return unit
}

/** Whether a task's program name is an ST PROGRAM of the unit (IEC names are case-insensitive). */
export function isStProgram(unit: StUnit | null, name: string): boolean {
  return unit?.programs.has(name.toUpperCase()) ?? false
}

/** Task bindings: each names a PROGRAM the task runs and its input/output variables, bound to compatible tags. */
export function checkTaskBindings(ctx: Ctx, unit: StUnit | null): void {
  const m = ctx.parts.manifest
  if (!m) return
  const { file, value } = m
  const fbd = new Set(ctx.parts.programs.map((p) => p.value.name))
  const writers = fbdWriters(ctx)
  value.tasks.forEach((task, i) => {
    for (const [program, map] of Object.entries(task.bindings ?? {})) {
      const at = ['tasks', i, 'bindings', program] as const
      if (!task.programs.some((p) => p.toUpperCase() === program.toUpperCase())) {
        ctx.report('E_REFERENCE', file, at, `task "${task.name}" does not run a program "${program}"; bind the programs in its "programs" list`)
        continue
      }
      if (fbd.has(program) && !isStProgram(unit, program)) {
        ctx.report('E_REFERENCE', file, at, `"${program}" is an FBD program; FBD programs bind tags with TAG_IN / TAG_OUT blocks`)
        continue
      }
      const pou = unit?.programs.get(program.toUpperCase())
      // Unknown programs are reported with the task's program list; a unit with errors has no variables to check.
      if (!pou || !unit?.ok) continue
      const tagsKnown = ctx.isTag !== undefined
      const tagOf = (path: string): BindableTag | undefined => ctx.tags.get(path)?.tag
      const r = resolveStBindings(createStInstance(pou), map, tagOf)
      for (const p of r.problems) {
        // With a tag file broken, an unknown tag is most likely defined there: do not pile on.
        if (!tagsKnown && p.on === 'tag') continue
        ctx.report(p.code, file, [...at, p.key], p.message)
      }
      for (const o of r.outputs) {
        const prior = writers.get(o.tag)
        if (prior !== undefined) {
          ctx.report('E_FB_MULTIPLE_DRIVERS', file, [...at, o.key], `tag ${o.tag} is also written by ${prior}; the last writer wins each scan`, 'warning')
        } else {
          writers.set(o.tag, `${program}.${o.variable}`)
        }
      }
    }
  })
}

/** Tags written by FBD programs (TAG_OUT blocks), by path. */
function fbdWriters(ctx: Ctx): Map<string, string> {
  const writers = new Map<string, string>()
  for (const { file, value } of ctx.parts.programs) {
    for (const b of value.blocks) {
      const tag = b.params?.tag
      if (b.type === 'TAG_OUT' && typeof tag === 'string' && !writers.has(tag)) writers.set(tag, `${file} block "${b.id}"`)
    }
  }
  return writers
}
