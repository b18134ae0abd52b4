/**
 * Cross-file checks of equipment templates: each template on its own (parameters, members, faceplate), the
 * instances declared in tag files (expanded here into tags), and faceplate widgets on screens.
 * A template's own problems are reported once, in its file; an instance reports only what its parameters cause.
 */
import { compileExpression } from '../expr/compile.js'
import { expandMember } from './expand.js'
import { isPrefix, placeholdersIn, replaceMemberRefs } from './placeholders.js'
import type { JsonSegment } from './placeholders.js'
import type { Widget } from './screen.js'
import { memberOf } from './template.js'
import type { ParamValue, Template, TemplateAction, TemplateMember } from './template.js'
import type { AppManifest } from './app.js'
import type { Ctx, FileEntry } from './validate.js'
import { jsonPath } from './validate-json.js'
import { programParams } from './validate-template-programs.js'
import { checkPopupTarget, fitsType } from './validate-refs.js'

/**
 * Stands for the instance while a template is checked on its own: `{$/X}` becomes `{__self__/X}`, so the
 * expression compiler can run and the references can be sorted into members and ordinary tags.
 */
const SELF = '__self__'
const PROBE: Record<Template['parameters'][number]['type'], ParamValue> = { string: 'x', number: 1, boolean: false }

/** Whether the field at `path` of a template member holds a `${param}` placeholder. */
export function fromParams(member: TemplateMember | undefined, path: readonly string[]): boolean {
  let v: unknown = member
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return false
    v = (v as Record<string, unknown>)[seg]
  }
  return typeof v === 'string' && placeholdersIn(v).length > 0
}

/** The message for a tag source naming a connection that app.json does not declare. */
export function undeclaredConnection(manifest: AppManifest, connection: string): string {
  const declared = Object.keys(manifest.connections)
  const hint = declared.length > 0 ? `declared: ${declared.join(', ')}` : 'none are declared'
  return `connection "${connection}" is not declared in app.json "connections" (${hint})`
}

/** `types/Motor.json` -> `Motor`. */
function stem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  return base.endsWith('.json') ? base.slice(0, -5) : base
}

/** Fills ctx.templates; template names must match their files and be unique. */
export function indexTemplates(ctx: Ctx): void {
  for (const entry of ctx.parts.templates ?? []) {
    const { file, value } = entry
    if (value.name !== stem(file)) ctx.report('E_SCHEMA', file, ['name'], `template name "${value.name}" must match the file name "${stem(file)}"`)
    const prior = ctx.templates.get(value.name)
    if (prior) ctx.report('E_DUPLICATE', file, ['name'], `template "${value.name}" is already defined in ${prior.file}`)
    else ctx.templates.set(value.name, entry)
  }
  if (ctx.parts.complete.templates === false) ctx.tagsComplete = false
}

/** Checks every template on its own. Runs after the tags are collected, so references to tags can be checked. */
export function checkTemplates(ctx: Ctx): void {
  for (const entry of ctx.parts.templates ?? []) checkTemplate(ctx, entry)
}

function checkTemplate(ctx: Ctx, { file, value: t }: FileEntry<Template>): void {
  const params = new Map<string, ParamValue>()
  t.parameters.forEach((p, i) => {
    if (params.has(p.name)) ctx.report('E_DUPLICATE', file, ['parameters', i, 'name'], `parameter "${p.name}" is declared twice`)
    if (p.default !== undefined && typeof p.default !== p.type) {
      ctx.report('E_TYPE_MISMATCH', file, ['parameters', i, 'default'], `default ${JSON.stringify(p.default)} is not a ${p.type}`)
    }
    params.set(p.name, p.default !== undefined && typeof p.default === p.type ? p.default : PROBE[p.type])
  })
  const members = new Map<string, TemplateMember>()
  t.tags.forEach((m, i) => {
    if (members.has(m.name)) ctx.report('E_DUPLICATE', file, ['tags', i, 'name'], `member "${m.name}" is declared twice`)
    else members.set(m.name, m)
  })
  // Programs are checked in validate-template-programs.ts; here only their parameters count as used.
  const used = programParams(t)
  t.tags.forEach((m, i) => checkMember(ctx, file, t, m, i, params, members, used))
  t.parameters.forEach((p, i) => {
    if (!used.has(p.name)) ctx.report('E_REFERENCE', file, ['parameters', i, 'name'], `parameter "${p.name}" is not used by any member or program`, 'warning')
  })
  if (t.faceplate) checkFaceplate(ctx, file, t, members)
}

