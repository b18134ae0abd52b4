/**
 * What the network of a template program is edited against: the template's members (`$/Member` in TAG_IN /
 * TAG_OUT), its parameters (`"${param}"` input constants) and its instances (monitoring one copy). The editor
 * compiles a probe copy, as template validation does: parameters take their default (else a typed stand-in) and
 * `$/Member` points at a stand-in instance, so block ids, indices and JSON paths stay those of the stored program.
 */
import { IEC_TYPES, jsonPath, substituteParams } from '@takt/blocks'
import type { DataType, Diagnostic, FbBlock, FbdProgram, LocalText, ParamType, ParamValue } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { isTemplateDoc, listInstances } from '../templates/model'
import type { TemplateDoc } from '../templates/model'
import { programSource } from './source'

export interface MemberInfo {
  name: string
  dataType: DataType | undefined
  description: LocalText | undefined
  /** Derived from an expression: a program cannot write it. */
  derived: boolean
}

export interface ParamInfo { name: string; type: ParamType; default?: ParamValue }

export interface TemplateScope {
  template: string
  file: string
  members: readonly MemberInfo[]
  params: readonly ParamInfo[]
}

const TAG_BLOCKS = new Set(['TAG_IN', 'TAG_OUT'])
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/
const SELF = '__self__'
const PROBE: Record<ParamType, ParamValue> = { string: 'x', number: 1, boolean: false }

const scopes = new WeakMap<object, TemplateScope>()

function buildScope(template: string, file: string, t: TemplateDoc): TemplateScope {
  const members = t.tags.flatMap((m): MemberInfo[] => {
    if (typeof m?.name !== 'string') return []
    const dt = (m as { dataType?: unknown }).dataType
    const src = (m as { source?: { kind?: unknown } }).source
    return [{
      name: m.name,
      dataType: (IEC_TYPES as readonly unknown[]).includes(dt) ? dt as DataType : undefined,
      description: (m as { description?: LocalText }).description,
      derived: src?.kind === 'expression',
    }]
  })
  const params = (Array.isArray(t.parameters) ? t.parameters : []).flatMap((p): ParamInfo[] =>
    typeof p?.name === 'string' && (p.type === 'string' || p.type === 'number' || p.type === 'boolean')
      ? [{ name: p.name, type: p.type, ...(p.default !== undefined ? { default: p.default } : {}) }] : [])
  return { template, file, members, params }
}

/** The scope of the template program at `path`; null for an ordinary program, function block or a missing template. */
export function templateScope(doc: ReadonlyDoc, path: string): TemplateScope | null {
  const s = programSource(path)
  if (s.kind !== 'template') return null
  const t = doc.get(s.file)
  if (!isTemplateDoc(t)) return null
  let scope = scopes.get(t)
  if (!scope) scopes.set(t, (scope = buildScope(s.template, s.file, t)))
  return scope
}

/** Instance paths of the template, sorted: the copies that can be monitored. */
export function scopeInstances(doc: ReadonlyDoc, scope: TemplateScope): string[] {
  return listInstances(doc, scope.template).map((i) => i.path)
}

/** `"${limit}"` -> `limit`; null for anything else. */
export function wholePlaceholder(v: unknown): string | null {
  return typeof v === 'string' ? WHOLE.exec(v)?.[1] ?? null : null
}

/** Why `value` cannot be an input constant of this template's program; null when it can. */
export function placeholderProblem(scope: TemplateScope | null, value: string): string | null {
  const name = wholePlaceholder(value)
  if (!scope) return 'a constant is a number or TRUE/FALSE; "${param}" only in a template program'
  if (name === null) return `"${value}" is not a number or a whole parameter placeholder like "\${limit}"`
  const p = scope.params.find((x) => x.name === name)
  if (!p) return `\${${name}} is not a parameter of template ${scope.template} (${paramList(scope)})`
  if (p.type === 'string') return `parameter ${name} is a string; an input takes a number or boolean parameter`
  return null
}

