/**
 * Tag bindings of Structured Text PROGRAMs (app.json `tasks[].bindings`): which tag feeds which VAR_INPUT and
 * which VAR_OUTPUT writes which tag, with the conversions both ways. One resolver serves the loader's checks, the
 * APP test runner and the runtime, so all three apply the same rules.
 */
import type { ErrorCode } from '../errors.js'
import type { TagScalar } from '../quality.js'
import type { StBinding, StInstance } from '../st/instance.js'
import type { DataType } from './common.js'
import type { TagSource } from './tags.js'

/** How a variable's value travels: BOOL as 0/1, integers rounded and clamped to their type, TIME in ms. */
export type StValueKind = 'bool' | 'int' | 'real' | 'time' | 'string'

/** A bound variable: where it lives in the instance's memory and which tag it is bound to. */
export interface StTagBinding {
  /** The variable as declared: `level`, `valves[2]`, `status.code`. */
  variable: string
  /** The variable as the binding writes it (the key in app.json). */
  key: string
  tag: string
  /** Slot in `memory` or, for kind 'string', in `strings`. */
  slot: number
  kind: StValueKind
  /** Range of an integer variable (kind 'int'); an input outside it is clamped. */
  lo: number
  hi: number
  /** Longest value of a STRING variable. */
  maxLen: number
}

/** A binding that cannot be made; `key` is the variable as written in app.json, `on` the side at fault. */
export interface StBindingProblem { key: string; on: 'variable' | 'tag'; code: ErrorCode; message: string }

export interface StBindingResult {
  inputs: StTagBinding[]
  outputs: StTagBinding[]
  problems: StBindingProblem[]
}

/** What the resolver needs to know of a tag. */
export interface BindableTag { dataType: DataType; source: Pick<TagSource, 'kind'> }

const INT_RANGES: Record<string, readonly [number, number]> = {
  SINT: [-128, 127], INT: [-32768, 32767], DINT: [-2147483648, 2147483647], LINT: [-(2 ** 63), 2 ** 63 - 1],
  USINT: [0, 255], UINT: [0, 65535], UDINT: [0, 4294967295], ULINT: [0, 2 ** 64 - 1],
  BYTE: [0, 255], WORD: [0, 65535], DWORD: [0, 4294967295], LWORD: [0, 2 ** 64 - 1],
}

