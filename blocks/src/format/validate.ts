/**
 * Cross-file checks of an APP whose files each passed their schema: unique names, references between files,
 * expressions compiled against the known tags. Every problem is a Diagnostic with file and JSON path.
 */
import type { Diagnostic, ErrorCode } from '../errors.js'
import { compileExpression } from '../expr/compile.js'
import type { AppManifest } from './app.js'
import type { FbdProgram } from './program.js'
import type { Screen } from './screen.js'
import type { ResolvedTag, TagFile } from './tags.js'
import type { Template } from './template.js'
import { jsonPath } from './validate-json.js'
import { checkPrograms, checkScreens, fitsType } from './validate-refs.js'
import { expandFileInstances } from './validate-instances.js'
import { checkScreenFaceplates, checkTemplates, fromParams, indexTemplates, undeclaredConnection } from './validate-templates.js'
import { checkStPrograms, checkTaskBindings, isStProgram } from './validate-st.js'
import { checkTemplatePrograms, instancePrograms } from './validate-template-programs.js'
import type { TemplateProgramEntry } from './validate-template-programs.js'
import type { InstanceProgram } from './template-program.js'
import type { StUnit } from './st-unit.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { FbdBlockFile } from './fbd-blocks.js'
import { checkFbdBlocks } from './validate-fbd-blocks.js'

export interface FileEntry<T> { file: string; value: T }

/** The schema-valid files of an APP, as the loader hands them over. */
export interface AppParts {
  manifest: FileEntry<AppManifest> | null
  tagFiles: FileEntry<TagFile>[]
  programs: FileEntry<FbdProgram>[]
  screens: FileEntry<Screen>[]
  /** Equipment templates (`types/*.json`); absent means none. */
  templates?: FileEntry<Template>[]
  /** Structured Text files (`programs/*.st`) with their text; absent means none. A file that failed to read makes `complete.programs` false. */
  stFiles?: FileEntry<string>[]
  /** Function blocks defined as FBD networks (`blocks/*.fb.json`); absent means none. */
  fbBlocks?: FileEntry<FbdBlockFile>[]
  /**
   * False when some file of that kind failed to load. References into an incomplete kind are not reported:
   * they would only repeat the first error as a cascade of "unknown tag". `templates` absent means complete.
   */
  complete: { manifest: boolean; tags: boolean; programs: boolean; screens: boolean; templates?: boolean; fbBlocks?: boolean }
}

/**
 * Extra checks on each program (the FB compiler's), run after the loader's own. `library` holds the standard
 * blocks and the APP's user blocks (Structured Text FUNCTION_BLOCKs, FBD function blocks from `blocks/`);
 * `validateApp` always passes it.
 */
export type ProgramCheck = (program: FbdProgram, file: string, library?: BlockLibrary) => Diagnostic[]

export interface ValidateOptions {
  programCheck?: ProgramCheck
}

/**
 * Where a tag was defined: `at` is its JSON path in `file` (`['tags', 3]`), or for a member of a template
 * instance the instance's path (`['instances', 0]`), with `member` naming the template and member index.
 */
export interface TagEntry {
  tag: ResolvedTag
  file: string
  at: PropertyKey[]
  member?: { template: Template; index: number }
}

/** A template instance declared in a tag file. */
export interface InstanceEntry { type: string; file: string; at: PropertyKey[] }

/** Shared state of one validation run; validate-refs.ts and validate-templates.ts use it too. */
export interface Ctx {
  readonly out: Diagnostic[]
  readonly tags: Map<string, TagEntry>
  readonly parts: AppParts
  /** Templates by name (the first file of each name). */
  readonly templates: Map<string, FileEntry<Template>>
  /** Instances by path (`Area1/Motor3`). */
  readonly instances: Map<string, InstanceEntry>
  /** Every instance's copies of its template's programs (validate-template-programs.ts), and their blocks in all. */
  readonly templatePrograms: TemplateProgramEntry[]
  templateProgramBlocks: number
  /** False once a tag file, a template or an instance failed: unknown tags are then not worth reporting. */
  tagsComplete: boolean
  /** Defined only when the tag list is complete, so unknown tags are worth reporting. */
  readonly isTag: ((path: string) => boolean) | undefined
  report(code: ErrorCode, file: string, path: readonly PropertyKey[], message: string, severity?: 'error' | 'warning'): void
  /** Compiles an expression found at file/path; reports its problems there and returns its refs (null if bad). */
  expression(source: string, file: string, path: readonly PropertyKey[]): string[] | null
}

