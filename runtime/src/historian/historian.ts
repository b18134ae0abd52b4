/**
 * The historian: records tag changes into an embedded SQLite file (DESIGN.md "Data path").
 *
 *   change stream -> Sampler (deadband, min interval, heartbeat) -> SampleQueue (bounded, drops oldest, counted)
 *     -> every batchMs: ONE transaction into the ingest table (durable: a crash loses at most the unflushed batch)
 *     -> every compactMs: rows move per tag into the history tables + rollups, in short steps
 *     -> retention by age and size, in short steps
 *
 * Faults (unwritable folder, disk full, damaged file, newer schema) stop recording with a stable code in `stats()`
 * and `health()`; `record` never throws, so the tag database and live data carry on. Faults are retried every retryMs.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { TaktError, type DataType, type TagScalar } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import { classifyFault, faultOf, type HistoryFault, type HistoryFaultCode } from './faults.js'
import { Sampler } from './sampler.js'
import { SampleQueue } from './queue.js'
import { Tail } from './tail.js'
import { Compaction } from './compaction.js'
import { Store, TAG_NUM, TAG_TEXT } from './store.js'
import { RetentionRun, type RetentionOptions } from './retention.js'
import { runQuery, latestBefore, type HistoryQuery, type HistoryResult, type HistoryValue, type Sample } from './query.js'
import { allocRows, kindOf, numOf, KIND_STR } from './rows.js'
import type { HistorySettings } from './settings.js'

export interface HistorianOptions {
  /** Folder of `history.db` (created when missing). */
  dir: string
  log: Logger
  retention?: RetentionOptions
  /** Samples waiting for the writer, at most (default 200,000); beyond it the oldest are dropped and counted. */
  queueLimit?: number
  /** Flush period in ms (default 1,000): each flush is one transaction. */
  batchMs?: number
  /** Rows per flush transaction at most (default 50,000); a larger backlog is flushed in several. */
  maxFlushRows?: number
  /** Compaction period in ms (default 30,000); bounds the rows held in memory. */
  compactMs?: number
  /** Rows per compaction transaction, about (default 10,000), to keep each event-loop block short. */
  compactStepRows?: number
  /** Retention run period in ms (default 600,000). */
  retentionEveryMs?: number
  /** Retry period of a faulted historian in ms (default 30,000). */
  retryMs?: number
  /** Clock for intervals and heartbeats (default Date.now). */
  now?: () => number
  /** Hard cap on the file in SQLite pages; reaching it is a disk-full fault (tests use it to provoke SQLITE_FULL). */
  maxPageCount?: number
}

export type HistorianState = 'new' | 'running' | 'faulted' | 'closed'

export interface HistorianStats {
  state: HistorianState
  fault: HistoryFault | null
  file: string
  tracked: number
  queued: number
  queueLimit: number
  /** Samples that passed the filters into the queue. */
  accepted: number
  /** Samples lost because the queue was full (the oldest are dropped). */
  dropped: number
  /** Rows committed to the file (durable). */
  written: number
  flushes: number
  lastFlushRows: number
  lastFlushMs: number
  /** Durable rows not yet compacted (held in memory for queries). */
  pendingCompaction: number
  compacted: number
  retentionDeleted: number
}

export interface HistorianHealth { ok: boolean; state: HistorianState; code?: HistoryFaultCode; message?: string; dropped: number }

const DROP_LOG_MS = 10_000

export class Historian {
  readonly file: string
  private readonly o: Required<Omit<HistorianOptions, 'maxPageCount' | 'retention'>> & Pick<HistorianOptions, 'maxPageCount'>
  private readonly retention: RetentionOptions
  private readonly sampler = new Sampler((h, ts, v, s) => this.enqueue(h, ts, v, s))
  private readonly queue: SampleQueue
  private readonly tail = new Tail()
  private readonly handles = new Map<string, number>()
  private readonly paths: string[] = []
  private readonly kinds: number[] = []
  private dbIds: number[] = []
  private unresolved = false
  private store: Store | null = null
  private state: HistorianState = 'new'
  private fault: HistoryFault | null = null
  private faultTriedAt = 0
  private timers: NodeJS.Timeout[] = []
  private stepTimer: NodeJS.Timeout | null = null
  private retentionTimer: NodeJS.Timeout | null = null
  private lastCompact = 0
  private retentionRun: RetentionRun | null = null
  private droppedLogged = 0
  private dropLogAt = -Infinity
  private n = { accepted: 0, written: 0, flushes: 0, lastFlushRows: 0, lastFlushMs: 0, compacted: 0, retentionDeleted: 0 }

