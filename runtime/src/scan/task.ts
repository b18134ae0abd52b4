/**
 * A periodic scan task (IEC 61131-3 cyclic task): read the input image of the tags its programs read, run the
 * programs in order, write the changed outputs once. Scheduling is drift-free against the task's period; an overrun
 * skips the missed cycles and is counted, never queued.
 *
 * A program that faults at run time (Structured Text: division by zero, index out of bounds, loop budget) stops:
 * the task skips it from then on while its other programs go on, its output tags keep their last values with
 * status BadConfigurationError, and the fault (code, message, file, line, column) is logged once and kept in
 * `stats.faults` until `resetFault` or a redeploy clears it.
 */
import { Status, toStNumber, type DataType, type TagScalar } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { TagDb } from '../tags/tagdb.js'
import type { DeviceWriter } from '../tags/write.js'
import type { ProgramBinding, ProgramFault, TaskProgram } from '../programs/types.js'

export type { TaskProgram } from '../programs/types.js'

interface Input { slot: number; tagId: number; mem: Float64Array; int: ProgramBinding | null }
interface StrInput { slot: number; tagId: number; strings: string[]; maxLen: number }
interface DeviceOut { tagId: number; device: boolean; inFlight: boolean; pending: TagScalar | undefined }
interface Output extends DeviceOut { slot: number; mem: Float64Array; dataType: DataType; last: number }
interface StrOutput extends DeviceOut { slot: number; strings: string[]; last: string | null }
interface Run { program: TaskProgram; faulted: boolean; outputs: Output[]; strOutputs: StrOutput[] }

export interface TaskStats {
  name: string
  periodMs: number
  scans: number
  overruns: number
  lastUs: number
  maxUs: number
  /** Programs stopped by a run-time fault, oldest first; empty when all run. */
  faults: ProgramFault[]
}

export class ScanTask {
  private readonly inputs: Input[] = []
  private readonly strInputs: StrInput[] = []
  private readonly runs: Run[] = []
  /** Faults per program since this task was built (a deploy builds it anew); a reset keeps the count. */
  private readonly faultCounts = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private next = 0
  // Programs run from the first scan, but outputs are held until every input tag has had its first value, so a
  // start-up image of zeros never reaches the plant (e.g. a low-level interlock tripping a running pump).
  private ready = false
  readonly stats: TaskStats

  constructor(
    readonly name: string,
    readonly periodMs: number,
    readonly programs: readonly TaskProgram[],
    private readonly db: TagDb,
    private readonly device: DeviceWriter,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.stats = { name, periodMs, scans: 0, overruns: 0, lastUs: 0, maxUs: 0, faults: [] }
    for (const p of programs) {
      for (const i of p.inputs) {
        const id = db.id(i.tag)
        if (id === undefined) continue
        if (i.kind === 'string') this.strInputs.push({ slot: i.slot, tagId: id, strings: p.strings, maxLen: i.maxLen })
        else this.inputs.push({ slot: i.slot, tagId: id, mem: p.memory, int: i.kind === 'int' ? i : null })
      }
      const run: Run = { program: p, faulted: false, outputs: [], strOutputs: [] }
      for (const o of p.outputs) {
        const id = db.id(o.tag)
        if (id === undefined) continue
        const def = db.byId(id)!.def
        const base: DeviceOut = { tagId: id, device: def.source.kind === 'connection', inFlight: false, pending: undefined }
        if (o.kind === 'string') run.strOutputs.push({ ...base, slot: o.slot, strings: p.strings, last: null })
        else run.outputs.push({ ...base, slot: o.slot, mem: p.memory, dataType: def.dataType, last: NaN })
      }
      this.runs.push(run)
    }
  }

