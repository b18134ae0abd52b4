import type { BlockDef } from '../engine/types.js'
import type { Init } from './ast.js'
import type { PouInfo, Sym } from './symbols.js'

/**
 * ST data types. Every type knows its footprint: `size` Float64 slots (numbers, BOOL as 0/1, TIME in ms) and
 * `ssize` string slots, laid out contiguously (arrays row-major, structs in declaration order).
 */
export type IntName = 'SINT' | 'INT' | 'DINT' | 'LINT' | 'USINT' | 'UINT' | 'UDINT' | 'ULINT' | 'BYTE' | 'WORD' | 'DWORD' | 'LWORD'
export type ElemName = 'BOOL' | IntName | 'REAL' | 'LREAL' | 'TIME' | 'STRING'

export interface ElemType { kind: 'elem'; name: ElemName; size: number; ssize: number; maxLen: number }
/** Type of an untyped literal (`5`, `1.5`) until the context gives it one. */
export interface LitType { kind: 'lit'; name: 'ANY_INT' | 'ANY_REAL'; size: 1; ssize: 0 }
export interface EnumType { kind: 'enum'; name: string; values: Map<string, number>; first: number; size: 1; ssize: 0 }
export interface Dim { lo: number; hi: number; len: number; stride: number; sstride: number }
export interface ArrayType { kind: 'array'; name: string; elem: StType; dims: Dim[]; count: number; size: number; ssize: number }
export interface Field { name: string; raw: string; type: StType; off: number; soff: number; init?: Init }
export interface StructType { kind: 'struct'; name: string; fields: Map<string, Field>; order: Field[]; size: number; ssize: number }
/** A library block used as an FB: instance memory is [inputs, outputs, state, last call time, slot-layout index]. */
export interface LibFb { def: BlockDef; nIn: number; nOut: number; stateOff: number; timeOff: number; kOff: number; stride: number }
export interface FbType {
  kind: 'fb'
  name: string
  size: number
  ssize: number
  /** Inputs and outputs (and, for user FBs, every variable) by upper-case name. */
  members: Map<string, Sym>
  lib?: LibFb
  pou?: PouInfo
}
export interface VoidType { kind: 'void'; name: 'VOID'; size: 0; ssize: 0 }

export type StType = ElemType | LitType | EnumType | ArrayType | StructType | FbType | VoidType

function elem(name: ElemName): ElemType {
  return { kind: 'elem', name, size: name === 'STRING' ? 0 : 1, ssize: name === 'STRING' ? 1 : 0, maxLen: 254 }
}

export const T = {
  BOOL: elem('BOOL'), SINT: elem('SINT'), INT: elem('INT'), DINT: elem('DINT'), LINT: elem('LINT'),
  USINT: elem('USINT'), UINT: elem('UINT'), UDINT: elem('UDINT'), ULINT: elem('ULINT'),
  BYTE: elem('BYTE'), WORD: elem('WORD'), DWORD: elem('DWORD'), LWORD: elem('LWORD'),
  REAL: elem('REAL'), LREAL: elem('LREAL'), TIME: elem('TIME'), STRING: elem('STRING'),
} as const satisfies Record<ElemName, ElemType>

export const ANY_INT: LitType = { kind: 'lit', name: 'ANY_INT', size: 1, ssize: 0 }
export const ANY_REAL: LitType = { kind: 'lit', name: 'ANY_REAL', size: 1, ssize: 0 }
export const VOID: VoidType = { kind: 'void', name: 'VOID', size: 0, ssize: 0 }

/** Names accepted for elementary types (`LTIME` and `WSTRING` map to TIME and STRING). */
export const ELEM_ALIASES: ReadonlyMap<string, ElemType> = new Map<string, ElemType>([
  ...Object.entries(T), ['LTIME', T.TIME], ['WSTRING', T.STRING],
])

export const MAX_STRING = 65535

