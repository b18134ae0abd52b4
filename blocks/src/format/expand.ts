/**
 * Template expansion: an instance of a template becomes ordinary tags at `<instance>/<Member>`, and a faceplate
 * becomes ordinary widgets bound to one instance. Pure functions; the loader calls them on every load, so a
 * changed template changes all its instances.
 */
import type { ErrorCode } from '../errors.js'
import { isPrefix, replaceMemberRefs, substituteParams } from './placeholders.js'
import type { JsonSegment } from './placeholders.js'
import type { Widget } from './screen.js'
import { TagDef } from './tags.js'
import type { InstanceParams, ResolvedTag, TagFile } from './tags.js'
import { Template as TemplateSchema, memberOf } from './template.js'
import type { Faceplate, ParamValue, Template, TemplateMember } from './template.js'
import { jsonPath, parseJsonPath } from './validate-json.js'
import { issuesToDiagnostics } from './validate-schema.js'

/** A problem found while expanding; `at` is relative to what was expanded (the instance or the member). */
export interface ExpandIssue {
  code: ErrorCode
  severity: 'error' | 'warning'
  at: JsonSegment[]
  message: string
}

/**
 * An instance's parameter values: the given ones checked against the template's declarations, then defaults.
 * Issues sit at `['params', name]` (unknown name, wrong type) or `['params']` (a value is required).
 */
export function resolveParams(template: Pick<Template, 'name' | 'parameters'>, given: InstanceParams | undefined): { values: Map<string, ParamValue>; issues: ExpandIssue[] } {
  const values = new Map<string, ParamValue>()
  const issues: ExpandIssue[] = []
  const declared = new Map(template.parameters.map((p) => [p.name, p]))
  const provided = given ?? {}
  for (const [name, v] of Object.entries(provided)) {
    const p = declared.get(name)
    if (!p) {
      const known = template.parameters.length > 0 ? `parameters: ${template.parameters.map((q) => q.name).join(', ')}` : 'it has no parameters'
      issues.push({ code: 'E_REFERENCE', severity: 'error', at: ['params', name], message: `template ${template.name} has no parameter "${name}" (${known})` })
    } else if (typeof v !== p.type) {
      issues.push({ code: 'E_TYPE_MISMATCH', severity: 'error', at: ['params', name], message: `parameter "${name}" is a ${p.type}; found ${typeof v} ${JSON.stringify(v)}` })
    } else {
      values.set(name, v)
    }
  }
  for (const p of template.parameters) {
    if (Object.hasOwn(provided, p.name)) continue
    if (p.default !== undefined) values.set(p.name, p.default)
    else issues.push({ code: 'E_SCHEMA', severity: 'error', at: ['params'], message: `parameter "${p.name}" of template ${template.name} needs a value (it has no default)` })
  }
  return { values, issues }
}

export interface MemberExpansion {
  /** The member as a valid TagDef, or null when it does not make one. */
  def: TagDef | null
  /** Schema problems, `at` relative to the member. */
  issues: ExpandIssue[]
  /** Where the member's strings held placeholders. */
  holes: JsonSegment[][]
  /** Placeholders left without a value. */
  missing: { name: string; path: JsonSegment[] }[]
}

/** One member with parameters substituted and `{$/X}` in its expression pointed at `instance`, checked as a TagDef. */
export function expandMember(member: TemplateMember, values: ReadonlyMap<string, ParamValue>, instance: string): MemberExpansion {
  const sub = substituteParams(member, values)
  const raw = sub.value as Record<string, unknown>
  const src = raw.source
  if (typeof src === 'object' && src !== null && !Array.isArray(src)) {
    const s = src as Record<string, unknown>
    if (s.kind === 'expression' && typeof s.expr === 'string') raw.source = { ...s, expr: replaceMemberRefs(s.expr, instance) }
  }
  if (Array.isArray(raw.alarms)) raw.alarms = raw.alarms.map((a: unknown) => instanceAlarm(a, instance))
  const r = TagDef.safeParse(raw)
  if (r.success) return { def: r.data, issues: [], holes: sub.holes, missing: sub.missing }
  const issues = issuesToDiagnostics(r.error.issues, raw, '').map((d): ExpandIssue => ({
    code: d.code, severity: 'error', at: parseJsonPath(d.path ?? '$') ?? [], message: d.message,
  }))
  return { def: null, issues, holes: sub.holes, missing: sub.missing }
}

/**
 * A member's alarm for one instance: `{$/X}` in its message and suppression expression and a `$/X` deviation
 * setpoint name the instance's own members. Anything malformed is left for the schema check to report.
 */
function instanceAlarm(a: unknown, instance: string): unknown {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return a
  const out = { ...(a as Record<string, unknown>) }
  // Message text is not an expression: quotes in it are plain characters, so every `{$/` is a reference.
  const line = (x: string) => x.split('{$/').join(`{${instance}/`)
  const text = (v: unknown): unknown => {
    if (typeof v === 'string') return line(v)
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? line(x) : x]))
    }
    return v
  }
  if (out.message !== undefined) out.message = text(out.message)
  if (typeof out.suppressedBy === 'string') out.suppressedBy = replaceMemberRefs(out.suppressedBy, instance)
  if (typeof out.setpoint === 'string') out.setpoint = resolveMemberRef(out.setpoint, instance)
  return out
}

