/**
 * Template commands (STYLE.md 11): pure functions from the draft to new versions of the files they change.
 * Renaming a parameter or a member rewrites what refers to it inside the template (placeholders, `$/Member`
 * references) and the parameter values of every instance, so the APP stays valid. All take the template's `path`.
 */
import type { LocalText, TemplateMember, TemplateParam } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { CommandResult, FileChanges, ReadonlyDoc } from '../doc/command'
import { isTemplateDoc, listInstances, templatePath } from './model'
import type { TemplateDoc } from './model'

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const PARAM_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

export function withTemplate(doc: ReadonlyDoc, path: string, fn: (t: TemplateDoc) => CommandResult): CommandResult {
  const t = doc.get(path)
  if (!isTemplateDoc(t)) return { error: `no template at ${path}` }
  return fn(t)
}

function changed(path: string, t: TemplateDoc, extra: FileChanges = {}): CommandResult {
  return { changes: { ...extra, [path]: t } }
}

/** A name not in `taken`: `base`, else `base2`, `base3`, ... */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const set = new Set(taken)
  if (!set.has(base)) return base
  for (let i = 2; ; i++) if (!set.has(`${base}${i}`)) return `${base}${i}`
}

export const createTemplate = defineCommand<{ name: string; description?: LocalText }>('template.create', (doc, a) => {
  if (!NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid name: letters, digits, _ and - only; starts with a letter or _` }
  const path = templatePath(a.name)
  if (doc.get(path) !== undefined) return { error: `${path} already exists` }
  const t: TemplateDoc = {
    format: 1, name: a.name, ...(a.description !== undefined ? { description: a.description } : {}),
    parameters: [], tags: [], faceplate: { width: 240, height: 140, widgets: [] },
  }
  return { changes: { [path]: t } }
})

/** Deletes a template file. Its instances stay in the tag files (validation names them) so nothing is lost silently. */
export const deleteTemplate = defineCommand<{ name: string }>('template.delete', (doc, a) => {
  const path = templatePath(a.name)
  return doc.get(path) === undefined ? { error: `no template at ${path}` } : { changes: { [path]: null } }
})

export const setTemplateDescription = defineCommand<{ path: string; description: LocalText | undefined }>('template.setDescription', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const { description: _old, ...rest } = t
    return changed(a.path, a.description === undefined || a.description === '' ? rest : { ...rest, description: a.description })
  }))

// ---- parameters

export const addParameter = defineCommand<{ path: string; param?: Partial<TemplateParam> }>('template.addParameter', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const params = t.parameters ?? []
    const name = a.param?.name ?? uniqueName('param', params.map((p) => p.name))
    if (!PARAM_RE.test(name)) return { error: `"${name}" is not a valid parameter name: letters, digits and _ only` }
    if (params.some((p) => p.name === name)) return { error: `parameter "${name}" already exists` }
    const param: TemplateParam = { type: 'string', ...a.param, name }
    return changed(a.path, { ...t, parameters: [...params, param] })
  }))

/**
 * Changes one parameter. A new `name` is also written into every `${old}` placeholder of the members and programs and into the
 * `params` of every instance of this template; a new `type` drops a default that no longer fits.
 */
export const updateParameter = defineCommand<{ path: string; index: number; patch: Partial<TemplateParam> }>('template.updateParameter', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const params = t.parameters ?? []
    const old = params[a.index]
    if (!old) return { error: `no parameter ${a.index}` }
    const next: TemplateParam = { ...old, ...a.patch }
    if (a.patch.default === undefined && 'default' in a.patch) delete next.default
    if (a.patch.description === undefined && 'description' in a.patch) delete next.description
    if (next.default !== undefined && typeof next.default !== next.type) delete next.default
    const extra: FileChanges = {}
    let tags = t.tags
    let programs = t.programs
    if (next.name !== old.name) {
      if (!PARAM_RE.test(next.name)) return { error: `"${next.name}" is not a valid parameter name: letters, digits and _ only` }
      if (params.some((p) => p.name === next.name)) return { error: `parameter "${next.name}" already exists` }
      tags = t.tags.map((m) => renamePlaceholder(m, old.name, next.name) as TemplateMember)
      programs = renamePlaceholder(programs, old.name, next.name) as TemplateDoc['programs']
      Object.assign(extra, renameInstanceParam(doc, t.name, old.name, next.name))
    }
    const parameters = params.map((p, i) => (i === a.index ? next : p))
    return changed(a.path, { ...t, parameters, tags, ...(programs ? { programs } : {}) }, extra)
  }))

export const removeParameter = defineCommand<{ path: string; index: number }>('template.removeParameter', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const params = t.parameters ?? []
    if (!params[a.index]) return { error: `no parameter ${a.index}` }
    return changed(a.path, { ...t, parameters: params.filter((_, i) => i !== a.index) })
  }))

/** Rewrites `${from}` to `${to}` in every string of a JSON value (copies only what changes). */
function renamePlaceholder(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.split(`\${${from}}`).join(`\${${to}}`)
  if (Array.isArray(v)) {
    const out = v.map((x) => renamePlaceholder(x, from, to))
    return out.every((x, i) => x === v[i]) ? v : out
  }
  if (typeof v === 'object' && v !== null) {
    let same = true
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      out[k] = renamePlaceholder(x, from, to)
      if (out[k] !== x) same = false
    }
    return same ? v : out
  }
  return v
}

function renameKey(params: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params)) out[k === from ? to : k] = v
  return out
}

/** The tag files whose instances of `type` give a value for parameter `from`, with the key renamed to `to`. */
function renameInstanceParam(doc: ReadonlyDoc, type: string, from: string, to: string): FileChanges {
  const out: FileChanges = {}
  for (const ref of listInstances(doc, type)) {
    if (!Object.hasOwn(ref.params, from)) continue
    const f = (out[ref.file] ?? doc.get(ref.file)) as Record<string, unknown>
    if (ref.index === null) {
      out[ref.file] = { ...f, params: renameKey(ref.params, from, to) }
    } else {
      const list = [...(f.instances as Record<string, unknown>[])]
      list[ref.index] = { ...list[ref.index], params: renameKey(ref.params, from, to) }
      out[ref.file] = { ...f, instances: list }
    }
  }
  return out
}

// ---- members

export const addMember = defineCommand<{ path: string; member?: Partial<TemplateMember> }>('template.addMember', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const name = typeof a.member?.name === 'string' ? a.member.name : uniqueName('Member', t.tags.map((m) => m.name))
    if (!NAME_RE.test(name)) return { error: `"${name}" is not a valid member name` }
    if (t.tags.some((m) => m.name === name)) return { error: `member "${name}" already exists` }
    const member: TemplateMember = { dataType: 'REAL', source: { kind: 'memory' }, ...a.member, name }
    return changed(a.path, { ...t, tags: [...t.tags, member] })
  }))

/**
 * Sets one field of a member, nested by `field` (`['source', 'address']`, `['range', 'max']`); `undefined`
 * removes it, and an object left empty by that goes too. Renaming goes through renameMember.
 */
export const setMemberField = defineCommand<{ path: string; index: number; field: string[]; value: unknown }>('template.setMemberField', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const m = t.tags[a.index]
    if (!m) return { error: `no member ${a.index}` }
    if (a.field.length === 0 || a.field[0] === 'name') return { error: 'use template.renameMember to rename a member' }
    const next = setIn(m, a.field, a.value) as TemplateMember
    return changed(a.path, { ...t, tags: t.tags.map((x, i) => (i === a.index ? next : x)) })
  }))

function setIn(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path as [string, ...string[]]
  const out = { ...obj }
  if (rest.length === 0) {
    if (value === undefined) delete out[key]
    else out[key] = value
    return out
  }
  const child = out[key]
  const inner = setIn(typeof child === 'object' && child !== null && !Array.isArray(child) ? child as Record<string, unknown> : {}, rest, value)
  if (Object.keys(inner).length === 0) delete out[key]
  else out[key] = inner
  return out
}

/** Renames a member and every `$/Old` / `{$/Old}` reference to it in the template's faceplate, expressions and programs. */
export const renameMember = defineCommand<{ path: string; index: number; name: string }>('template.renameMember', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const m = t.tags[a.index]
    if (!m) return { error: `no member ${a.index}` }
    if (m.name === a.name) return { changes: {} }
    if (!NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid member name` }
    if (t.tags.some((x) => x.name === a.name)) return { error: `member "${a.name}" already exists` }
    const re = renameRef(m.name, a.name)
    const tags = t.tags.map((x, i) => re((i === a.index ? { ...x, name: a.name } : x)) as TemplateMember)
    const faceplate = t.faceplate ? re(t.faceplate) as TemplateDoc['faceplate'] : undefined
    // Template programs name members in TAG_IN / TAG_OUT `params.tag`, which the same rewriter covers.
    const programs = t.programs ? re(t.programs) as TemplateDoc['programs'] : undefined
    return changed(a.path, { ...t, tags, ...(faceplate ? { faceplate } : {}), ...(programs ? { programs } : {}) })
  }))