function paramList(scope: TemplateScope): string {
  return scope.params.length > 0 ? `parameters: ${scope.params.map((p) => p.name).join(', ')}` : 'it declares none'
}

export interface Probe {
  /** The network to compile: placeholders replaced, `$/Member` pointing at a stand-in instance. */
  program: FbdProgram
  /** Placeholder problems the compiler cannot name, at paths of the stored program. */
  diagnostics: Diagnostic[]
}

const probes = new WeakMap<FbdProgram, { key: string; probe: Probe }>()

/** The probe copy of a template program (memoised per stored program object and parameter set). */
export function probeProgram(p: FbdProgram, scope: TemplateScope): Probe {
  const values = new Map(scope.params.map((x) => [x.name, x.default !== undefined && typeof x.default === x.type ? x.default : PROBE[x.type]]))
  const key = JSON.stringify([...values])
  const hit = probes.get(p)
  if (hit?.key === key) return hit.probe
  const sub = substituteParams({ blocks: p.blocks }, values)
  const blocks = (sub.value as { blocks: FbBlock[] }).blocks.map((b) => {
    const tag = b.params?.['tag']
    return TAG_BLOCKS.has(b.type) && typeof tag === 'string' && tag.startsWith('$/') ? { ...b, params: { ...b.params, tag: `${SELF}/${tag.slice(2)}` } } : b
  })
  const diagnostics: Diagnostic[] = sub.missing.map((m) => ({
    code: 'E_REFERENCE', severity: 'error', path: jsonPath(m.path),
    message: `placeholder \${${m.name}} is not a parameter of template ${scope.template} (${paramList(scope)})`,
  }))
  p.blocks.forEach((b, i) => {
    for (const [pin, v] of Object.entries(b.inputs ?? {})) {
      const name = wholePlaceholder(v)
      if (name !== null && scope.params.find((x) => x.name === name)?.type === 'string') {
        diagnostics.push({ code: 'E_FB_TYPE_MISMATCH', severity: 'error', path: jsonPath(['blocks', i, 'inputs', pin]), message: `${b.id}.${pin}: parameter ${name} is a string; an input takes a number or boolean parameter` })
      }
    }
  })
  const probe = { program: { ...p, blocks }, diagnostics }
  probes.set(p, { key, probe })
  return probe
}

/**
 * TAG_IN / TAG_OUT problems of a template program: `$/X` must be a member (and writable for TAG_OUT), any other
 * path an APP tag. Paths a parameter decides (`${area}/Level`) are checked per instance by validation.
 */
export function templateTagDiagnostics(p: FbdProgram, scope: TemplateScope, isAppTag: (path: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = []
  const members = new Map(scope.members.map((m) => [m.name, m]))
  p.blocks.forEach((b, i) => {
    const tag = b.params?.['tag']
    if (!TAG_BLOCKS.has(b.type) || typeof tag !== 'string' || tag === '' || tag.includes('${')) return
    const path = `$.blocks[${i}].params.tag`
    if (tag.startsWith('$/')) {
      const m = members.get(tag.slice(2))
      if (!m) {
        const list = scope.members.map((x) => x.name)
        out.push({ code: 'E_REFERENCE', severity: 'error', path, message: `${tag} is not a member of template ${scope.template} (${list.length > 0 ? `members: ${list.join(', ')}` : 'it has no members'})` })
      } else if (b.type === 'TAG_OUT' && m.derived) {
        out.push({ code: 'E_NOT_WRITABLE', severity: 'error', path, message: `member ${tag} is derived from an expression; a program cannot write it` })
      }
    } else if (!isAppTag(tag)) {
      out.push({ code: 'E_REFERENCE', severity: 'error', path, message: `tag ${tag} does not exist (a member of the instance is written $/Name)` })
    }
  })
  return out
}

/** A compiler diagnostic of the probe copy, told in the template's own words (`$/Fault`, not the stand-in instance). */
export function unprobe(d: Diagnostic): Diagnostic {
  return d.message.includes(`${SELF}/`) ? { ...d, message: d.message.split(`${SELF}/`).join('$/') } : d
}
