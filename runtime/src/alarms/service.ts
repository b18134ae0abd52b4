/**
 * Alarms of the running APP: the ISA-18.2 engine from blocks fed by the tag database, evaluated on every commit
 * and on a timer (delays, shelve expiry), its journal persisted to SQLite, its state snapshot persisted to a file
 * (atomically, every few seconds and at stop) so alarm states survive a restart, and operator actions applied.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  alarmKpis, createAlarmEngine, renderAlarmMessage, Status, TaktError,
  type ActionResult, type AlarmBinding, type AlarmEngine, type AlarmFilter, type AlarmKpis, type AlarmView,
} from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { TagDb } from '../tags/tagdb.js'
import { AlarmJournalDb, type JournalFilter, type JournalRow } from './journal-db.js'

export interface AlarmServiceOptions {
  /** Folder for the journal and the state file; null keeps both in memory only (tests that do not care). */
  dir: string | null
  log: Logger
  now?: () => number
  evalMs?: number
  persistMs?: number
}

export type AlarmAction = 'ack' | 'shelve' | 'unshelve' | 'reset' | 'outOfService' | 'returnToService'

export class AlarmService {
  readonly engine: AlarmEngine | null
  readonly journal: AlarmJournalDb
  private readonly now: () => number
  private readonly listeners = new Set<(changed: AlarmView[]) => void>()
  private offChange: (() => void) | undefined
  private evalTimer: NodeJS.Timeout | undefined
  private persistTimer: NodeJS.Timeout | undefined
  private readonly stateFile: string | null
  restored = 0

  constructor(private readonly db: TagDb, private readonly o: AlarmServiceOptions) {
    this.now = o.now ?? Date.now
    const bindings: AlarmBinding[] = []
    for (const t of db.tags) for (const def of t.def.alarms ?? []) bindings.push({ tag: t.path, tagIndex: t.id, def })
    // The loader validated the definitions; a failure here is a bug, reported rather than half-running.
    const r = bindings.length ? createAlarmEngine(bindings, { resolveTag: (p) => db.id(p), now: this.now() }) : null
    if (r && !r.ok) throw new TaktError('E_REFERENCE', `alarm definitions: ${r.diagnostics.map((d) => d.message).join('; ')}`)
    this.engine = r?.ok ? r.engine : null
    this.journal = new AlarmJournalDb(this.engine ? o.dir : null, o.log)
    this.stateFile = o.dir ? join(o.dir, 'alarm-state.json') : null
  }

  /** Restore state (from the previous engine on deploy, else from the state file), then start evaluating. */
  start(previous?: AlarmService): void {
    const e = this.engine
    if (!e) return
    const snap = previous?.engine ? previous.engine.snapshot(this.now()) : this.readState()
    if (snap) {
      const r = e.restore(snap, this.now())
      if (r.ok) this.restored = r.restored
      else this.o.log.warn('alarm state not restored', { problems: r.diagnostics.length })
    }
    e.markAllChanged()
    this.offChange = this.db.onChange((ids) => {
      for (let i = 0; i < ids.length; i++) e.markChanged(ids[i]!)
      this.evaluate()
    })
    this.evaluate()
    this.evalTimer = setInterval(() => this.evaluate(), this.o.evalMs ?? 250)
    this.persistTimer = setInterval(() => this.persist(), this.o.persistMs ?? 2000)
  }

  stop(): void {
    this.offChange?.()
    if (this.evalTimer) clearInterval(this.evalTimer)
    if (this.persistTimer) clearInterval(this.persistTimer)
    if (this.engine) {
      this.evaluate()
      this.persist()
    }
    this.journal.close()
  }

  onChange(fn: (changed: AlarmView[]) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  list(filter: AlarmFilter = {}): AlarmView[] {
    return this.engine?.query.list(filter) ?? []
  }

  act(action: AlarmAction, ids: string[], ctx: { user: string; comment?: string; reason?: string; durationMs?: number | 'oneShot' }): ActionResult[] {
    const e = this.engine
    if (!e) return ids.map((alarmId) => ({ alarmId, refused: 'unknownAlarm' as const }))
    const op = { user: ctx.user, now: this.now(), ...(ctx.comment ? { comment: ctx.comment } : {}) }
    let r: ActionResult[]
    switch (action) {
      case 'ack': r = e.ack(ids, op); break
      case 'shelve': r = e.shelve(ids, { ...op, reason: ctx.reason ?? '', durationMs: ctx.durationMs ?? 'oneShot' }); break
      case 'unshelve': r = e.unshelve(ids, op); break
      case 'reset': r = e.reset(ids, op); break
      case 'outOfService': r = e.setOutOfService(ids, true, op); break
      case 'returnToService': r = e.setOutOfService(ids, false, op); break
    }
    this.evaluate()
    this.persist()
    return r
  }

  queryJournal(f: JournalFilter): JournalRow[] {
    return this.journal.query(f)
  }

  kpis(from: number, to: number): AlarmKpis {
    return alarmKpis(this.journal.kpiRecords(from, to), { from, to, now: this.now() })
  }

  private evaluate(): void {
    const e = this.engine
    if (!e) return
    const tags = this.db.tags
    // "Waiting for initial data" is not a fault: at start-up every device tag has it until its first value, and a
    // flood of bad-quality alarms on each restart would teach operators to ignore them. It reads as good with a null
    // value, which holds every condition; a connection that fails reports BadNotConnected, which does alarm.
    e.evaluate(this.now(), (i) => tags[i]!.value, (i) => (tags[i]!.status === Status.BadWaitingForInitialData ? Status.Good : tags[i]!.status))
    const entries = e.drainJournal()
    if (entries.length) {
      this.journal.append(entries.map((j) => {
        const t = this.db.get(j.tag)
        const def = t?.def.alarms?.find((a) => `${j.tag}:${a.name}` === j.alarmId)
        const message = def ? renderAlarmMessage(def.message, def.kind, 'en', { value: j.value, ...(t?.def.unit ? { unit: t.def.unit } : {}), get: (p) => this.db.get(p)?.value ?? null }) : undefined
        return message ? { ...j, message } : j
      }))
    }
    const changed = e.drainChanged()
    if (changed.length && this.listeners.size) {
      const views = changed.map((i) => e.query.get(i)).filter((v): v is AlarmView => v !== undefined)
      for (const l of this.listeners) l(views)
    }
  }

  private persist(): void {
    if (!this.engine || !this.stateFile) return
    try {
      mkdirSync(join(this.stateFile, '..'), { recursive: true })
      const tmp = `${this.stateFile}.tmp`
      writeFileSync(tmp, JSON.stringify(this.engine.snapshot(this.now())))
      renameSync(tmp, this.stateFile)
    } catch (e) {
      this.o.log.error('alarm state not saved', { error: (e as Error).message, code: 'E_ALARM_STATE' })
    }
  }

  private readState(): unknown {
    if (!this.stateFile) return undefined
    try {
      return JSON.parse(readFileSync(this.stateFile, 'utf8')) as unknown
    } catch {
      return undefined
    }
  }
}
