/** An FBD network behind the task program shape: its signal array is the memory TAG_IN / TAG_OUT blocks bind. */
import type { Diagnostic, Plan, ProgramInstance, StUnit, TagScalar } from '@takt/blocks'
import type { ProgramBinding, TaskProgram } from './types.js'

const plain = (tag: string, slot: number): ProgramBinding => ({ tag, slot, kind: 'real', lo: 0, hi: 0, maxLen: 0 })

export class FbdTaskProgram implements TaskProgram {
  readonly kind = 'fbd'
  readonly memory: Float64Array
  readonly strings: string[] = []
  readonly inputs: readonly ProgramBinding[]
  readonly outputs: readonly ProgramBinding[]

  /** `unit`: the APP's ST unit, to place a fault raised inside a user block (an ST FB) at its file and line. */
  constructor(readonly name: string, readonly plan: Plan, readonly instance: ProgramInstance, private readonly unit?: StUnit | null) {
    this.memory = instance.signals
    this.inputs = plan.tagInputs.map((b) => plain(b.tag, b.signal))
    this.outputs = plan.tagOutputs.map((b) => plain(b.tag, b.signal))
  }

  get fault(): Diagnostic | null {
    const f = this.instance.fault
    return f && this.unit ? this.unit.locate(f) : f
  }

  scan(nowMs: number): boolean {
    this.instance.scan(nowMs)
    return this.instance.fault === null
  }

  clearFault(): void {
    this.instance.clearFault()
  }

  read(path: string): TagScalar | undefined {
    const dot = path.lastIndexOf('.')
    if (dot < 1) return undefined
    return this.instance.readPin(path.slice(0, dot), path.slice(dot + 1))
  }
}
