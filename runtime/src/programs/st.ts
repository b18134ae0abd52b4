/**
 * A Structured Text PROGRAM behind the task program shape: its instance memory is what the task bindings index;
 * faults come back at the file, line and column of the APP source. On online change it takes over the state of
 * the instance it replaces (carryStState), once when built (for the report) and again just before it starts, so
 * the scans the old engine ran in between are not lost.
 */
import { carryStState, type Diagnostic, type StCarryResult, type StInstance, type StTagBinding, type StUnit, type TagScalar } from '@takt/blocks'
import type { ProgramBinding, TaskProgram } from './types.js'

const binding = (b: StTagBinding): ProgramBinding => ({ tag: b.tag, slot: b.slot, kind: b.kind, lo: b.lo, hi: b.hi, maxLen: b.maxLen })

export class StTaskProgram implements TaskProgram {
  readonly kind = 'st'
  readonly memory: Float64Array
  readonly strings: string[]
  readonly inputs: readonly ProgramBinding[]
  readonly outputs: readonly ProgramBinding[]
  private previous: StInstance | undefined

  constructor(readonly name: string, readonly instance: StInstance, private readonly unit: StUnit, bindings: { inputs: StTagBinding[]; outputs: StTagBinding[] }) {
    this.memory = instance.memory
    this.strings = instance.strings
    this.inputs = bindings.inputs.map(binding)
    this.outputs = bindings.outputs.map(binding)
  }

  get fault(): Diagnostic | null {
    const f = this.instance.fault
    return f ? this.unit.locate(f) : null
  }

  scan(nowMs: number): boolean {
    return this.instance.scan(nowMs)
  }

  clearFault(): void {
    this.instance.clearFault()
  }

  read(path: string): TagScalar | undefined {
    return this.instance.get(path)
  }

  /** Online change: take the state of the instance this one replaces; `refresh` repeats it later with newer values. */
  takeOver(previous: StInstance): StCarryResult {
    this.previous = previous
    return carryStState(previous, this.instance)
  }

  /** Copies the replaced instance's state again (its engine has stopped scanning by now). */
  refresh(): void {
    if (this.previous) carryStState(this.previous, this.instance)
    this.previous = undefined
  }
}