function makeCtx(parts: AppParts): Ctx {
  const out: Diagnostic[] = []
  const tags = new Map<string, TagEntry>()
  const has = (p: string) => tags.has(p)
  const report: Ctx['report'] = (code, file, path, message, severity = 'error') => {
    out.push({ code, severity, message, file, path: jsonPath(path) })
  }
  const ctx: Ctx = {
    out, tags, parts, report,
    templates: new Map(),
    instances: new Map(),
    templatePrograms: [],
    templateProgramBlocks: 0,
    tagsComplete: parts.complete.tags,
    get isTag() {
      return ctx.tagsComplete ? has : undefined
    },
    expression(source, file, path) {
      const isTag = ctx.isTag
      const r = compileExpression(source, isTag ? { isTag } : {})
      if (r.ok) return r.expr.refs
      for (const d of r.diagnostics) {
        const where = d.line === 1 ? `column ${d.column}` : `line ${d.line}, column ${d.column}`
        report(d.code, file, path, `expression ${where}: ${d.message}`)
      }
      return null
    },
  }
  return ctx
}

/**
 * Reports a problem of a tag's definition: at `sub` below the tag for an ordinary tag; at the instance, naming
 * the member, for a member tag (its definition lives in the template, the cause in the instance).
 */
function reportTag(ctx: Ctx, e: TagEntry, sub: readonly PropertyKey[], code: ErrorCode, message: string, severity: 'error' | 'warning' = 'error'): void {
  if (e.member) ctx.report(code, e.file, e.at, `member ${e.tag.name} (${e.tag.path}): ${message}`, severity)
  else ctx.report(code, e.file, [...e.at, ...sub], message, severity)
}

export interface ValidateResult {
  tags: ResolvedTag[]
  diagnostics: Diagnostic[]
  /** The compiled Structured Text of the APP; null when it has none. */
  st: StUnit | null
  /** Each template instance's copies of its template's programs, with the task that runs them. */
  templatePrograms: InstanceProgram[]
}

/** Runs every cross-file check. Returns the tags with resolved paths, the problems found and the compiled ST. */
export function validateApp(parts: AppParts, options: ValidateOptions = {}): ValidateResult {
  const ctx = makeCtx(parts)
  indexTemplates(ctx)
  const resolved = collectTags(ctx)
  checkTemplates(ctx)
  checkTagSources(ctx)
  // Structured Text first: its FUNCTION_BLOCKs are blocks the function blocks and programs may use.
  const st = checkStPrograms(ctx)
  const given = options.programCheck
  const library = given || ctx.parts.fbBlocks?.length ? checkFbdBlocks(ctx, st) : undefined
  const programCheck: ProgramCheck | undefined = given && ((program, file) => given(program, file, library))
  checkPrograms(ctx, programCheck)
  checkTemplatePrograms(ctx, programCheck)
  checkScreens(ctx)
  checkScreenFaceplates(ctx)
  checkManifest(ctx, st)
  checkTaskBindings(ctx, st)
  return { tags: resolved, diagnostics: ctx.out, st, templatePrograms: instancePrograms(ctx) }
}

/** Every tag with its path: each file's own tags, then its template instances expanded, in file order. */
function collectTags(ctx: Ctx): ResolvedTag[] {
  const resolved: ResolvedTag[] = []
  const add = (entry: TagEntry, namePath: readonly PropertyKey[]): void => {
    const path = entry.tag.path
    const prior = ctx.tags.get(path)
    if (prior) {
      const what = prior.member ? `as a member of instance ${prior.tag.template?.instance ?? ''} ` : ''
      ctx.report('E_DUPLICATE', entry.file, namePath, `tag ${path} is already defined ${what}in ${prior.file} at ${jsonPath(prior.at)}`)
      return
    }
    ctx.tags.set(path, entry)
    resolved.push(entry.tag)
  }
  for (const { file, value } of ctx.parts.tagFiles) {
    value.tags.forEach((def, index) => {
      add({ tag: { ...def, path: `${value.folder}/${def.name}` }, file, at: ['tags', index] }, ['tags', index, 'name'])
    })
    expandFileInstances(ctx, file, value, (entry) => add(entry, entry.at))
  }
  return resolved
}

