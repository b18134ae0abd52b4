/**
 * Checks and expansion of template programs (template-program.ts). A template's own problems (unknown member,
 * unknown task, a network that does not compile) are reported once, in its file at `$.programs[k]...`; what an
 * instance's parameters cause is reported at the instance in its tag file. The expanded copies are collected in
 * `ctx.templatePrograms` and compiled by the same program check as ordinary FBD programs, under their expanded
 * names, so the runtime's plans are keyed by those names.
 */
import type { Diagnostic } from '../errors.js'
import { expandProgram, TAG_BLOCKS } from './expand-programs.js'
import type { ProgramExpansion } from './expand-programs.js'
import { resolveParams } from './expand.js'
import { isPrefix, placeholdersIn } from './placeholders.js'
import type { JsonSegment } from './placeholders.js'
import type { FbdProgram } from './program.js'
import type { InstanceProgram, TemplateProgram } from './template-program.js'
import type { ParamValue, Template } from './template.js'
import type { InstanceParams } from './tags.js'
import type { Ctx, FileEntry, ProgramCheck } from './validate.js'
import { jsonPath, parseJsonPath } from './validate-json.js'

/** One expanded copy with where it came from, kept in `ctx.templatePrograms`. */
export interface TemplateProgramEntry {
  ref: InstanceProgram
  /** The template file and the program's index in its `programs`. */
  templateFile: string
  index: number
  /** The tag file and JSON path of the instance. */
  file: string
  at: PropertyKey[]
  /** Paths (relative to the program) of strings that held a placeholder: what the instance's parameters decided. */
  holes: JsonSegment[][]
}

/** Most blocks in all instance copies together, so a template with thousands of instances cannot exhaust memory. */
export const MAX_TEMPLATE_PROGRAM_BLOCKS = 1_000_000

/** Stands for the instance while a template is checked on its own. */
const SELF = '__self__'
const PROBE: Record<Template['parameters'][number]['type'], ParamValue> = { string: 'x', number: 1, boolean: false }

/** Names of the parameters the template's programs use. */
export function programParams(t: Pick<Template, 'programs'>): Set<string> {
  const used = new Set<string>()
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const n of placeholdersIn(v)) used.add(n)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk)
  }
  walk(t.programs ?? [])
  return used
}

/** The task that runs a template program: its own `task`, else the APP's first; undefined when there is none. */
function taskOf(ctx: Ctx, tp: TemplateProgram): string | undefined {
  const tasks = ctx.parts.manifest?.value.tasks ?? []
  if (tp.task !== undefined) return tasks.some((t) => t.name === tp.task) ? tp.task : undefined
  return tasks[0]?.name
}

/**
 * Expands every program of `template` for the instance at `path` and keeps the copies in ctx.templatePrograms.
 * Called while the instance's member tags are expanded; problems of the parameters are reported at `self`.
 */
export function expandInstancePrograms(ctx: Ctx, file: string, path: string, template: Template, params: InstanceParams | undefined, self: PropertyKey[]): void {
  const programs = template.programs ?? []
  if (programs.length === 0) return
  const templateFile = ctx.templates.get(template.name)?.file ?? `types/${template.name}.json`
  // Parameter problems were reported with the member tags; only the values are needed here.
  const { values } = resolveParams(template, params)
  programs.forEach((tp, index) => {
    const task = taskOf(ctx, tp)
    if (task === undefined) return
    const x = expandProgram(tp, values, path)
    for (const issue of x.issues) {
      if (x.holes.some((h) => isPrefix(issue.at, h)) && !x.missing.some((m) => isPrefix(issue.at, m.path))) {
        ctx.report(issue.code, file, self, `${path}: program ${tp.name} ${jsonPath(issue.at)}: ${issue.message}`)
      }
    }
    if (!x.program || x.missing.length > 0) return
    ctx.templateProgramBlocks += x.program.blocks.length
    if (ctx.templateProgramBlocks > MAX_TEMPLATE_PROGRAM_BLOCKS) {
      if (ctx.templateProgramBlocks - x.program.blocks.length <= MAX_TEMPLATE_PROGRAM_BLOCKS) {
        ctx.report('E_LIMIT', file, self, `${path}: the instances' template programs have more than ${MAX_TEMPLATE_PROGRAM_BLOCKS} blocks in all`)
      }
      return
    }
    ctx.templatePrograms.push({ ref: { task, template: template.name, instance: path, program: x.program }, templateFile, index, file, at: self, holes: x.holes })
  })
}