interface IntInfo { bits: number; signed: boolean; bit: boolean; min: number; max: number }
const INT_INFO: Record<IntName, IntInfo> = {
  SINT: { bits: 8, signed: true, bit: false, min: -128, max: 127 },
  INT: { bits: 16, signed: true, bit: false, min: -32768, max: 32767 },
  DINT: { bits: 32, signed: true, bit: false, min: -2147483648, max: 2147483647 },
  LINT: { bits: 64, signed: true, bit: false, min: -(2 ** 63), max: 2 ** 63 - 1 },
  USINT: { bits: 8, signed: false, bit: false, min: 0, max: 255 },
  UINT: { bits: 16, signed: false, bit: false, min: 0, max: 65535 },
  UDINT: { bits: 32, signed: false, bit: false, min: 0, max: 4294967295 },
  ULINT: { bits: 64, signed: false, bit: false, min: 0, max: 2 ** 64 - 1 },
  BYTE: { bits: 8, signed: false, bit: true, min: 0, max: 255 },
  WORD: { bits: 16, signed: false, bit: true, min: 0, max: 65535 },
  DWORD: { bits: 32, signed: false, bit: true, min: 0, max: 4294967295 },
  LWORD: { bits: 64, signed: false, bit: true, min: 0, max: 2 ** 64 - 1 },
}

export function intInfo(t: StType): IntInfo | undefined {
  return t.kind === 'elem' ? INT_INFO[t.name as IntName] : undefined
}

export const isInt = (t: StType): boolean => (t.kind === 'elem' && t.name in INT_INFO) || t === ANY_INT
export const isReal = (t: StType): boolean => (t.kind === 'elem' && (t.name === 'REAL' || t.name === 'LREAL')) || t === ANY_REAL
export const isNum = (t: StType): boolean => isInt(t) || isReal(t)
export const isBool = (t: StType): boolean => t.kind === 'elem' && t.name === 'BOOL'
export const isTime = (t: StType): boolean => t.kind === 'elem' && t.name === 'TIME'
export const isString = (t: StType): boolean => t.kind === 'elem' && t.name === 'STRING'
/** Held in one Float64 slot: what the VM's arithmetic and comparisons work on. */
export const isScalarNum = (t: StType): boolean => (t.kind === 'elem' && t.name !== 'STRING') || t.kind === 'lit' || t.kind === 'enum'

/**
 * Implicit conversions (IEC 61131-3 ed.3, widening only): SINT -> INT -> DINT -> LINT, USINT -> UINT -> UDINT ->
 * ULINT, unsigned -> the next larger signed, INT/UINT -> REAL, DINT/UDINT -> LREAL, REAL -> LREAL,
 * BYTE -> WORD -> DWORD -> LWORD. BOOL, TIME and STRING convert to nothing else.
 */
const EDGES: Record<string, readonly ElemName[]> = {
  SINT: ['INT'], INT: ['DINT', 'REAL'], DINT: ['LINT', 'LREAL'], LINT: [],
  USINT: ['UINT', 'INT'], UINT: ['UDINT', 'DINT', 'REAL'], UDINT: ['ULINT', 'LINT', 'LREAL'], ULINT: [],
  REAL: ['LREAL'], LREAL: [], BYTE: ['WORD'], WORD: ['DWORD'], DWORD: ['LWORD'], LWORD: [],
}
const WIDENS = new Map<string, Set<string>>()
for (const from of Object.keys(EDGES)) {
  const seen = new Set<string>([from])
  const stack = [from]
  while (stack.length) for (const n of EDGES[stack.pop()!]!) if (!seen.has(n)) { seen.add(n); stack.push(n) }
  WIDENS.set(from, seen)
}
/** Order in which a common type is chosen when neither operand widens to the other. */
const PREFERENCE: readonly ElemName[] = ['SINT', 'USINT', 'INT', 'UINT', 'DINT', 'UDINT', 'LINT', 'ULINT', 'REAL', 'LREAL', 'BYTE', 'WORD', 'DWORD', 'LWORD']

