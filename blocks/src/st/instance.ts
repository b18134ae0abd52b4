import { TaktError, type Diagnostic } from '../errors.js'
import type { StPou } from './compile.js'
import type { StExec } from './generate.js'
import { StFault } from './ops.js'
import { resolvePath, retainLeaves, rootLeaves, type Leaf } from './paths.js'
import { fits, intInfo, isBool, isInt, typeName } from './types.js'
import { run, type Vm } from './vm.js'

/** Loop iterations (FOR, WHILE, REPEAT together) one scan may run before it is stopped with E_ST_LOOP_BUDGET. */
export const DEFAULT_LOOP_BUDGET = 1_000_000

export interface StInstanceOptions {
  /** Loop iterations allowed per scan; default DEFAULT_LOOP_BUDGET. */
  loopBudget?: number
}

/** A VAR_INPUT or VAR_OUTPUT scalar of a PROGRAM, for binding to a tag. Arrays and STRUCTs expand to elements. */
export interface StBinding {
  /** `level`, `valves[2]`, `status.code` */
  name: string
  /** IEC type name, e.g. `INT`, `BOOL`, `STRING[20]`. */
  type: string
  /** Slot in `memory` (numbers, BOOL as 0/1, TIME in ms) or, for STRING, in `strings`. */
  slot: number
  string: boolean
}

/** RETAIN variables by path; JSON-friendly (BOOL as 0/1, TIME in ms). */
export interface StRetainSnapshot {
  format: 1
  pou: string
  values: Record<string, number | string>
}

export type StValue = number | boolean | string

/** A running copy of a compiled POU: its own memory, faults and retained values. */
export interface StInstance {
  readonly pou: StPou
  /** Number memory: every numeric variable, FB state, temporaries and constants. Bindings index into it. */
  readonly memory: Float64Array
  readonly strings: string[]
  readonly inputs: readonly StBinding[]
  readonly outputs: readonly StBinding[]
  /** The runtime fault that stopped this instance, or null. While set, `scan` does nothing. */
  readonly fault: Diagnostic | null
  readonly scanCount: number
  readonly lastScanMs: number | undefined
  /**
   * Runs one scan at `nowMs` (the injected clock). Returns false when a fault stops it (division by zero, index out
   * of bounds, loop budget): the scan ends where it faulted, `fault` is set, and the caller marks outputs bad.
   */
  scan(nowMs: number): boolean
  /** Lets a faulted instance scan again (its memory is kept as the fault left it). */
  clearFault(): void
  /** Value of a variable path (`x`, `t1.Q`, `arr[2]`, `s.field`); undefined for unknown paths and aggregates. */
  get(path: string): StValue | undefined
  /** Where a scalar variable lives, for binding or monitoring any variable (not only inputs and outputs). */
  locate(path: string): StBinding | undefined
  /** Writes a variable; throws TaktError E_REFERENCE, E_NOT_WRITABLE, E_TYPE_MISMATCH or E_OUT_OF_RANGE. */
  set(path: string, value: StValue): void
  retainSnapshot(): StRetainSnapshot
  /** Restores the retained variables found in `snapshot` by path; others keep their initial values. */
  restoreRetain(snapshot: StRetainSnapshot): { restored: number; skipped: string[] }
}

const binding = (l: Leaf): StBinding => ({ name: l.path, type: typeName(l.type), slot: l.slot, string: l.string })

class Instance implements StInstance {
  readonly memory: Float64Array
  readonly strings: string[]
  readonly inputs: readonly StBinding[]
  readonly outputs: readonly StBinding[]
  fault: Diagnostic | null = null
  scanCount = 0
  lastScanMs: number | undefined = undefined
  private readonly vm: Vm
  private readonly budget: number

  constructor(readonly pou: StPou, private readonly x: StExec, options: StInstanceOptions) {
    this.memory = x.initNum.slice()
    this.strings = x.initStr.slice()
    this.budget = options.loopBudget ?? DEFAULT_LOOP_BUDGET
    this.vm = {
      code: x.code, m: this.memory, s: this.strings, slots: x.slots, kfn: x.kfn, kstride: x.kstride,
      kkoff: x.kkoff, ktoff: x.ktoff, types: x.types, stack: new Int32Array(x.stackSize),
    }
    this.inputs = rootLeaves(x.root, this.memory, ['input', 'inout']).map(binding)
    this.outputs = rootLeaves(x.root, this.memory, ['output', 'inout', ...(x.root.kind === 'FUNCTION' ? ['return' as const] : [])]).map(binding)
  }

  scan(nowMs: number): boolean {
    if (this.fault) return false
    try {
      run(this.vm, this.x.entry, nowMs, this.budget)
    } catch (err) {
      this.fault = this.diagnose(err)
      return false
    }
    this.scanCount++
    this.lastScanMs = nowMs
    return true
  }