/** A member filled in with defaults (or probe values) must make a valid tag wherever no parameter decides it. */
function checkMember(ctx: Ctx, file: string, t: Template, m: TemplateMember, i: number, params: ReadonlyMap<string, ParamValue>,
  members: ReadonlyMap<string, TemplateMember>, used: Set<string>): void {
  const x = expandMember(m, params, SELF)
  for (const h of x.holes) for (const n of placeholdersIn(String(valueAt(m, h)))) used.add(n)
  for (const miss of x.missing) {
    const known = t.parameters.length > 0 ? `parameters: ${t.parameters.map((p) => p.name).join(', ')}` : 'it declares none'
    ctx.report('E_REFERENCE', file, ['tags', i, ...miss.path], `placeholder \${${miss.name}} is not a parameter of template ${t.name} (${known})`)
  }
  // Value-dependent problems (a range whose bounds are parameters) are checked per instance, with real values.
  for (const issue of x.issues) {
    if (!x.holes.some((h) => isPrefix(issue.at, h))) ctx.report(issue.code, file, ['tags', i, ...issue.at], issue.message)
  }
  const def = x.def
  if (!def) return
  const src = def.source
  const manifest = ctx.parts.manifest?.value
  if (src.kind === 'connection' && manifest && !fromParams(m, ['source', 'connection']) && !Object.hasOwn(manifest.connections, src.connection)) {
    ctx.report('E_REFERENCE', file, ['tags', i, 'source', 'connection'], undeclaredConnection(manifest, src.connection))
  } else if (src.kind === 'memory' && src.initial !== undefined && !fromParams(m, ['source', 'initial']) && !fitsType(def, src.initial)) {
    ctx.report('E_TYPE_MISMATCH', file, ['tags', i, 'source', 'initial'], `initial value ${JSON.stringify(src.initial)} does not fit data type ${def.dataType}`, 'warning')
  } else if (src.kind === 'expression' && !fromParams(m, ['source', 'expr'])) {
    checkExpression(ctx, file, ['tags', i, 'source', 'expr'], src.expr, t, members)
  }
}

function valueAt(v: unknown, path: readonly JsonSegment[]): unknown {
  for (const seg of path) v = (v as Record<string | number, unknown>)[seg]
  return v
}

/** An expression already rewritten with SELF: compile it, then sort its references into members and tags. */
function checkExpression(ctx: Ctx, file: string, at: PropertyKey[], source: string, t: Template, members: ReadonlyMap<string, unknown>): void {
  const r = compileExpression(source)
  if (!r.ok) {
    for (const d of r.diagnostics) ctx.report(d.code, file, at, `expression column ${d.column}: ${d.message.replaceAll(`${SELF}/`, '$/')}`)
    return
  }
  for (const ref of r.expr.refs) {
    if (ref.startsWith(`${SELF}/`)) checkRef(ctx, file, at, `$/${ref.slice(SELF.length + 1)}`, t, members)
    else if (ctx.isTag && !ctx.isTag(ref)) ctx.report('E_EXPR_UNKNOWN_TAG', file, at, `unknown tag {${ref}}`)
  }
}

/** `$/X` must be a member of the template; an ordinary path must be a tag. */
function checkRef(ctx: Ctx, file: string, at: PropertyKey[], ref: string, t: Template, members: ReadonlyMap<string, unknown>): void {
  const m = memberOf(ref)
  if (m !== null) {
    if (!members.has(m)) {
      const list = [...members.keys()]
      ctx.report('E_REFERENCE', file, at, `${ref} is not a member of template ${t.name} (${list.length > 0 ? `members: ${list.join(', ')}` : 'it has no members'})`)
    }
  } else if (ctx.isTag && !ctx.isTag(ref)) {
    ctx.report('E_REFERENCE', file, at, `tag ${ref} does not exist`)
  }
}

