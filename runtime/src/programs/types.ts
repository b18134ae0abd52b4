/**
 * The one shape a scan task runs: an FBD network or a Structured Text PROGRAM, bound to tags by slots in its
 * memory. The task copies its input image into those slots, scans, and writes the output slots that changed.
 */
import type { Diagnostic, ErrorCode, StValueKind, TagScalar } from '@takt/blocks'

/** A tag bound to a memory slot of a program. */
export interface ProgramBinding {
  tag: string
  /** Slot in `memory`, or in `strings` for kind 'string'. */
  slot: number
  /** 'int' inputs are rounded and clamped to [lo, hi]; 'string' ones cut to maxLen. */
  kind: StValueKind
  lo: number
  hi: number
  maxLen: number
}

export interface TaskProgram {
  readonly name: string
  readonly kind: 'fbd' | 'st'
  /** Number memory the bindings index (BOOL as 0/1, TIME in ms). */
  readonly memory: Float64Array
  readonly strings: string[]
  readonly inputs: readonly ProgramBinding[]
  readonly outputs: readonly ProgramBinding[]
  /** The run-time fault that stopped the program (file, line, column of the APP source), or null. */
  readonly fault: Diagnostic | null
  /** One scan; false when the program faults in it. A faulted program does nothing until `clearFault`. */
  scan(nowMs: number): boolean
  clearFault(): void
  /** A variable or pin for online monitoring (`t1.Q`; FBD: `block.PIN`); undefined if there is none. */
  read(path: string): TagScalar | undefined
}

/** A program fault as a task's stats report it (and `/api/health` shows it). */
export interface ProgramFault {
  program: string
  code: ErrorCode
  message: string
  file?: string
  line?: number
  column?: number
  /** Clock time of the scan that faulted. */
  atMs: number
  /** The task that runs the program. */
  task: string
  /** How many times the program has faulted since it was deployed (this fault included; resets do not clear it). */
  count: number
}