  constructor(opts: HistorianOptions) {
    this.o = {
      dir: opts.dir, log: opts.log, now: opts.now ?? Date.now, maxPageCount: opts.maxPageCount,
      queueLimit: opts.queueLimit ?? 200_000, batchMs: opts.batchMs ?? 1000, maxFlushRows: opts.maxFlushRows ?? 50_000,
      compactMs: opts.compactMs ?? 30_000, compactStepRows: opts.compactStepRows ?? 10_000,
      retentionEveryMs: opts.retentionEveryMs ?? 600_000, retryMs: opts.retryMs ?? 30_000,
    }
    this.retention = opts.retention ?? {}
    this.file = join(opts.dir, 'history.db')
    this.queue = new SampleQueue(this.o.queueLimit)
  }

  /** Open or create the file and start the writer. Never throws: a fault is reported in the returned health. */
  async open(): Promise<HistorianHealth> {
    if (this.state !== 'new') return this.health()
    this.openStore()
    this.lastCompact = this.o.now()
    const every = (ms: number, fn: () => void) => this.timers.push(setInterval(fn, ms).unref())
    every(this.o.batchMs, () => this.tick())
    every(this.o.retentionEveryMs, () => this.startRetention())
    this.timers.push(setTimeout(() => this.startRetention(), Math.min(60_000, this.o.retentionEveryMs)).unref())
    return this.health()
  }

  /**
   * Register a tag for recording; returns the handle for `record`. Tracking a path again (a redeploy) updates its
   * settings and returns the same handle.
   */
  track(path: string, settings: HistorySettings, dataType: DataType): number {
    const kind = dataType === 'STRING' ? TAG_TEXT : TAG_NUM
    let h = this.handles.get(path)
    if (h === undefined) {
      h = this.sampler.add(settings)
      this.handles.set(path, h)
      this.paths[h] = path
    } else {
      this.sampler.configure(h, settings)
      if (this.kinds[h] === kind) return h
    }
    this.kinds[h] = kind
    this.dbIds[h] = -1
    this.unresolved = true
    return h
  }

  /** Stop recording a handle (its tag left the APP or lost `history.enabled`). */
  untrack(handle: number): void {
    this.sampler.remove(handle)
  }

  /** Offer a tag's new value (from the change stream). Cheap; never throws. */
  record(handle: number, value: TagScalar, status: number, sourceTime: number): void {
    if (this.state === 'closed') return
    this.sampler.offer(handle, value, status, sourceTime, this.o.now())
  }

  /** Write up to maxFlushRows queued samples in ONE transaction now. Returns rows written. */
  flush(): number {
    const store = this.store
    if (!store || this.fault || this.queue.length === 0) return 0
    const n = Math.min(this.queue.length, this.o.maxFlushRows)
    const t0 = performance.now()
    try {
      this.resolveTags(store)
      const rows = this.queue.peek(n, (h) => this.dbIds[h]!)
      const seqLast = store.appendRecent(rows)
      this.queue.shift(n)
      this.tail.push({ ...rows, seqLast })
    } catch (e) {
      this.setFault(e)
      return 0
    }
    this.n.written += n
    this.n.flushes++
    this.n.lastFlushRows = n
    this.n.lastFlushMs = performance.now() - t0
    return n
  }

  /** Move everything held in memory into the history tables now (synchronously). */
  compact(): void {
    while (this.store && !this.fault) {
      const run = this.tail.inflight ?? this.tail.begin()
      if (!run) return
      this.compactStep(run, Infinity)
    }
  }

  /** Run a whole retention pass now (synchronously). Returns rows deleted. */
  runRetention(): number {
    if (!this.canPrune()) return 0
    const run = this.retentionRun ?? new RetentionRun(this.store!, this.retention, this.o.now())
    this.retentionRun = run
    try {
      while (!run.step(50_000));
    } catch (e) {
      this.setFault(e)
    }
    this.retentionRun = null
    this.n.retentionDeleted += run.deleted
    return run.deleted
  }

  /** Raw samples or per-bucket aggregates (see HistoryQuery). Throws TaktError E_HISTORY_* / E_BAD_MESSAGE. */
  async query(q: HistoryQuery): Promise<HistoryResult> {
    return this.read(() => runQuery(this.store!, (ids) => this.tail.index(ids), q))
  }

