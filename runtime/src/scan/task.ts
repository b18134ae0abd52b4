/**
 * A periodic scan task (IEC 61131-3 cyclic task): read the input image of the tags its programs read, run the
 * programs in order, write the changed outputs once. Scheduling is drift-free against the task's period; an overrun
 * skips the missed cycles and is counted, never queued.
 */
import { Status, type DataType, type Plan, type ProgramInstance, type TagScalar } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { TagDb } from '../tags/tagdb.js'
import type { DeviceWriter } from '../tags/write.js'

export interface TaskProgram { name: string; plan: Plan; instance: ProgramInstance }

interface Input { signal: number; tagId: number; instance: ProgramInstance }
interface Output { signal: number; tagId: number; dataType: DataType; instance: ProgramInstance; last: number; device: boolean; inFlight: boolean; pending: TagScalar | undefined }

export interface TaskStats { name: string; periodMs: number; scans: number; overruns: number; lastUs: number; maxUs: number }

export class ScanTask {
  private readonly inputs: Input[] = []
  private readonly outputs: Output[] = []
  private timer: NodeJS.Timeout | undefined
  private next = 0
  // Programs run from the first scan, but outputs are held until every input tag has had its first value, so a
  // start-up image of zeros never reaches the plant (e.g. a low-level interlock tripping a running pump).
  private ready = false
  readonly stats: TaskStats

  constructor(
    readonly name: string,
    readonly periodMs: number,
    readonly programs: TaskProgram[],
    private readonly db: TagDb,
    private readonly device: DeviceWriter,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.stats = { name, periodMs, scans: 0, overruns: 0, lastUs: 0, maxUs: 0 }
    for (const p of programs) {
      for (const i of p.plan.tagInputs) {
        const id = db.id(i.tag)
        if (id !== undefined) this.inputs.push({ signal: i.signal, tagId: id, instance: p.instance })
      }
      for (const o of p.plan.tagOutputs) {
        const id = db.id(o.tag)
        if (id === undefined) continue
        const def = db.byId(id)!.def
        this.outputs.push({ signal: o.signal, tagId: id, dataType: def.dataType, instance: p.instance, last: NaN, device: def.source.kind === 'connection', inFlight: false, pending: undefined })
      }
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
      if (typeof v === 'number') inp.instance.signals[inp.signal] = v
      else if (typeof v === 'boolean') inp.instance.signals[inp.signal] = v ? 1 : 0
    }
    for (const p of this.programs) p.instance.scan(now)
    if (!this.ready) {
      this.ready = this.inputs.every((i) => this.db.tags[i.tagId]!.status !== Status.BadWaitingForInitialData && this.db.tags[i.tagId]!.status !== Status.BadNotConnected)
      if (!this.ready) return
    }
    let memoryChanged = false
    for (const o of this.outputs) {
      const raw = o.instance.signals[o.signal]!
      if (raw === o.last) continue
      o.last = raw
      const v: TagScalar = o.dataType === 'BOOL' ? raw !== 0 : o.dataType === 'REAL' || o.dataType === 'LREAL' || o.dataType === 'TIME' ? raw : Math.round(raw)
      if (o.device) this.writeDevice(o, v)
      else memoryChanged = this.db.set(o.tagId, v, Status.Good, now) || memoryChanged
    }
    if (memoryChanged) this.db.commit()
    const us = (performance.now() - t0) * 1000
    this.stats.scans++
    this.stats.lastUs = us
    if (us > this.stats.maxUs) this.stats.maxUs = us
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
  private writeDevice(o: Output, v: TagScalar): void {
    if (o.inFlight) {
      o.pending = v
      return
    }
    o.inFlight = true
    this.device.write(o.tagId, v).then(
      (r) => {
        if (!r.ok && r.status !== Status.BadNotConnected) this.log.warn('program output write failed', { task: this.name, tag: this.db.byId(o.tagId)?.path, status: r.status, message: r.message })
        // Not written: retry on the next change of the value.
        if (!r.ok) o.last = NaN
      },
      (e: Error) => {
        o.last = NaN
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