export function widens(from: ElemName, to: ElemName): boolean {
  return from === to || (WIDENS.get(from)?.has(to) ?? false)
}

export function fits(v: number, t: StType): boolean {
  const info = intInfo(t)
  if (info) return Number.isInteger(v) && v >= info.min && v <= info.max
  return isReal(t)
}

/** The smallest signed integer type holding `v`. */
function intFor(v: number): ElemType {
  for (const n of ['SINT', 'INT', 'DINT', 'LINT'] as const) if (fits(v, T[n])) return T[n]
  return T.LREAL
}

/**
 * Common type of two operands of an arithmetic or comparison operator, or null when they do not mix.
 * A literal takes the other side's type when its value fits (`i + 1` stays INT).
 */
export function commonType(a: StType, b: StType, av?: number | string, bv?: number | string): StType | null {
  if (a.kind === 'lit' && b.kind === 'lit') return a === ANY_REAL || b === ANY_REAL ? ANY_REAL : ANY_INT
  if (a.kind === 'lit') return litWith(a, typeof av === 'number' ? av : 0, b)
  if (b.kind === 'lit') return litWith(b, typeof bv === 'number' ? bv : 0, a)
  if (a.kind === 'enum' || b.kind === 'enum') return a === b ? a : null
  if (a.kind !== 'elem' || b.kind !== 'elem') return null
  if (a.name === b.name) return a.name === 'STRING' ? T.STRING : a
  if (widens(a.name, b.name)) return b
  if (widens(b.name, a.name)) return a
  for (const c of PREFERENCE) if (widens(a.name, c) && widens(b.name, c)) return T[c]
  return null
}

function litWith(l: LitType, v: number, t: StType): StType | null {
  if (t.kind !== 'elem') return null
  if (l === ANY_REAL) return isReal(t) ? t : isInt(t) && !intInfo(t)!.bit ? commonType(t, T.REAL) : null
  if (isReal(t)) return t
  const info = intInfo(t)
  if (!info) return null
  if (fits(v, t)) return t
  return info.bit ? null : commonType(t, intFor(v))
}

/** Can a value of type `src` (constant value `cv`, if known) be assigned to `dst` without a conversion function? */
export function assignable(src: StType, dst: StType, cv?: number | string): boolean {
  if (src === dst) return true
  if (src.kind === 'lit') {
    if (src === ANY_REAL) return isReal(dst)
    return isReal(dst) || (isInt(dst) && (typeof cv !== 'number' || fits(cv, dst)))
  }
  if (src.kind === 'elem' && dst.kind === 'elem') return src.name === dst.name || widens(src.name, dst.name)
  if (src.kind === 'array' && dst.kind === 'array') {
    return sameType(src.elem, dst.elem) && src.dims.length === dst.dims.length && src.dims.every((d, i) => d.len === dst.dims[i]!.len)
  }
  return false
}

export function sameType(a: StType, b: StType): boolean {
  if (a === b) return true
  if (a.kind === 'elem' && b.kind === 'elem') return a.name === b.name
  if (a.kind === 'array' && b.kind === 'array') {
    return sameType(a.elem, b.elem) && a.dims.length === b.dims.length && a.dims.every((d, i) => d.lo === b.dims[i]!.lo && d.hi === b.dims[i]!.hi)
  }
  return false
}

/** The concrete type a literal gets when nothing else decides (a constant folded on its own). */
export function concrete(t: StType): StType {
  return t === ANY_INT ? T.LINT : t === ANY_REAL ? T.LREAL : t
}

export function typeName(t: StType): string {
  if (t.kind === 'elem' && t.name === 'STRING' && t.maxLen !== 254) return `STRING[${t.maxLen}]`
  return t.name
}

export function arrayName(dims: Dim[], elem: StType): string {
  return `ARRAY[${dims.map((d) => `${d.lo}..${d.hi}`).join(', ')}] OF ${typeName(elem)}`
}