  /** The last sample of `tag` before `t` (the left edge of a trend), or null. */
  async latestBefore(tag: string, t: number): Promise<Sample | null> {
    return this.read(() => latestBefore(this.store!, (ids) => this.tail.index(ids), tag, t))
  }

  /**
   * Import samples recorded elsewhere (store-and-forward, migration) straight into the history tables and rollups,
   * bypassing filters and queue. `v` holds numbers (BOOL as 0/1), strings or null. Returns rows written.
   * Throws TaktError E_HISTORY_* (the live writer is not affected).
   */
  backfill(path: string, dataType: DataType, samples: { t: ArrayLike<number>; v: ArrayLike<HistoryValue>; s?: ArrayLike<number> }): number {
    const store = this.store
    if (!store || this.fault) throw new TaktError(this.fault?.code ?? 'E_HISTORY_UNAVAILABLE')
    const n = samples.t.length
    const r = allocRows(n)
    const id = store.tagId(path, dataType === 'STRING' ? TAG_TEXT : TAG_NUM, this.o.now())
    for (let i = 0; i < n; i++) {
      const v = samples.v[i] ?? null
      r.tag[i] = id
      r.ts[i] = Math.floor(samples.t[i]!)
      r.kind[i] = kindOf(v)
      r.num[i] = numOf(v)
      r.str[i] = r.kind[i] === KIND_STR ? (v as string) : undefined
      r.status[i] = samples.s?.[i] ?? 0
    }
    r.n = n
    const run = new Compaction([{ ...r, seqLast: 0 }])
    let moved = 0
    try {
      while (!run.done) moved += run.step(store, Infinity)
    } catch (e) {
      throw new TaktError(classifyFault(e), e instanceof Error ? e.message : String(e))
    }
    return moved
  }

  stats(): HistorianStats {
    return {
      state: this.state, fault: this.fault, file: this.file, tracked: this.sampler.size,
      queued: this.queue.length, queueLimit: this.queue.capacity, accepted: this.n.accepted, dropped: this.queue.dropped,
      written: this.n.written, flushes: this.n.flushes, lastFlushRows: this.n.lastFlushRows, lastFlushMs: this.n.lastFlushMs,
      pendingCompaction: this.tail.size, compacted: this.n.compacted, retentionDeleted: this.n.retentionDeleted,
    }
  }

  health(): HistorianHealth {
    const h: HistorianHealth = { ok: this.state === 'running', state: this.state, dropped: this.queue.dropped }
    if (this.fault) {
      h.code = this.fault.code
      h.message = this.fault.message
    }
    return h
  }

  /** Stop: record deferred values, flush the queue, compact, close the file. A clean stop loses nothing. */
  async close(): Promise<void> {
    if (this.state === 'closed') return
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    if (this.stepTimer) clearTimeout(this.stepTimer)
    if (this.retentionTimer) clearTimeout(this.retentionTimer)
    this.retentionRun = null
    this.sampler.drain(this.o.now())
    while (this.flush() > 0);
    this.compact()
    if (this.queue.length > 0) this.o.log.warn('history closed with samples not written', { file: this.file, lost: this.queue.length, code: this.fault?.code })
    this.logDrops(Infinity)
    try {
      this.store?.db.pragma('optimize')
    } catch {
      // best effort: a faulted file may refuse it
    }
    this.store?.close()
    this.store = null
    this.tail.clear()
    this.state = 'closed'
  }

  private tick(): void {
    const now = this.o.now()
    this.sampler.tick(now)
    if (this.fault) {
      if (now - this.faultTriedAt >= this.o.retryMs) this.retry(now)
    } else if (this.flush() > 0 && this.queue.length > 0) {
      setImmediate(() => this.flush())
    }
    this.logDrops(now)
    if (!this.fault && this.store && !this.stepTimer) {
      if (!this.tail.inflight && now - this.lastCompact >= this.o.compactMs) {
        this.lastCompact = now
        this.tail.begin()
      }
      if (this.tail.inflight) this.scheduleStep()
    }
  }

  private scheduleStep(): void {
    this.stepTimer = setTimeout(() => {
      this.stepTimer = null
      const run = this.tail.inflight
      if (!run || !this.store || this.fault) return
      this.compactStep(run, this.o.compactStepRows)
      if (this.tail.inflight) this.scheduleStep()
    }, 0).unref()
  }

