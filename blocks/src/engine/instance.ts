import type { Diagnostic } from '../errors.js'
import type { Plan, PlanExec } from './plan.js'
import type { KernelContext } from './types.js'

/** What an online change did to each block, by id. */
export interface OnlineChange {
  /** Same id and type as before: state and outputs carried over. */
  kept: string[]
  /** New blocks, or blocks whose type changed: start from their initial state. */
  reset: string[]
  /** Blocks of the previous plan that are gone. */
  removed: string[]
}

/** A running copy of a plan: its own signals, state and scan clock. */
export interface ProgramInstance {
  readonly plan: Plan
  /** Every pin value (BOOL as 0/1, TIME in ms). Tag inputs may be written here directly between scans. */
  readonly signals: Float64Array
  readonly state: Float64Array
  /** Per-instance objects of user blocks (e.g. Structured Text FB instances), by `PlanBlock.objectIndex`. */
  readonly objects: readonly unknown[]
  /** The fault a user block reported; while set, `scan` does nothing. Null for networks of library blocks. */
  readonly fault: Diagnostic | null
  readonly change: OnlineChange
  readonly scanCount: number
  /** Time passed to the last `scan`, or undefined before the first. */
  readonly lastScanMs: number | undefined
  /** Runs one scan at `nowMs`; blocks see `dt = nowMs - previous scan` (0 on the first scan or if time went back). */
  scan(nowMs: number): void
  /** Lets a faulted instance scan again. */
  clearFault(): void
  setTagInput(index: number, value: number | boolean): void
  /** BOOL outputs come back as boolean, others as number. */
  getTagOutput(index: number): number | boolean
  /** Current value of a pin for online monitoring; undefined for an unknown block or pin. */
  readPin(blockId: string, pin: string): number | boolean | undefined
}

export interface InstanceOptions {
  /** Online change: carry state over from the instance this one replaces. */
  previous?: { plan: Plan; instance: ProgramInstance }
}

class Instance implements ProgramInstance {
  readonly signals: Float64Array
  readonly state: Float64Array
  readonly objects: unknown[]
  readonly change: OnlineChange
  scanCount = 0
  lastScanMs: number | undefined = undefined
  private readonly exec: PlanExec
  private readonly ctx: KernelContext

  constructor(readonly plan: Plan, options: InstanceOptions) {
    this.exec = plan.exec
    this.signals = this.exec.initialSignals.slice()
    this.state = this.exec.initialState.slice()
    this.objects = this.exec.objects.map((o) => o.create())
    this.ctx = { objects: this.objects, nowMs: 0, fault: null }
    this.change = { kept: [], reset: [], removed: [] }
    if (options.previous) this.carryOver(options.previous.plan, options.previous.instance)
    else this.change.reset.push(...plan.order)
  }

  private carryOver(prevPlan: Plan, prev: ProgramInstance): void {
    const old = prevPlan.exec.blocks
    for (const [id, b] of this.exec.blocks) {
      const o = old.get(id)
      if (!o || o.def.type !== b.def.type || o.def.stateSize !== b.def.stateSize || (o.objectIndex < 0) !== (b.objectIndex < 0)) {
        this.change.reset.push(id)
        continue
      }
      this.change.kept.push(id)
      // An inlined instance's pins are the signals of the blocks inside it, which carry their own values.
      if (b.view) continue
      const n = b.def.stateSize
      if (n > 0) this.state.set(prev.state.subarray(o.stateOffset, o.stateOffset + n), b.stateOffset)
      if (b.objectIndex >= 0) {
        const from = prev.objects[o.objectIndex]
        // The same definition runs the same code: the object itself moves over, as state slots do.
        if (o.def === b.def) this.objects[b.objectIndex] = from
        else b.def.objects?.carry?.(from, this.objects[b.objectIndex])
      }
      // Outputs too, so feedback wires and the first monitoring read see the last values, not defaults.
      for (let k = 0; k < b.outputs.length; k++) this.signals[b.outputs[k]!] = prev.signals[o.outputs[k]!]!
    }
    for (const id of old.keys()) if (!this.exec.blocks.has(id)) this.change.removed.push(id)
    const fb = this.exec
    for (let i = 0; i < fb.feedbackFrom.length; i++) this.signals[fb.feedbackTo[i]!] = this.signals[fb.feedbackFrom[i]!]!
    this.lastScanMs = prev.lastScanMs
  }

  get fault(): Diagnostic | null {
    return this.ctx.fault
  }

  clearFault(): void {
    this.ctx.fault = null
  }

  scan(nowMs: number): void {
    if (this.ctx.fault) return
    this.ctx.nowMs = nowMs
    const last = this.lastScanMs
    let dt = last === undefined ? 0 : nowMs - last
    if (!(dt > 0)) dt = 0
    this.lastScanMs = nowMs
    const sig = this.signals
    const st = this.state
    const x = this.exec
    const from = x.feedbackFrom
    const to = x.feedbackTo
    for (let i = 0; i < from.length; i++) sig[to[i]!] = sig[from[i]!]!
    const kernels = x.kernels
    const start = x.groupStart
    const end = x.groupEnd
    const stride = x.groupStride
    const slots = x.slots
    for (let g = 0; g < kernels.length; g++) kernels[g]!(sig, st, slots, start[g]!, end[g]!, stride[g]!, dt, this.ctx)
    this.scanCount++
  }

  setTagInput(index: number, value: number | boolean): void {
    const b = this.plan.tagInputs[index]
    if (!b) throw new RangeError(`no tag input ${index}`)
    this.signals[b.signal] = typeof value === 'boolean' ? (value ? 1 : 0) : value
  }

  getTagOutput(index: number): number | boolean {
    const b = this.plan.tagOutputs[index]
    if (!b) throw new RangeError(`no tag output ${index}`)
    const v = this.signals[b.signal]!
    return b.dataType === 'BOOL' ? v !== 0 : v
  }

  readPin(blockId: string, pin: string): number | boolean | undefined {
    const s = this.plan.pinSignal(blockId, pin)
    if (s === undefined) return undefined
    const v = this.signals[s]!
    return this.plan.pinType(blockId, pin) === 'BOOL' ? v !== 0 : v
  }
}

/**
 * Creates a runnable instance of a plan. With `previous`, performs an online change: every block whose id and type
 * are unchanged keeps its state (timers keep running, counters keep counting); see `instance.change`.
 */
export function createInstance(plan: Plan, options: InstanceOptions = {}): ProgramInstance {
  return new Instance(plan, options)
}