/**
 * Checks every template's programs on their own, then each instance's copies: tag references that parameters
 * decided, and the program check (the FB compiler) under the expanded name. Runs after all tags are collected.
 */
export function checkTemplatePrograms(ctx: Ctx, programCheck: ProgramCheck | undefined): void {
  const counts = new Map<string, number>()
  for (const i of ctx.instances.values()) counts.set(i.type, (counts.get(i.type) ?? 0) + 1)
  for (const entry of ctx.parts.templates ?? []) checkTemplate(ctx, entry, counts.get(entry.value.name) ?? 0, programCheck)
  const compiled = new Set<string>()
  for (const e of ctx.templatePrograms) {
    checkInstanceRefs(ctx, e)
    if (programCheck) compileOnce(ctx, programCheck, e.ref.program, e.templateFile, e.index, compiled)
  }
}

function checkTemplate(ctx: Ctx, { file, value: t }: FileEntry<Template>, instances: number, programCheck: ProgramCheck | undefined): void {
  const programs = t.programs ?? []
  if (programs.length === 0) return
  const names = new Map<string, number>()
  const params = new Map<string, ParamValue>()
  for (const p of t.parameters) params.set(p.name, p.default !== undefined && typeof p.default === p.type ? p.default : PROBE[p.type])
  const members = new Map(t.tags.map((m) => [m.name, m]))
  const manifest = ctx.parts.manifest?.value
  programs.forEach((tp, k) => {
    const at = ['programs', k]
    const prior = names.get(tp.name)
    if (prior !== undefined) ctx.report('E_DUPLICATE', file, [...at, 'name'], `program "${tp.name}" is already defined at ${jsonPath(['programs', prior])}`)
    else names.set(tp.name, k)
    if (manifest) {
      const tasks = manifest.tasks.map((x) => x.name)
      if (tp.task !== undefined && !tasks.includes(tp.task)) {
        ctx.report('E_REFERENCE', file, [...at, 'task'], `task "${tp.task}" does not exist in app.json (${tasks.length > 0 ? `tasks: ${tasks.join(', ')}` : 'it has no tasks'})`)
      } else if (tp.task === undefined && tasks.length === 0) {
        ctx.report('E_REFERENCE', file, at, `program "${tp.name}" needs a task to run in, and app.json has no tasks: add one`)
      }
    }
    const x = expandProgram(tp, params, SELF)
    reportTemplateIssues(ctx, file, t, at, x)
    tp.blocks.forEach((b, i) => checkTagBlock(ctx, file, [...at, 'blocks', i], b, t, members, instances))
    // Without instances nothing else compiles this network; compile a probe copy so its problems still show.
    if (instances === 0 && x.program && x.missing.length === 0 && programCheck) compileOnce(ctx, programCheck, x.program, file, k, new Set())
  })
}

function reportTemplateIssues(ctx: Ctx, file: string, t: Template, at: PropertyKey[], x: ProgramExpansion): void {
  for (const miss of x.missing) {
    const known = t.parameters.length > 0 ? `parameters: ${t.parameters.map((p) => p.name).join(', ')}` : 'it declares none'
    ctx.report('E_REFERENCE', file, [...at, ...miss.path], `placeholder \${${miss.name}} is not a parameter of template ${t.name} (${known})`)
  }
  // What a parameter decides is checked per instance, with its real value.
  for (const issue of x.issues) {
    if (!x.holes.some((h) => isPrefix(issue.at, h))) ctx.report(issue.code, file, [...at, ...issue.at], issue.message)
  }
}