  private compactStep(run: Compaction, budget: number): void {
    try {
      this.n.compacted += run.step(this.store!, budget)
      if (run.done) {
        this.store!.deleteRecent(run.seqLast)
        this.tail.end()
      }
    } catch (e) {
      this.setFault(e)
    }
  }

  /** Retention may run while the disk is full: deleting old history is what frees the space. */
  private canPrune(): boolean {
    return this.store !== null && (this.fault === null || this.fault.code === 'E_HISTORY_DISK_FULL')
  }

  private startRetention(): void {
    if (!this.canPrune() || this.retentionRun) return
    const run = new RetentionRun(this.store!, this.retention, this.o.now())
    this.retentionRun = run
    const step = () => {
      if (this.retentionRun !== run || !this.canPrune()) return
      try {
        if (!run.step(5000)) {
          this.retentionTimer = setTimeout(step, 20).unref()
          return
        }
      } catch (e) {
        this.setFault(e)
      }
      this.retentionRun = null
      this.n.retentionDeleted += run.deleted
      if (run.deleted) this.o.log.info('history retention', { file: this.file, deleted: run.deleted })
    }
    step()
  }

  private enqueue(h: number, ts: number, v: TagScalar, s: number): void {
    this.queue.push(h, ts, v, s)
    this.n.accepted++
    if (this.queue.dropped > this.droppedLogged) this.logDrops(this.o.now())
  }

  /** One warning per DROP_LOG_MS at most, with the drops since the last one. */
  private logDrops(now: number): void {
    const d = this.queue.dropped - this.droppedLogged
    if (d <= 0 || now - this.dropLogAt < DROP_LOG_MS) return
    this.o.log.warn('history queue full: oldest samples dropped', { file: this.file, dropped: d, total: this.queue.dropped, code: this.fault?.code })
    this.droppedLogged = this.queue.dropped
    this.dropLogAt = now
  }

  private openStore(): boolean {
    try {
      mkdirSync(this.o.dir, { recursive: true })
      this.store = new Store(this.file, { maxPageCount: this.o.maxPageCount })
      this.dbIds.fill(-1)
      this.unresolved = true
      this.resolveTags(this.store)
      const left = this.store.loadRecent()
      if (left) {
        // Some of these rows may already be in the history tables (a crash during or right after a compaction run):
        // compact them now, before any query can see them twice. Compaction skips rows it already holds.
        const run = new Compaction([left])
        while (!run.done) this.n.compacted += run.step(this.store, this.o.compactStepRows)
        this.store.deleteRecent(left.seqLast)
        this.o.log.info('history: recovered rows from the last run', { file: this.file, rows: left.n })
      }
      this.fault = null
      this.state = 'running'
      return true
    } catch (e) {
      this.store?.close()
      this.store = null
      this.setFault(e)
      return false
    }
  }

  /** Give newly tracked tags their file ids, all in one transaction (10,000 tags at start-up). */
  private resolveTags(store: Store): void {
    if (!this.unresolved) return
    const now = this.o.now()
    // Assign only after the commit: ids from a rolled-back transaction would not exist in the file.
    const ids = store.db.transaction(() => this.dbIds.map((id, h) => (id >= 0 ? id : store.tagId(this.paths[h]!, this.kinds[h]!, now))))()
    this.dbIds = ids
    this.unresolved = false
  }

  private retry(now: number): void {
    this.faultTriedAt = now
    const before = this.fault
    if (!this.store) {
      if (!this.openStore()) return
    } else {
      this.fault = null
      this.flush()
      if (this.fault) return
      this.state = 'running'
    }
    this.o.log.info('history recovered', { file: this.file, after: before?.code })
  }

  private setFault(e: unknown): void {
    const now = this.o.now()
    const f = faultOf(e, now)
    const repeat = this.fault?.code === f.code
    this.fault = repeat ? this.fault : f
    this.faultTriedAt = now
    this.state = 'faulted'
    if (!repeat) this.o.log.error('history fault: recording stopped', { file: this.file, code: f.code, error: f.message })
  }

  private read<T>(fn: () => T): T {
    if (!this.store) throw new TaktError('E_HISTORY_UNAVAILABLE')
    try {
      return fn()
    } catch (e) {
      if (e instanceof TaktError) throw e
      const code = classifyFault(e)
      throw new TaktError(code === 'E_HISTORY_CORRUPT' ? code : 'E_HISTORY_UNAVAILABLE', e instanceof Error ? e.message : String(e))
    }
  }
}