export interface InstanceExpansion {
  /** Member tags with their index in `template.tags`; members left with an unfilled placeholder are missing. */
  members: { tag: ResolvedTag; index: number }[]
  /**
   * Problems this instance's parameters cause, `at` relative to the instance. Problems of the template itself
   * (the same for every instance) are left to template validation and not repeated here.
   */
  issues: ExpandIssue[]
}

/**
 * Expands one instance into its member tags at `<instance>/<Member>`, each marked with `template`.
 * @example expandInstance(motor, 'Area1/M3', { plc: 'plc1' }).members.map((m) => m.tag.path) // ['Area1/M3/Running', ...]
 */
export function expandInstance(template: Template, instance: string, given: InstanceParams | undefined): InstanceExpansion {
  const { values, issues } = resolveParams(template, given)
  const members: InstanceExpansion['members'] = []
  template.tags.forEach((member, index) => {
    const m = expandMember(member, values, instance)
    for (const issue of m.issues) {
      const fromParams = m.holes.some((h) => isPrefix(issue.at, h))
      const fromMissing = m.missing.some((x) => isPrefix(issue.at, x.path))
      if (fromParams && !fromMissing) {
        issues.push({ ...issue, at: [], message: `member ${member.name} ${jsonPath(issue.at)}: ${issue.message}` })
      }
    }
    // A placeholder left unfilled is already reported (missing value, or not a parameter); the member is not a tag.
    if (m.def && m.missing.length === 0) members.push({ tag: { ...m.def, path: `${instance}/${m.def.name}`, template: { type: template.name, instance } }, index })
  })
  return { members, issues }
}

/** Rewrites a `$/Member` reference for an instance; other tag paths are returned unchanged. */
export function resolveMemberRef(ref: string, instance: string): string {
  const m = memberOf(ref)
  return m === null ? ref : `${instance}/${m}`
}

/**
 * A faceplate's widgets bound to one instance: `$/X` in bindings and actions, `{$/X}` in expressions become the
 * instance's tags. The result is ordinary screen widgets in faceplate coordinates.
 * @example instantiateFaceplate(motor.faceplate, 'Agitator')[0].bindings // { running: { tag: 'Agitator/Running' } }
 */
export function instantiateFaceplate(faceplate: Faceplate, instance: string): Widget[] {
  return faceplate.widgets.map((w) => {
    const out = { ...w } as Widget
    if (w.bindings) {
      const b: NonNullable<Widget['bindings']> = {}
      for (const [prop, binding] of Object.entries(w.bindings)) {
        b[prop] = 'tag' in binding ? { tag: resolveMemberRef(binding.tag, instance) } : { expr: replaceMemberRefs(binding.expr, instance) }
      }
      out.bindings = b
    }
    if (w.events) {
      const e: NonNullable<Widget['events']> = {}
      for (const [event, list] of Object.entries(w.events)) {
        e[event] = list.map((a) => {
          if (a.action === 'openScreen') return a
          // `$` in a popup action is the faceplate's own instance.
          if (a.action === 'openPopup' || a.action === 'closePopup') return a.instance === '$' ? { ...a, instance } : a
          return { ...a, tag: resolveMemberRef(a.tag, instance) }
        })
      }
      out.events = e
    }
    return out
  })
}

// Parsed templates by the raw object an editor holds; the editor's document shares unchanged files between versions.
const parsedTemplates = new WeakMap<object, Template | null>()

function asTemplate(raw: unknown): Template | null {
  if (typeof raw !== 'object' || raw === null) return null
  let t = parsedTemplates.get(raw)
  if (t === undefined) {
    const r = TemplateSchema.safeParse(raw)
    t = r.success ? r.data : null
    parsedTemplates.set(raw, t)
  }
  return t
}

/**
 * Every tag a tag file defines, its instances expanded, for editors that need all paths while the draft is being
 * edited: unlike the loader it never fails. Invalid tags, unknown or invalid templates and members that do not
 * make a tag are skipped (the loader and validateApp report them). `template` returns the raw template file.
 * @example tagFileTags(doc.get('tags/Agitator.json'), (name) => doc.get(`types/${name}.json`))
 */
export function tagFileTags(file: Partial<TagFile> | null | undefined, template: (name: string) => unknown): ResolvedTag[] {
  if (!file || typeof file.folder !== 'string') return []
  const folder = file.folder
  const out: ResolvedTag[] = []
  for (const t of Array.isArray(file.tags) ? file.tags : []) {
    if (t && typeof t.name === 'string') out.push({ ...t, path: `${folder}/${t.name}` })
  }
  const add = (type: unknown, path: string, params: unknown): void => {
    const t = typeof type === 'string' ? asTemplate(template(type)) : null
    if (!t) return
    const given = typeof params === 'object' && params !== null && !Array.isArray(params) ? params as InstanceParams : undefined
    for (const m of expandInstance(t, path, given).members) out.push(m.tag)
  }
  if (file.type !== undefined) add(file.type, folder, file.params)
  for (const i of Array.isArray(file.instances) ? file.instances : []) {
    if (i && typeof i.name === 'string') add(i.type, `${folder}/${i.name}`, i.params)
  }
  return out
}