const NUMERIC_TAGS: ReadonlySet<DataType> = new Set(['SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'REAL', 'LREAL'])

/** The value kind of an ST type name (`INT`, `STRING[20]`, ...); null for types that cannot bind to a tag. */
export function stValueKind(type: string): Pick<StTagBinding, 'kind' | 'lo' | 'hi' | 'maxLen'> | null {
  const none = { lo: 0, hi: 0, maxLen: 0 }
  if (type === 'BOOL') return { kind: 'bool', ...none }
  if (type === 'REAL' || type === 'LREAL') return { kind: 'real', ...none }
  if (type === 'TIME') return { kind: 'time', ...none }
  const range = INT_RANGES[type]
  if (range) return { kind: 'int', lo: range[0], hi: range[1], maxLen: 0 }
  const s = /^STRING(?:\[(\d+)\])?$/.exec(type)
  if (s) return { kind: 'string', lo: 0, hi: 0, maxLen: s[1] === undefined ? 254 : Number(s[1]) }
  return null
}

/** Whether a variable of `kind` may bind to a tag of `dataType`: BOOL, STRING and TIME to their own, numbers to numbers. */
export function tagAccepts(dataType: DataType, kind: StValueKind): boolean {
  switch (kind) {
    case 'bool': return dataType === 'BOOL'
    case 'string': return dataType === 'STRING'
    case 'time': return dataType === 'TIME'
    default: return NUMERIC_TAGS.has(dataType)
  }
}

/** A numeric tag value as an input variable holds it: integers rounded and clamped to their type. */
export function toStNumber(b: Pick<StTagBinding, 'kind' | 'lo' | 'hi'>, v: number): number {
  if (b.kind !== 'int') return v
  const r = Math.round(v)
  if (Number.isNaN(r)) return 0
  return r < b.lo ? b.lo : r > b.hi ? b.hi : r
}

/** A number from program memory as a tag of `dataType` holds it (the FBD engine's rule too). */
export function fromStNumber(raw: number, dataType: DataType): TagScalar {
  if (dataType === 'BOOL') return raw !== 0
  return dataType === 'REAL' || dataType === 'LREAL' || dataType === 'TIME' ? raw : Math.round(raw)
}

const normal = (name: string) => name.replace(/\s+/g, '').toUpperCase()

/**
 * Resolves a PROGRAM's bindings against a running instance of it. A VAR_IN_OUT binds both ways.
 * @example
 * const { inputs, outputs, problems } = resolveStBindings(inst, { level: 'Tank1/Level' }, (p) => tags.get(p))
 */
export function resolveStBindings(inst: StInstance, bindings: Readonly<Record<string, string>>, tagOf: (path: string) => BindableTag | undefined): StBindingResult {
  const out: StBindingResult = { inputs: [], outputs: [], problems: [] }
  const ins = new Map(inst.inputs.map((b) => [normal(b.name), b]))
  const outs = new Map(inst.outputs.map((b) => [normal(b.name), b]))
  const seen = new Map<string, string>()
  const program = inst.pou.name
  for (const [key, tagPath] of Object.entries(bindings)) {
    const problem = (code: ErrorCode, message: string, on: 'variable' | 'tag' = 'variable') => out.problems.push({ key, on, code, message })
    const n = normal(key)
    const input = ins.get(n)
    const output = outs.get(n)
    const v = input ?? output
    if (!v) {
      problem('E_REFERENCE', notBindable(inst, key))
      continue
    }
    const prior = seen.get(n)
    if (prior !== undefined) {
      problem('E_DUPLICATE', `${v.name} is already bound as "${prior}"`)
      continue
    }
    seen.set(n, key)
    const tag = tagOf(tagPath)
    if (!tag) {
      problem('E_REFERENCE', `tag ${tagPath} does not exist`, 'tag')
      continue
    }
    const kind = stValueKind(v.type)
    if (!kind) {
      problem('E_TYPE_MISMATCH', `${program}.${v.name} is ${v.type}; only BOOL, numeric, TIME and STRING variables bind to tags`)
      continue
    }
    if (!tagAccepts(tag.dataType, kind.kind)) {
      problem('E_TYPE_MISMATCH', `${program}.${v.name} is ${v.type} but tag ${tagPath} is ${tag.dataType}`)
      continue
    }
    if (output && tag.source.kind === 'expression') {
      problem('E_NOT_WRITABLE', `tag ${tagPath} is derived from an expression; ${program}.${v.name} cannot write it`, 'tag')
      continue
    }
    const make = (b: StBinding): StTagBinding => ({ variable: b.name, key, tag: tagPath, slot: b.slot, ...kind })
    if (input) out.inputs.push(make(input))
    if (output) out.outputs.push(make(output))
  }
  return out
}

function notBindable(inst: StInstance, key: string): string {
  const program = inst.pou.name
  const root = normal(key).split(/[.[]/)[0]!
  const decl = inst.pou.variables.find((x) => x.name.toUpperCase() === root)
  if (!decl) return `PROGRAM ${program} has no variable ${key}`
  const io = decl.section === 'VAR_INPUT' || decl.section === 'VAR_OUTPUT' || decl.section === 'VAR_IN_OUT'
  if (!io) return `${program}.${decl.name} is declared in ${decl.section}; only VAR_INPUT, VAR_OUTPUT and VAR_IN_OUT variables bind to tags`
  if (normal(key) === root) {
    return `${program}.${decl.name} is ${decl.type}; bind its elements or members (${decl.name}[i], ${decl.name}.member)`
  }
  return `${program}.${decl.name} has no element or member ${key}`
}
