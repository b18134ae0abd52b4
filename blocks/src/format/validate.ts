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
import { jsonPath } from './validate-json.js'
import { checkPrograms, checkScreens, fitsType } from './validate-refs.js'

export interface FileEntry<T> { file: string; value: T }

/** The schema-valid files of an APP, as the loader hands them over. */
export interface AppParts {
  manifest: FileEntry<AppManifest> | null
  tagFiles: FileEntry<TagFile>[]
  programs: FileEntry<FbdProgram>[]
  screens: FileEntry<Screen>[]
  /**
   * False when some file of that kind failed to load. References into an incomplete kind are not reported:
   * they would only repeat the first error as a cascade of "unknown tag".
   */
  complete: { manifest: boolean; tags: boolean; programs: boolean; screens: boolean }
}

/** Extra checks on each program (the FB compiler's), run after the loader's own. */
export type ProgramCheck = (program: FbdProgram, file: string) => Diagnostic[]

export interface ValidateOptions {
  programCheck?: ProgramCheck
}

interface TagEntry { tag: ResolvedTag; file: string; index: number }

/** Shared state of one validation run; validate-refs.ts uses it too. */
export interface Ctx {
  readonly out: Diagnostic[]
  readonly tags: Map<string, TagEntry>
  readonly parts: AppParts
  /** Defined only when the tag list is complete, so unknown tags are worth reporting. */
  readonly isTag: ((path: string) => boolean) | undefined
  report(code: ErrorCode, file: string, path: readonly PropertyKey[], message: string, severity?: 'error' | 'warning'): void
  /** Compiles an expression found at file/path; reports its problems there and returns its refs (null if bad). */
  expression(source: string, file: string, path: readonly PropertyKey[]): string[] | null
}

function makeCtx(parts: AppParts): Ctx {
  const out: Diagnostic[] = []
  const tags = new Map<string, TagEntry>()
  const isTag = parts.complete.tags ? (p: string) => tags.has(p) : undefined
  const report: Ctx['report'] = (code, file, path, message, severity = 'error') => {
    out.push({ code, severity, message, file, path: jsonPath(path) })
  }
  return {
    out, tags, parts, isTag, report,
    expression(source, file, path) {
      const r = compileExpression(source, isTag ? { isTag } : {})
      if (r.ok) return r.expr.refs
      for (const d of r.diagnostics) {
        const where = d.line === 1 ? `column ${d.column}` : `line ${d.line}, column ${d.column}`
        report(d.code, file, path, `expression ${where}: ${d.message}`)
      }
      return null
    },
  }
}

/** Runs every cross-file check. Returns the tags with resolved paths and the problems found. */
export function validateApp(parts: AppParts, options: ValidateOptions = {}): { tags: ResolvedTag[]; diagnostics: Diagnostic[] } {
  const ctx = makeCtx(parts)
  const resolved = collectTags(ctx)
  checkTagSources(ctx)
  checkPrograms(ctx, options.programCheck)
  checkScreens(ctx)
  checkManifest(ctx)
  return { tags: resolved, diagnostics: ctx.out }
}

function collectTags(ctx: Ctx): ResolvedTag[] {
  const resolved: ResolvedTag[] = []
  for (const { file, value } of ctx.parts.tagFiles) {
    value.tags.forEach((def, index) => {
      const path = `${value.folder}/${def.name}`
      const prior = ctx.tags.get(path)
      if (prior) {
        ctx.report('E_DUPLICATE', file, ['tags', index, 'name'], `tag ${path} is already defined in ${prior.file} at ${jsonPath(['tags', prior.index])}`)
        return
      }
      const tag: ResolvedTag = { ...def, path }
      ctx.tags.set(path, { tag, file, index })
      resolved.push(tag)
    })
  }
  return resolved
}

function checkTagSources(ctx: Ctx): void {
  const manifest = ctx.parts.manifest?.value
  const deps = new Map<string, string[]>()
  for (const { tag, file, index } of ctx.tags.values()) {
    const src = tag.source
    if (src.kind === 'connection' && manifest && !Object.hasOwn(manifest.connections, src.connection)) {
      const declared = Object.keys(manifest.connections)
      const hint = declared.length > 0 ? `declared: ${declared.join(', ')}` : 'none are declared'
      ctx.report('E_REFERENCE', file, ['tags', index, 'source', 'connection'],
        `connection "${src.connection}" is not declared in app.json "connections" (${hint})`)
    } else if (src.kind === 'memory' && src.initial !== undefined && !fitsType(tag, src.initial)) {
      ctx.report('E_TYPE_MISMATCH', file, ['tags', index, 'source', 'initial'],
        `initial value ${JSON.stringify(src.initial)} does not fit data type ${tag.dataType}`, 'warning')
    } else if (src.kind === 'expression') {
      const refs = ctx.expression(src.expr, file, ['tags', index, 'source', 'expr'])
      if (refs) deps.set(tag.path, refs)
    }
  }
  checkCycles(ctx, deps)
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
        const at = ctx.tags.get(ref) as TagEntry
        ctx.report('E_REFERENCE', at.file, ['tags', at.index, 'source', 'expr'], `expression tags form a cycle: ${cycle}`)
      } else if (st === undefined) {
        state.set(ref, 'open')
        stack.push({ path: ref, next: 0 })
      }
    }
  }
}

function checkManifest(ctx: Ctx): void {
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
      if (ctx.parts.complete.programs && !programs.has(name)) {
        ctx.report('E_REFERENCE', file, ['tasks', i, 'programs', j], `program "${name}" does not exist (no programs/${name}.fbd.json)`)
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