/** A rewriter of member references in bindings, actions and expressions: `$/from` and `{$/from}`. */
function renameRef(from: string, to: string): (v: unknown) => unknown {
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') {
      if (key === 'tag' && v === `$/${from}`) return `$/${to}`
      if (key === 'expr') return v.split(`{$/${from}}`).join(`{$/${to}}`)
      return v
    }
    if (Array.isArray(v)) {
      const out = v.map((x) => walk(x, null))
      return out.every((x, i) => x === v[i]) ? v : out
    }
    if (typeof v === 'object' && v !== null) {
      let same = true
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) {
        out[k] = walk(x, k)
        if (out[k] !== x) same = false
      }
      return same ? v : out
    }
    return v
  }
  return (v) => walk(v, null)
}

export const removeMember = defineCommand<{ path: string; index: number }>('template.removeMember', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    if (!t.tags[a.index]) return { error: `no member ${a.index}` }
    return changed(a.path, { ...t, tags: t.tags.filter((_, i) => i !== a.index) })
  }))

export const moveMember = defineCommand<{ path: string; from: number; to: number }>('template.moveMember', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const m = t.tags[a.from]
    if (!m || a.to < 0 || a.to >= t.tags.length) return { error: 'no such member position' }
    if (a.from === a.to) return { changes: {} }
    const tags = t.tags.filter((_, i) => i !== a.from)
    tags.splice(a.to, 0, m)
    return changed(a.path, { ...t, tags })
  }))