function checkTagSources(ctx: Ctx): void {
  const manifest = ctx.parts.manifest?.value
  const deps = new Map<string, string[]>()
  for (const e of ctx.tags.values()) {
    const { tag } = e
    const src = tag.source
    // A member's definition is checked once in its template; per instance only what parameters filled in.
    const own = (field: string) => !e.member || fromParams(e.member.template.tags[e.member.index], ['source', field])
    if (src.kind === 'connection' && manifest && !Object.hasOwn(manifest.connections, src.connection) && own('connection')) {
      reportTag(ctx, e, ['source', 'connection'], 'E_REFERENCE', undeclaredConnection(manifest, src.connection))
    } else if (src.kind === 'memory' && src.initial !== undefined && !fitsType(tag, src.initial) && own('initial')) {
      reportTag(ctx, e, ['source', 'initial'], 'E_TYPE_MISMATCH', `initial value ${JSON.stringify(src.initial)} does not fit data type ${tag.dataType}`, 'warning')
    } else if (src.kind === 'expression') {
      if (own('expr')) {
        const refs = e.member ? memberExpression(ctx, e, src.expr) : ctx.expression(src.expr, e.file, [...e.at, 'source', 'expr'])
        if (refs) deps.set(tag.path, refs)
      } else {
        const r = compileExpression(src.expr)
        if (r.ok) deps.set(tag.path, r.expr.refs)
      }
    }
  }
  checkCycles(ctx, deps)
}

/** Compiles a member's expression as filled in for one instance; problems go to the instance. */
function memberExpression(ctx: Ctx, e: TagEntry, source: string): string[] | null {
  const isTag = ctx.isTag
  const r = compileExpression(source, isTag ? { isTag } : {})
  if (r.ok) return r.expr.refs
  for (const d of r.diagnostics) reportTag(ctx, e, [], d.code, `expression "${source}": ${d.message}`)
  return null
}

/** Derived tags reading each other in a circle can never settle; report each cycle once. */
function checkCycles(ctx: Ctx, deps: Map<string, string[]>): void {
  const state = new Map<string, 'open' | 'done'>()
  for (const start of deps.keys()) {
    if (state.has(start)) continue
    // Iterative depth-first search: a long chain of derived tags must not overflow the stack.
    const stack: { path: string; next: number }[] = [{ path: start, next: 0 }]
    state.set(start, 'open')
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { path: string; next: number }
      const refs = deps.get(top.path) ?? []
      if (top.next >= refs.length) {
        state.set(top.path, 'done')
        stack.pop()
        continue
      }
      const ref = refs[top.next++] as string
      if (!deps.has(ref)) continue
      const st = state.get(ref)
      if (st === 'open') {
        const from = stack.findIndex((f) => f.path === ref)
        const cycle = [...stack.slice(from).map((f) => f.path), ref].join(' -> ')
        reportTag(ctx, ctx.tags.get(ref) as TagEntry, ['source', 'expr'], 'E_REFERENCE', `expression tags form a cycle: ${cycle}`)
      } else if (st === undefined) {
        state.set(ref, 'open')
        stack.push({ path: ref, next: 0 })
      }
    }
  }
}

function checkManifest(ctx: Ctx, st: StUnit | null): void {
  const m = ctx.parts.manifest
  if (!m) return
  const { file, value } = m
  const screens = new Set(ctx.parts.screens.map((s) => s.value.name))
  const programs = new Set(ctx.parts.programs.map((p) => p.value.name))
  if (ctx.parts.complete.screens && !screens.has(value.entryScreen)) {
    ctx.report('E_REFERENCE', file, ['entryScreen'], `entry screen "${value.entryScreen}" does not exist (no screens/${value.entryScreen}.json)`)
  }
  const taskNames = new Map<string, number>()
  const scheduled = new Map<string, string>()
  value.tasks.forEach((task, i) => {
    if (taskNames.has(task.name)) {
      ctx.report('E_DUPLICATE', file, ['tasks', i, 'name'], `task "${task.name}" is already defined at ${jsonPath(['tasks', taskNames.get(task.name) as number])}`)
    } else {
      taskNames.set(task.name, i)
    }
    task.programs.forEach((name, j) => {
      if (!programs.has(name) && !isStProgram(st, name)) {
        // A unit with errors may have lost a PROGRAM to a syntax error: that error is the one to fix.
        if (ctx.parts.complete.programs && (st?.ok ?? true)) {
          const where = st ? `no programs/${name}.fbd.json, no PROGRAM ${name} in programs/*.st` : `no programs/${name}.fbd.json`
          ctx.report('E_REFERENCE', file, ['tasks', i, 'programs', j], `program "${name}" does not exist (${where})`)
        }
        return
      }
      const prior = scheduled.get(name)
      if (prior !== undefined) {
        ctx.report('E_DUPLICATE', file, ['tasks', i, 'programs', j], `program "${name}" is already scheduled in task "${prior}"; it would run twice per cycle`, 'warning')
      } else {
        scheduled.set(name, task.name)
      }
    })
  })
}
