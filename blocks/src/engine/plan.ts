import { pinIndex } from './pins.js'
import type { BlockDef, BlockObjects, Kernel, ResolvedType } from './types.js'

/** A tag read or written by the program: `signal` is the slot in `ProgramInstance.signals`. */
export interface TagBinding {
  tag: string
  signal: number
  /** The TAG_IN / TAG_OUT block that declares it. */
  blockId: string
  /** Type of the value: the `type` param of TAG_IN, or what drives TAG_OUT. BOOL travels as 0/1. */
  dataType: ResolvedType
}

/** One block of a compiled plan, for monitoring and online change. */
export interface PlanBlock {
  readonly id: string
  readonly def: BlockDef
  /** Signal of each input pin in definition order (wired: the driver's slot; unwired: a shared constant slot). */
  readonly inputs: readonly number[]
  /** Signal of each output pin in definition order. */
  readonly outputs: readonly number[]
  readonly inputTypes: readonly ResolvedType[]
  readonly outputTypes: readonly ResolvedType[]
  readonly stateOffset: number
  /** Index of the block's object in the instance's object list; -1 for blocks without `def.objects`. */
  readonly objectIndex: number
  /**
   * An instance of an FBD function block, expanded inline: it runs nothing itself, its pins are the signals of
   * what drives them (inputs) and of the blocks inside it (outputs, `<id>/<block>`).
   */
  readonly view?: boolean
}

/** @internal What the runner executes. Layout may change between versions; use the Plan methods instead. */
export interface PlanExec {
  /** One kernel per group; group g runs `kernels[g]` over `slots[groupStart[g] .. groupEnd[g])`. */
  readonly kernels: readonly Kernel[]
  readonly groupStart: Int32Array
  readonly groupEnd: Int32Array
  readonly groupStride: Int32Array
  readonly slots: Int32Array
  /** Feedback wires: at the start of a scan `signals[feedbackTo[i]] = signals[feedbackFrom[i]]`. */
  readonly feedbackFrom: Int32Array
  readonly feedbackTo: Int32Array
  readonly initialSignals: Float64Array
  readonly initialState: Float64Array
  /** Factory per object slot (user blocks), in execution order. */
  readonly objects: readonly BlockObjects[]
  readonly blocks: ReadonlyMap<string, PlanBlock>
}

/**
 * A compiled FB network: flat signal and state layouts plus blocks in execution order.
 * Immutable; run it with `createInstance`.
 */
export interface Plan {
  readonly name: string
  readonly signalCount: number
  readonly stateCount: number
  /**
   * Block ids in execution order (tag I/O blocks included, though they run no code). An inlined function block
   * instance comes just before the blocks inside it, which follow as `<instance>/<block>`.
   */
  readonly order: readonly string[]
  readonly tagInputs: readonly TagBinding[]
  readonly tagOutputs: readonly TagBinding[]
  /** Block id -> block type, in declaration order (inlined instances and the blocks inside them included). */
  readonly blockTypes: ReadonlyMap<string, string>
  /** Indices into `program.wires` of the wires that read the previous scan's value. */
  readonly feedbackWires: readonly number[]
  /** The signal slot of a pin, for online monitoring; undefined for an unknown block or pin. */
  pinSignal(blockId: string, pin: string): number | undefined
  /** The resolved data type of a pin. */
  pinType(blockId: string, pin: string): ResolvedType | undefined
  /** @internal */
  readonly exec: PlanExec
}

export class CompiledPlan implements Plan {
  readonly signalCount: number
  readonly stateCount: number

  constructor(
    readonly name: string,
    readonly order: readonly string[],
    readonly tagInputs: readonly TagBinding[],
    readonly tagOutputs: readonly TagBinding[],
    readonly blockTypes: ReadonlyMap<string, string>,
    readonly feedbackWires: readonly number[],
    readonly exec: PlanExec,
  ) {
    this.signalCount = exec.initialSignals.length
    this.stateCount = exec.initialState.length
  }

  pinSignal(blockId: string, pin: string): number | undefined {
    const b = this.exec.blocks.get(blockId)
    if (!b) return undefined
    const idx = pinIndex(b.def)
    const i = idx.inputs.get(pin)
    if (i !== undefined) return b.inputs[i]
    const o = idx.outputs.get(pin)
    return o !== undefined ? b.outputs[o] : undefined
  }

  pinType(blockId: string, pin: string): ResolvedType | undefined {
    const b = this.exec.blocks.get(blockId)
    if (!b) return undefined
    const idx = pinIndex(b.def)
    const i = idx.inputs.get(pin)
    if (i !== undefined) return b.inputTypes[i]
    const o = idx.outputs.get(pin)
    return o !== undefined ? b.outputTypes[o] : undefined
  }
}