function checkFaceplate(ctx: Ctx, file: string, t: Template, members: ReadonlyMap<string, TemplateMember>): void {
  const ids = new Map<string, number>()
  const screens = new Set(ctx.parts.screens.map((s) => s.value.name))
  t.faceplate?.widgets.forEach((w, i) => {
    const at = ['faceplate', 'widgets', i]
    const prior = ids.get(w.id)
    if (prior !== undefined) ctx.report('E_DUPLICATE', file, [...at, 'id'], `widget id "${w.id}" is already used by faceplate.widgets[${prior}]`)
    else ids.set(w.id, i)
    if (w.type === 'faceplate') ctx.report('E_UNSUPPORTED', file, [...at, 'type'], 'a faceplate cannot contain another faceplate')
    for (const [prop, b] of Object.entries(w.bindings ?? {})) {
      if ('tag' in b) checkRef(ctx, file, [...at, 'bindings', prop, 'tag'], b.tag, t, members)
      else checkExpression(ctx, file, [...at, 'bindings', prop, 'expr'], replaceMemberRefs(b.expr, SELF), t, members)
    }
    for (const [event, actions] of Object.entries(w.events ?? {})) {
      actions.forEach((a, k) => checkFaceplateAction(ctx, file, [...at, 'events', event, k], a, t, members, screens))
    }
  })
}

function checkFaceplateAction(ctx: Ctx, file: string, at: PropertyKey[], a: TemplateAction, t: Template,
  members: ReadonlyMap<string, TemplateMember>, screens: ReadonlySet<string>): void {
  if (a.action === 'openScreen') {
    if (ctx.parts.complete.screens && !screens.has(a.screen)) {
      ctx.report('E_REFERENCE', file, [...at, 'screen'], `screen "${a.screen}" does not exist (no screens/${a.screen}.json)`)
    }
    return
  }
  if (a.action === 'openPopup' || a.action === 'closePopup') return checkPopupTarget(ctx, file, at, a, screens, t.name)
  checkRef(ctx, file, [...at, 'tag'], a.tag, t, members)
  const name = memberOf(a.tag)
  const member = name === null ? undefined : members.get(name)
  const dataType = member?.dataType
  if (typeof dataType !== 'string') return
  if (a.action === 'toggle' && dataType !== 'BOOL') {
    ctx.report('E_TYPE_MISMATCH', file, [...at, 'tag'], `toggle needs a BOOL member; ${a.tag} is ${dataType}`, 'warning')
  } else if (a.action === 'write' && !fitsType({ dataType: dataType as never }, a.value)) {
    ctx.report('E_TYPE_MISMATCH', file, [...at, 'value'], `value ${JSON.stringify(a.value)} does not fit ${a.tag} (${dataType})`, 'warning')
  }
}

/** Checks every faceplate widget of every screen. */
export function checkScreenFaceplates(ctx: Ctx): void {
  for (const { file, value } of ctx.parts.screens) {
    value.widgets.forEach((w, i) => {
      if (w.type === 'faceplate') checkFaceplateWidget(ctx, file, i, w)
    })
  }
}

/** A `faceplate` widget on a screen names an existing template with a faceplate and an instance of that template. */
export function checkFaceplateWidget(ctx: Ctx, file: string, i: number, w: Widget): void {
  const at = ['widgets', i, 'props']
  const name = w.props?.template
  const instance = w.props?.instance
  let template: Template | undefined
  if (typeof name !== 'string') {
    ctx.report('E_SCHEMA', file, [...at, 'template'], 'a faceplate widget needs props.template: the name of a template (types/<Name>.json)')
  } else {
    template = ctx.templates.get(name)?.value
    if (!template) {
      if (ctx.parts.complete.templates !== false) ctx.report('E_REFERENCE', file, [...at, 'template'], `template "${name}" does not exist (no types/${name}.json)`)
    } else if (!template.faceplate) {
      ctx.report('E_REFERENCE', file, [...at, 'template'], `template "${name}" has no faceplate`)
    }
  }
  if (typeof instance !== 'string') {
    ctx.report('E_SCHEMA', file, [...at, 'instance'], 'a faceplate widget needs props.instance: the path of an instance, e.g. Area1/Motor3')
    return
  }
  const found = ctx.instances.get(instance)
  if (!found) {
    if (ctx.tagsComplete) ctx.report('E_REFERENCE', file, [...at, 'instance'], `instance "${instance}" does not exist (no tag file declares it)`)
  } else if (typeof name === 'string' && found.type !== name) {
    ctx.report('E_TYPE_MISMATCH', file, [...at, 'instance'], `instance "${instance}" is a ${found.type}, not a ${name} (declared in ${found.file} at ${jsonPath(found.at)})`)
  }
}
