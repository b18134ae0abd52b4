import type { PouDecl, PouKind, VarDecl } from './ast.js'
import type { FbType, StType } from './types.js'
import type { Wiring } from './wiring.js'

export type VarKind = 'var' | 'input' | 'output' | 'inout' | 'temp' | 'return'

/**
 * A variable of a POU, or a pin of a library FB. `off` / `soff` are offsets in the owner's frame (numbers / strings).
 * A VAR_IN_OUT holds two cells at `off`: the absolute address of the caller's variable in number memory and in
 * string memory.
 */
export interface Sym {
  name: string
  raw: string
  type: StType
  vk: VarKind
  constant: boolean
  retain: boolean
  decl: VarDecl | null
  off: number
  soff: number
  /** Folded value of a CONSTANT scalar. */
  cv?: number | string
  used: boolean
}

/** A checked POU: its frame layout and symbols. Frames of FUNCTIONs are static (IEC forbids recursion). */
export interface PouInfo {
  decl: PouDecl
  kind: PouKind
  name: string
  raw: string
  vars: Map<string, Sym>
  order: Sym[]
  /** FUNCTION: the return type; the return variable is `vars.get(name)`. */
  ret?: StType
  /** Formal parameters in call order: inputs, in-outs and outputs as declared. */
  params: Sym[]
  size: number
  ssize: number
  /** FUNCTION_BLOCK: the type instances are declared with. */
  fb?: FbType
  /** FUNCTION_BLOCK: offset of the hidden cell holding the body's entry address (for calls through arrays). */
  entryOff: number
  /** POUs this one calls or instantiates, for the recursion check. */
  uses: Set<PouInfo>
  /** Inputs of library FB instances wired to a variable or constant (wiring.ts); set after checking. */
  wiring?: Wiring
  /** Library FB instances called from exactly one place in the body. */
  solo?: Set<Sym>
  /** Layout done (types resolved, offsets assigned). */
  laidOut: boolean
  /** Layout in progress: seeing it again means an FB contains itself. */
  layingOut: boolean
}

/** Hidden cells at the start of every user FB instance. */
export const FB_HIDDEN = 1

export function sectionKind(section: VarDecl['section']): VarKind {
  switch (section) {
    case 'VAR_INPUT': return 'input'
    case 'VAR_OUTPUT': return 'output'
    case 'VAR_IN_OUT': return 'inout'
    case 'VAR_TEMP': return 'temp'
    default: return 'var'
  }
}