  private diagnose(err: unknown): Diagnostic {
    const f = err instanceof StFault ? err : null
    const site = f && f.site >= 0 ? this.x.sites[f.site] : undefined
    // Anything else escaping the VM is a defect; it still stops only this program.
    const d: Diagnostic = {
      code: f ? f.code : 'E_ST_RUNTIME',
      severity: 'error',
      message: `${this.pou.name}: ${f ? f.message : String(err)} (scan ${this.scanCount + 1})`,
      line: site?.line ?? this.pou.line,
      column: site?.column ?? this.pou.column,
    }
    if (site) {
      d.endLine = site.endLine
      d.endColumn = site.endColumn
    }
    if (this.pou.file !== undefined) d.file = this.pou.file
    return d
  }

  clearFault(): void {
    this.fault = null
  }

  /** A path's leaf; a wired FB input reads through to what it is wired to and is not writable. */
  private leaf(path: string): Leaf | undefined {
    const l = resolvePath(this.x.root, this.memory, path)
    const src = l && !l.string ? this.x.aliases.get(l.slot) : undefined
    return src === undefined ? l : { ...l!, slot: src, writable: false }
  }

  get(path: string): StValue | undefined {
    const l = this.leaf(path)
    return l ? this.read(l) : undefined
  }

  locate(path: string): StBinding | undefined {
    const l = this.leaf(path)
    return l ? binding(l) : undefined
  }

  private read(l: Leaf): StValue {
    if (l.string) return this.strings[l.slot]!
    const v = this.memory[l.slot]!
    return isBool(l.type) ? v !== 0 : v
  }

  set(path: string, value: StValue): void {
    const l = this.leaf(path)
    if (!l) throw new TaktError('E_REFERENCE', `${this.pou.name} has no variable ${path}`)
    if (!l.writable) {
      throw new TaktError('E_NOT_WRITABLE', this.x.aliases.has(resolvePath(this.x.root, this.memory, path)!.slot)
        ? `${path} is wired to a variable by every call; write that variable instead`
        : `${path} is a constant`)
    }
    this.write(l, value)
  }

  private write(l: Leaf, value: StValue): void {
    const t = l.type
    if (l.string) {
      if (typeof value !== 'string') throw new TaktError('E_TYPE_MISMATCH', `${l.path} is a STRING`)
      const max = t.kind === 'elem' ? t.maxLen : value.length
      this.strings[l.slot] = value.length > max ? value.slice(0, max) : value
      return
    }
    if (typeof value === 'string') throw new TaktError('E_TYPE_MISMATCH', `${l.path} is ${typeName(t)}, not a STRING`)
    if (isBool(t)) {
      this.memory[l.slot] = typeof value === 'boolean' ? (value ? 1 : 0) : value !== 0 ? 1 : 0
      return
    }
    if (typeof value === 'boolean') throw new TaktError('E_TYPE_MISMATCH', `${l.path} is ${typeName(t)}, not BOOL`)
    if (!Number.isFinite(value) && !(t.kind === 'elem' && (t.name === 'REAL' || t.name === 'LREAL'))) {
      throw new TaktError('E_OUT_OF_RANGE', `${value} is not a valid ${typeName(t)}`)
    }
    if ((isInt(t) || t.kind === 'enum') && !(t.kind === 'enum' ? Number.isInteger(value) : fits(value, t))) {
      const info = intInfo(t)
      throw new TaktError('E_OUT_OF_RANGE', `${value} does not fit ${typeName(t)}${info ? ` (${info.min}..${info.max})` : ''}`)
    }
    this.memory[l.slot] = value
  }

  /** Retained leaves; wired FB inputs hold no state of their own and are left out. */
  private retained(): Leaf[] {
    return retainLeaves(this.x.root, this.memory).filter((l) => l.string || !this.x.aliases.has(l.slot))
  }

  retainSnapshot(): StRetainSnapshot {
    const values: Record<string, number | string> = {}
    for (const l of this.retained()) values[l.path.toUpperCase()] = l.string ? this.strings[l.slot]! : this.memory[l.slot]!
    return { format: 1, pou: this.pou.name, values }
  }

  restoreRetain(snapshot: StRetainSnapshot): { restored: number; skipped: string[] } {
    const byPath = new Map(this.retained().map((l) => [l.path.toUpperCase(), l]))
    let restored = 0
    const skipped: string[] = []
    for (const [path, v] of Object.entries(snapshot.values ?? {})) {
      const l = byPath.get(path.toUpperCase())
      if (!l || typeof v !== (l.string ? 'string' : 'number')) {
        skipped.push(path)
        continue
      }
      if (l.string) this.strings[l.slot] = v as string
      else this.memory[l.slot] = v as number
      restored++
    }
    return { restored, skipped }
  }
}

/**
 * Creates a running instance of a compiled POU. Throws TaktError E_ST_TYPE when the POU did not compile.
 *
 * @example
 * const inst = createStInstance(pou, { loopBudget: 100_000 })
 * inst.set('start', true)
 * if (!inst.scan(clock.now())) markOutputsBad(inst.fault)
 */
export function createStInstance(pou: StPou, options: StInstanceOptions = {}): StInstance {
  if (!pou.exec) throw new TaktError('E_ST_TYPE', `${pou.name} has compile errors and cannot run`)
  return new Instance(pou, pou.exec, options)
}
