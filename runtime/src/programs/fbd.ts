/** An FBD network behind the task program shape: its signal array is the memory TAG_IN / TAG_OUT blocks bind. */
import type { Plan, ProgramInstance, TagScalar } from '@takt/blocks'
import type { ProgramBinding, TaskProgram } from './types.js'

const plain = (tag: string, slot: number): ProgramBinding => ({ tag, slot, kind: 'real', lo: 0, hi: 0, maxLen: 0 })

export class FbdTaskProgram implements TaskProgram {
  readonly kind = 'fbd'
  readonly memory: Float64Array
  readonly strings: string[] = []
  readonly inputs: readonly ProgramBinding[]
  readonly outputs: readonly ProgramBinding[]
  readonly fault = null

  constructor(readonly name: string, readonly plan: Plan, readonly instance: ProgramInstance) {
    this.memory = instance.signals
    this.inputs = plan.tagInputs.map((b) => plain(b.tag, b.signal))
    this.outputs = plan.tagOutputs.map((b) => plain(b.tag, b.signal))
  }

  scan(nowMs: number): boolean {
    this.instance.scan(nowMs)
    return true
  }

  clearFault(): void {}

  read(path: string): TagScalar | undefined {
    const dot = path.lastIndexOf('.')
    if (dot < 1) return undefined
    return this.instance.readPin(path.slice(0, dot), path.slice(dot + 1))
  }
}