/** A TAG_IN / TAG_OUT of a template program: `$/X` must be a member, any other path an existing (shared) tag. */
function checkTagBlock(ctx: Ctx, file: string, at: PropertyKey[], b: TemplateProgram['blocks'][number], t: Template,
  members: ReadonlyMap<string, Template['tags'][number]>, instances: number): void {
  if (!TAG_BLOCKS.has(b.type)) return
  const tag = b.params?.tag
  const tagAt = [...at, 'params', 'tag']
  if (typeof tag !== 'string') {
    ctx.report('E_FB_BAD_PARAM', file, tagAt, `${b.type} block "${b.id}" needs params.tag naming a member ($/Running) or a tag`)
    return
  }
  if (placeholdersIn(tag).length > 0) return
  if (tag.startsWith('$/')) {
    const m = members.get(tag.slice(2))
    if (!m) {
      const list = [...members.keys()]
      ctx.report('E_REFERENCE', file, tagAt, `${tag} is not a member of template ${t.name} (${list.length > 0 ? `members: ${list.join(', ')}` : 'it has no members'})`)
    } else if (b.type === 'TAG_OUT' && (m.source as { kind?: unknown } | undefined)?.kind === 'expression') {
      ctx.report('E_NOT_WRITABLE', file, tagAt, `member ${tag} is derived from an expression; a program cannot write it`)
    }
    return
  }
  if (!ctx.isTag) return
  const entry = ctx.tags.get(tag)
  if (!entry) {
    ctx.report('E_REFERENCE', file, tagAt, `tag ${tag} does not exist (a member of the instance is written $/Name)`)
  } else if (b.type === 'TAG_OUT' && entry.tag.source.kind === 'expression') {
    ctx.report('E_NOT_WRITABLE', file, tagAt, `tag ${tag} is derived from an expression; a program cannot write it`)
  } else if (b.type === 'TAG_OUT' && instances > 1) {
    ctx.report('E_FB_MULTIPLE_DRIVERS', file, tagAt, `every one of the ${instances} instances writes the shared tag ${tag}; the last one wins each scan`, 'warning')
  }
}

/** Tag paths a parameter decided (e.g. `${area}/Level`) are checked per instance, where the value is known. */
function checkInstanceRefs(ctx: Ctx, e: TemplateProgramEntry): void {
  if (!ctx.isTag) return
  e.ref.program.blocks.forEach((b, i) => {
    const tag = b.params?.tag
    if (!TAG_BLOCKS.has(b.type) || typeof tag !== 'string') return
    if (!e.holes.some((h) => isPrefix(['blocks', i, 'params', 'tag'], h))) return
    const entry = ctx.tags.get(tag)
    const name = e.ref.program.name
    if (!entry) ctx.report('E_REFERENCE', e.file, e.at, `${name}: block "${b.id}" names tag ${tag}, which does not exist`)
    else if (b.type === 'TAG_OUT' && entry.tag.source.kind === 'expression') ctx.report('E_NOT_WRITABLE', e.file, e.at, `${name}: block "${b.id}" writes ${tag}, which is derived from an expression`)
  })
}

/**
 * Runs the program check (which compiles, and in the runtime keeps the plan under the expanded name). Its problems
 * are the template's: they go to the template file under `$.programs[k]`, once per path and code.
 */
function compileOnce(ctx: Ctx, check: ProgramCheck, program: FbdProgram, templateFile: string, index: number, seen: Set<string>): void {
  let found: Diagnostic[]
  try {
    found = check(program, templateFile)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    ctx.out.push({ code: 'E_INTERNAL', severity: 'error', message: `program check of ${program.name} failed: ${why}`, file: templateFile })
    return
  }
  for (const d of found) {
    // A problem inside another file (a user block's Structured Text) stays where it is.
    const own = d.file === undefined || d.file === templateFile
    const inner = d.path === undefined ? [] : parseJsonPath(d.path) ?? []
    const out: Diagnostic = own ? { ...d, file: templateFile, path: jsonPath(['programs', index, ...inner]) } : d
    const key = `${out.file ?? ''}\n${out.path ?? ''}\n${out.line ?? ''}\n${d.code}`
    if (seen.has(key)) continue
    seen.add(key)
    ctx.out.push(out)
  }
}

/** The instance copies the APP runs, in load order. */
export function instancePrograms(ctx: Ctx): InstanceProgram[] {
  return ctx.templatePrograms.map((e) => e.ref)
}