  start(): void {
    this.next = this.now() + this.periodMs
    this.schedule()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  /** One scan at time `now` (also used directly by tests with a fake clock). */
  scan(now: number): void {
    const t0 = performance.now()
    for (const inp of this.inputs) {
      const v = this.db.tags[inp.tagId]!.value
      // A bad or missing input keeps its last value in the image, as a PLC holds its last good input.
      if (typeof v === 'number') inp.mem[inp.slot] = inp.int === null ? v : toStNumber(inp.int, v)
      else if (typeof v === 'boolean') inp.mem[inp.slot] = v ? 1 : 0
    }
    for (const inp of this.strInputs) {
      const v = this.db.tags[inp.tagId]!.value
      if (typeof v === 'string') inp.strings[inp.slot] = v.length > inp.maxLen ? v.slice(0, inp.maxLen) : v
    }
    for (const r of this.runs) {
      if (!r.faulted && !r.program.scan(now)) this.faulted(r, now)
    }
    if (!this.ready) {
      this.ready = this.inputs.every((i) => this.started(i.tagId)) && this.strInputs.every((i) => this.started(i.tagId))
      if (!this.ready) return
    }
    let memoryChanged = false
    for (const r of this.runs) {
      if (r.faulted) continue
      for (const o of r.outputs) {
        const raw = o.mem[o.slot]!
        if (raw === o.last) continue
        o.last = raw
        const v: TagScalar = o.dataType === 'BOOL' ? raw !== 0 : o.dataType === 'REAL' || o.dataType === 'LREAL' || o.dataType === 'TIME' ? raw : Math.round(raw)
        if (o.device) this.writeDevice(o, v)
        else memoryChanged = this.db.set(o.tagId, v, Status.Good, now) || memoryChanged
      }
      for (const o of r.strOutputs) {
        const v = o.strings[o.slot]!
        if (v === o.last) continue
        o.last = v
        if (o.device) this.writeDevice(o, v)
        else memoryChanged = this.db.set(o.tagId, v, Status.Good, now) || memoryChanged
      }
    }
    if (memoryChanged) this.db.commit()
    const us = (performance.now() - t0) * 1000
    this.stats.scans++
    this.stats.lastUs = us
    if (us > this.stats.maxUs) this.stats.maxUs = us
  }

  /**
   * Lets a program stopped by a fault run again from the next scan (its memory as the fault left it); its outputs
   * are written again, with good status. Returns false when no program of that name is faulted in this task.
   */
  resetFault(program: string): boolean {
    let found = false
    for (const r of this.runs) {
      if (!r.faulted || r.program.name !== program) continue
      found = true
      r.faulted = false
      r.program.clearFault()
      for (const o of r.outputs) o.last = NaN
      for (const o of r.strOutputs) o.last = null
    }
    if (found) this.stats.faults = this.stats.faults.filter((f) => f.program !== program)
    return found
  }

  private started(tagId: number): boolean {
    const s = this.db.tags[tagId]!.status
    return s !== Status.BadWaitingForInitialData && s !== Status.BadNotConnected
  }

  private faulted(r: Run, now: number): void {
    r.faulted = true
    const d = r.program.fault
    const count = (this.faultCounts.get(r.program.name) ?? 0) + 1
    this.faultCounts.set(r.program.name, count)
    const fault: ProgramFault = {
      program: r.program.name, code: d?.code ?? 'E_ST_RUNTIME', message: d?.message ?? 'run-time fault', atMs: now, task: this.name, count,
    }
    if (d?.file !== undefined) fault.file = d.file
    if (d?.line !== undefined) fault.line = d.line
    if (d?.column !== undefined) fault.column = d.column
    this.stats.faults.push(fault)
    this.log.error('program stopped by a run-time fault', { ...fault })
    // The outputs keep their last values but turn bad, so screens and alarms show they are no longer computed.
    let changed = false
    for (const o of [...r.outputs, ...r.strOutputs]) {
      o.pending = undefined
      const t = this.db.tags[o.tagId]!
      changed = this.db.set(o.tagId, t.value, Status.BadConfigurationError, now) || changed
    }
    if (changed) this.db.commit()
  }

  private schedule(): void {
    const delay = Math.max(0, this.next - this.now())
    this.timer = setTimeout(() => {
      const now = this.now()
      try {
        this.scan(now)
      } catch (e) {
        this.log.error('scan failed', { task: this.name, error: (e as Error).message })
      }
      this.next += this.periodMs
      const after = this.now()
      if (after > this.next) {
        const missed = Math.ceil((after - this.next) / this.periodMs)
        this.stats.overruns += missed
        this.next += missed * this.periodMs
      }
      if (this.timer) this.schedule()
    }, delay)
  }

  /** At most one write in flight per output; a newer value waits and replaces any older waiting one. */
  private writeDevice(o: Output | StrOutput, v: TagScalar): void {
    if (o.inFlight) {
      o.pending = v
      return
    }
    o.inFlight = true
    // Not written: retry on the next change of the value.
    const forget = () => {
      if ('mem' in o) o.last = NaN
      else o.last = null
    }
    this.device.write(o.tagId, v).then(
      (r) => {
        if (!r.ok && r.status !== Status.BadNotConnected) this.log.warn('program output write failed', { task: this.name, tag: this.db.byId(o.tagId)?.path, status: r.status, message: r.message })
        if (!r.ok) forget()
      },
      (e: Error) => {
        forget()
        this.log.error('program output write threw', { task: this.name, error: e.message })
      },
    ).finally(() => {
      o.inFlight = false
      if (o.pending !== undefined) {
        const p = o.pending
        o.pending = undefined
        this.writeDevice(o, p)
      }
    })
  }
}
