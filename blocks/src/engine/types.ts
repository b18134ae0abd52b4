/**
 * Types shared by the block library, the compiler and the runner.
 * Every pin value lives in one Float64Array (BOOL as 0/1, TIME as ms), so a block definition only says how many
 * slots it reads, writes and keeps, and gives a kernel that works on those slots.
 */

import type { Diagnostic } from '../errors.js'
import type { CheckedNetwork } from './inline.js'

/** Data types of pins. `ANY_NUM` and `ANY` are generic: they take the type of what is wired to them. */
export type PinType = 'BOOL' | 'INT' | 'DINT' | 'REAL' | 'LREAL' | 'TIME' | 'ANY_NUM' | 'ANY'

/** The concrete data types a pin can resolve to. */
export type ConcreteType = 'BOOL' | 'INT' | 'DINT' | 'REAL' | 'LREAL' | 'TIME'

/**
 * A pin's type after compilation: a concrete type, or still generic when nothing typed reaches it
 * (`ANY_NUM`: an untyped number such as a constant; `ANY`: anything, e.g. a `TAG_IN` without a `type`).
 */
export type ResolvedType = ConcreteType | 'ANY_NUM' | 'ANY'

/** Text in the two languages the studio ships with. */
export interface LocalizedText {
  en: string
  'zh-CN': string
}

export interface PinDef {
  name: string
  type: PinType
  /** Value of an unwired input without a constant; initial value of an output. */
  default: number | boolean
  /** Extensible input (e.g. AND.IN3): may stay unwired, its default is the neutral element. */
  optional?: boolean
  description?: LocalizedText
  /** Unit shown next to the pin, e.g. `ms`, `s`, `%`. */
  unit?: string
}

export interface ParamDef {
  name: string
  type: 'string' | 'number' | 'boolean'
  required: boolean
  description: LocalizedText
  /** Allowed values of a string parameter. */
  values?: readonly string[]
  /** Pattern a string parameter must match. */
  pattern?: RegExp
}

export type BlockFamily =
  | 'logic' | 'compare' | 'arith' | 'select' | 'bistable' | 'edge' | 'timers' | 'counters' | 'control' | 'io' | 'convert'
  /** Blocks the APP defines itself (a Structured Text FUNCTION_BLOCK or an FBD network in `blocks/`). */
  | 'user'

/**
 * What a kernel sees besides the arrays: per-instance objects of user blocks (see `BlockDef.objects`) and the
 * scan's clock time. A kernel that reports a fault sets `fault`; the instance then stops until `clearFault`.
 */
export interface KernelContext {
  readonly objects: unknown[]
  nowMs: number
  fault: Diagnostic | null
}

/**
 * Per-instance state kept outside the Float64Array (e.g. a Structured Text FB instance). A block with `objects`
 * gets one more slot after its layout: the index of its object in `KernelContext.objects`.
 */
export interface BlockObjects {
  create(): unknown
  /** Online change to a different definition of the same type: move what still fits from `from` into fresh `to`. */
  carry?(from: unknown, to: unknown): void
}

/**
 * Runs one block type over a run of instances. `slot[k .. k+stride)` holds one instance's layout: the signal index
 * of each input (declaration order), then of each output, then its state offset if it has state, then its object index if it has `objects`.
 * `dt` is the time since the previous scan in ms (0 on the first scan). Library kernels must not allocate. `ctx` is
 * given by the FBD runner (not by the ST VM, which only calls library kernels).
 */
export type Kernel = (
  sig: Float64Array,
  st: Float64Array,
  slot: Int32Array,
  start: number,
  end: number,
  stride: number,
  dt: number,
  ctx?: KernelContext,
) => void

export interface BlockDef {
  /** Upper-case type name used in programs, e.g. `TON`. */
  type: string
  family: BlockFamily
  /** Short label drawn inside the block (IEC symbol where one exists, e.g. `&`, `>=1`). */
  symbol?: string
  description: LocalizedText
  inputs: readonly PinDef[]
  outputs: readonly PinDef[]
  params?: readonly ParamDef[]
  /** A string param whose value, when given, fixes the block's generic type (TAG_IN `type`). */
  typeParam?: string
  /**
   * Tag I/O: `read` blocks expose the tag named by param `tag` on their single output, `write` blocks send their
   * single input to it. Both run no code; the plan lists them as `tagInputs` / `tagOutputs`.
   */
  tagIo?: 'read' | 'write'
  /**
   * `FB_IN` / `FB_OUT`: reads or writes the interface pin named by param `pin` of the function block whose network
   * holds the block (`blocks/<NAME>.fb.json`). Runs no code; the compiler wires through it.
   */
  fbPin?: 'in' | 'out'
  /**
   * A function block defined as an FBD network: the compiler replaces each instance by the network's blocks
   * (ids `<instance>/<block>`), so the block runs no code of its own. `null`: the definition has errors; its
   * interface is known, but a program using it does not compile.
   */
  network?: CheckedNetwork | null
  /** Number of Float64 state slots per instance. */
  stateSize: number
  /** Initial state (length `stateSize`); zeros when absent. */
  initialState?: readonly number[]
  /** User blocks: one object per block instance, carried over by an online change like the state slots. */
  objects?: BlockObjects
  /** `null` for blocks the compiler resolves away (tag I/O). */
  kernel: Kernel | null
  /**
   * Faster or type-specific kernels. `compact` runs when no optional input is used; its layout lists only the
   * required inputs. `int` runs when the generic type resolves to INT or DINT (e.g. truncating DIV).
   */
  kernels?: { compact?: Kernel; int?: Kernel }
  /** Where the behaviour knowingly differs from IEC 61131-3, or where the standard leaves a choice. */
  notes?: LocalizedText
}
