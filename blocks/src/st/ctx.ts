import type { ErrorCode } from '../errors.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, PinType } from '../engine/types.js'
import type { Node, TypeDecl } from './ast.js'
import type { Sink } from './diag.js'
import type { PouInfo, Sym } from './symbols.js'
import { T, type EnumType, type FbType, type StType, type VoidType } from './types.js'

/** Marks an expression whose error is already reported, so its users stay quiet. */
export const BAD: VoidType = { kind: 'void', name: 'VOID', size: 0, ssize: 0 }

/** Number slots one program instance may use (32 MB of Float64); larger declarations are refused. */
export const MAX_MEMORY = 4_000_000
/** FB instances within instances, TYPE aliases of aliases: deeper than this is refused. */
export const MAX_TYPE_DEPTH = 32

export interface TypeEntry {
  decl: TypeDecl
  type?: StType
  resolving: boolean
  /** Resolution failed and was reported; later uses stay quiet. */
  failed?: boolean
}

/** Names visible to an expression. `constOnly`: declarations, where only constants may be read. */
export interface Scope {
  vars: ReadonlyMap<string, Sym>
  pou: PouInfo | null
  constOnly: boolean
}

/** Standard-function names: a library block of the same name is a function in ST, not an FB type. */
export const STD_FUNCTION_NAMES = new Set([
  'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'EXPT', 'MOVE', 'ABS', 'SQRT', 'LN', 'LOG', 'EXP', 'SIN', 'COS', 'TAN', 'ASIN',
  'ACOS', 'ATAN', 'SEL', 'MAX', 'MIN', 'LIMIT', 'MUX', 'GT', 'GE', 'EQ', 'LE', 'LT', 'NE', 'AND', 'OR', 'XOR', 'NOT',
  'SHL', 'SHR', 'ROL', 'ROR', 'LEN', 'LEFT', 'RIGHT', 'MID', 'CONCAT', 'FIND', 'INSERT', 'DELETE', 'REPLACE', 'TRUNC',
])

/** State shared by the declaration pass, the checker and the code generator of one compile. */
export class Ctx {
  readonly types = new Map<string, TypeEntry>()
  readonly enumValues = new Map<string, { type: EnumType; value: number }[]>()
  readonly pous = new Map<string, PouInfo>()
  private readonly libFbs = new Map<string, FbType>()
  depth = 0

  constructor(readonly sink: Sink, readonly library: BlockLibrary) {}

  err(code: ErrorCode, at: Node, message: string): void {
    this.sink.error(code, at.p, at.e, message)
  }

  warn(code: ErrorCode, at: Node, message: string): void {
    this.sink.warning(code, at.p, at.e, message)
  }

  /** A library block usable as an FB instance type (`t : TON;`), or undefined. */
  libFb(name: string): FbType | undefined {
    const cached = this.libFbs.get(name)
    if (cached) return cached
    const def = this.library.get(name)
    if (!def || !def.kernel || def.tagIo || STD_FUNCTION_NAMES.has(name) || /^TO_/.test(name)) return undefined
    const fb = libFbType(def)
    this.libFbs.set(name, fb)
    return fb
  }
}

const PIN_TYPES: Record<PinType, StType> = {
  BOOL: T.BOOL, INT: T.INT, DINT: T.DINT, REAL: T.REAL, LREAL: T.LREAL, TIME: T.TIME, ANY_NUM: T.LREAL, ANY: T.LREAL,
}

function libFbType(def: BlockDef): FbType {
  const nIn = def.inputs.length
  const nOut = def.outputs.length
  const members = new Map<string, Sym>()
  const pinSym = (name: string, type: PinType, vk: 'input' | 'output', off: number): Sym => ({
    name, raw: name, type: PIN_TYPES[type], vk, constant: false, retain: false, decl: null, off, soff: 0, used: true,
  })
  def.inputs.forEach((p, i) => members.set(p.name, pinSym(p.name, p.type, 'input', i)))
  def.outputs.forEach((p, j) => members.set(p.name, pinSym(p.name, p.type, 'output', nIn + j)))
  const stateOff = nIn + nOut
  const timeOff = stateOff + def.stateSize
  const kOff = timeOff + 1
  return {
    kind: 'fb', name: def.type, size: kOff + 1, ssize: 0, members,
    lib: { def, nIn, nOut, stateOff, timeOff, kOff, stride: nIn + nOut + (def.stateSize > 0 ? 1 : 0) },
  }
}
