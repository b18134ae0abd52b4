/**
 * The alarm engine: N alarm instances in struct-of-arrays tables, evaluated incrementally. Each scan the host marks
 * the tags that changed; `evaluate` then looks only at the alarms on those tags, at suppression expressions reading
 * them, and at alarms whose timers (on/off delay, shelve expiry, rate-of-change window) are due in a min-heap.
 * Transitions go through the pure state machine in state.ts; journal entries collect in a bounded buffer the host
 * drains and persists.
 */
import type { Diagnostic } from '../errors.js'
import { toTruth } from '../expr/values.js'
import type { TagScalar } from '../quality.js'
import {
  HOLD, K_BADQ, K_DEV, K_DISC, K_HI, K_HIHI, K_LO, K_LOLO, K_ROC, deviation, discrete, high, isBad, low, numeric,
  rocCondition,
} from './conditions.js'
import { JournalBuffer } from './journal.js'
import type { AlarmJournalEntry } from './journal.js'
import { AlarmQueries } from './query.js'
import { AlarmSnapshot, F_RAW, F_SUPPRESSED, F_VALUE_BOOL, F_VISIBLE, StateStore } from './store.js'
import { AlarmTables } from './tables.js'
import type { AlarmBinding } from './tables.js'
import { initialAlarmState, nextDue, alarmTransition } from './state.js'
import type { AlarmEvent, AlarmRefusal } from './state.js'
import { TimerHeap } from './timers.js'

export interface AlarmEngineOptions {
  /** Index of a tag by path, for deviation setpoint tags and the tags of suppressedBy expressions. */
  resolveTag?: (path: string) => number | undefined
  /** Journal entries held until drained; beyond this the oldest are dropped and counted (default 65,536). */
  journalCapacity?: number
  /** Start time for `since` of never-evaluated alarms (default 0). */
  now?: number
}

/** Reads the current value and OPC UA status of a tag by the caller's index. */
export type ValueReader = (tagIndex: number) => TagScalar
export type StatusReader = (tagIndex: number) => number

/** An alarm by engine index or by id (`Area1/Tank1/Level:HI`). */
export type AlarmRef = number | string

export interface ActionResult {
  alarmId: string
  /** Absent when the action was applied. */
  refused?: AlarmRefusal
}

export interface OperatorContext {
  user: string
  now: number
  comment?: string
}

export type EngineResult = { ok: true; engine: AlarmEngine } | { ok: false; diagnostics: Diagnostic[] }

const EV_ON: AlarmEvent = { type: 'condition', active: true }
const EV_OFF: AlarmEvent = { type: 'condition', active: false }
const EV_TICK: AlarmEvent = { type: 'tick' }
const EV_SUPPRESS: AlarmEvent = { type: 'suppress' }
const EV_UNSUPPRESS: AlarmEvent = { type: 'unsuppress' }

/**
 * Creates an engine for the given alarm bindings. Fails with diagnostics for duplicate alarm ids, unknown setpoint
 * or expression tags, and expressions that do not compile.
 * @example
 * const r = createAlarmEngine([{ tag: 'Tank1/Level', tagIndex: 0, def: { kind: 'hi', name: 'HI', priority: 2, limit: 90 } }])
 * if (r.ok) { r.engine.markChanged(0); r.engine.evaluate(now, (i) => values[i], (i) => status[i]) }
 */
export function createAlarmEngine(bindings: readonly AlarmBinding[], options: AlarmEngineOptions = {}): EngineResult {
  const built = AlarmTables.build(bindings, options.resolveTag ?? (() => undefined))
  if (!built.ok) return built
  return { ok: true, engine: new AlarmEngine(built.tables, options) }
}

export class AlarmEngine {
  readonly tables: AlarmTables
  /** Read-only queries for banners, summaries and filters. */
  readonly query: AlarmQueries
  private readonly st: StateStore
  private readonly heap: TimerHeap
  private readonly journal: JournalBuffer
  /** Per alarm: when it next needs a tick (Infinity: never); heap entries with another time are stale. */
  private readonly dueAt: Float64Array
  private readonly rocDue: Float64Array
  private readonly lastValue: Float64Array
  private readonly lastText: (string | undefined)[]
  private readonly dirtyTags: Int32Array
  private readonly dirtyMark: Uint8Array
  private nDirty = 0
  private readonly exprMark: Uint8Array
  private readonly exprQueue: Int32Array
  private nExprDirty = 0
  private readonly changedMark: Uint8Array
  private readonly changedList: Int32Array
  private nChanged = 0
  private readonly rocNext = new Float64Array(1)
  private readonly exprGetters: ((path: string) => TagScalar)[]
  private curValue: ValueReader = () => null
  private curStatus: StatusReader = () => 0

  constructor(tables: AlarmTables, options: AlarmEngineOptions = {}) {
    const n = tables.n
    this.tables = tables
    this.st = new StateStore(n, options.now ?? 0)
    this.heap = new TimerHeap(Math.min(n, 1 << 16))
    this.journal = new JournalBuffer(Math.max(16, options.journalCapacity ?? 65_536))
    this.dueAt = new Float64Array(n).fill(Infinity)
    this.rocDue = new Float64Array(n).fill(Infinity)
    this.lastValue = new Float64Array(n).fill(NaN)
    this.lastText = new Array<string | undefined>(n)
    this.dirtyTags = new Int32Array(tables.nTags)
    this.dirtyMark = new Uint8Array(tables.nTags)
    this.exprMark = new Uint8Array(tables.exprs.length)
    this.exprQueue = new Int32Array(tables.exprs.length)
    this.changedMark = new Uint8Array(n)
    this.changedList = new Int32Array(n)
    this.exprGetters = tables.exprs.map(({ refIndex }) => (path: string): TagScalar => {
      const t = refIndex.get(path)
      if (t === undefined || isBad(this.curStatus(t))) return null
      return this.curValue(t)
    })
    this.query = new AlarmQueries(tables, this.st, (i) => this.valueOf(i))
    // The first evaluate looks at everything.
    this.markAllChanged()
  }

  /** Number of alarm instances. */
  get size(): number {
    return this.tables.n
  }

  /** Engine index of an alarm id, or undefined. */
  indexOf(alarmId: string): number | undefined {
    return this.tables.keyIndex.get(alarmId)
  }

  /** Tells the engine a tag's value or status changed; cheap, call it for every change. */
  markChanged(tagIndex: number): void {
    if (tagIndex >= 0 && tagIndex < this.tables.nTags && this.dirtyMark[tagIndex] === 0) {
      this.dirtyMark[tagIndex] = 1
      this.dirtyTags[this.nDirty++] = tagIndex
    }
  }

  /** Re-evaluates every alarm and expression at the next evaluate (after start or restore). */
  markAllChanged(): void {
    for (let t = 0; t < this.tables.nTags; t++) this.markChanged(t)
    for (let x = 0; x < this.tables.exprs.length; x++) this.markExpr(x)
  }

  /**
   * Evaluates alarms on changed tags, changed suppression expressions and due timers, at time `now` (ms).
   * Returns the number of journal entries produced.
   */
  evaluate(now: number, getValue: ValueReader, getStatus: StatusReader): number {
    const before = this.journal.size + this.journal.dropped
    this.curValue = getValue
    this.curStatus = getStatus
    const tb = this.tables
    const nDirty = this.nDirty
    // Suppression first, so an alarm suppressed in the same scan its condition appears is never annunciated.
    for (let d = 0; d < nDirty; d++) {
      const t = this.dirtyTags[d]!
      for (let k = tb.tagExprStart[t]!, end = tb.tagExprStart[t + 1]!; k < end; k++) this.markExpr(tb.tagExprs[k]!)
    }
    for (let q = 0; q < this.nExprDirty; q++) {
      const x = this.exprQueue[q]!
      this.exprMark[x] = 0
      const e = tb.exprs[x]!
      // A bad or missing input (null) does not suppress: hiding alarms on bad data is the unsafe direction.
      const on = toTruth(e.expr.evaluate(this.exprGetters[x]!)) === true
      for (let k = 0; k < e.alarms.length; k++) {
        const i = e.alarms[k]!
        if (((this.st.flags[i]! & F_SUPPRESSED) !== 0) !== on) this.apply(i, on ? EV_SUPPRESS : EV_UNSUPPRESS, now)
      }
    }
    this.nExprDirty = 0
    for (let d = 0; d < nDirty; d++) {
      const t = this.dirtyTags[d]!
      this.dirtyMark[t] = 0
      for (let k = tb.tagAlarmStart[t]!, end = tb.tagAlarmStart[t + 1]!; k < end; k++) this.condition(tb.tagAlarms[k]!, now)
    }
    this.nDirty = 0
    this.runTimers(now)
    this.curValue = () => null
    this.curStatus = () => 0
    return this.journal.size + this.journal.dropped - before
  }

  /** Removes and returns journal entries, oldest first. */
  drainJournal(max?: number): AlarmJournalEntry[] {
    return this.journal.drain(max)
  }

  /** Journal entries lost because the host did not drain in time, since creation. */
  get journalDropped(): number {
    return this.journal.dropped
  }

  /** Alarms whose visible state changed since the last call (each once), for pushing updates to clients. */
  drainChanged(): number[] {
    const out = Array.from(this.changedList.subarray(0, this.nChanged))
    for (const i of out) this.changedMark[i] = 0
    this.nChanged = 0
    return out
  }

  /** Acknowledges; an alarm that is not unacknowledged is refused with `notUnacknowledged`. */
  ack(refs: readonly AlarmRef[], ctx: OperatorContext): ActionResult[] {
    return this.act(refs, ctx.now, withComment({ type: 'ack', user: ctx.user }, ctx.comment))
  }

  /** Shelves for `durationMs` (capped at the alarm's maxShelveMs) or one-shot until its next return to normal. */
  shelve(refs: readonly AlarmRef[], ctx: OperatorContext & { reason: string; durationMs: number | 'oneShot' }): ActionResult[] {
    return this.act(refs, ctx.now, { type: 'shelve', user: ctx.user, reason: ctx.reason, durationMs: ctx.durationMs })
  }

  unshelve(refs: readonly AlarmRef[], ctx: OperatorContext): ActionResult[] {
    return this.act(refs, ctx.now, withComment({ type: 'unshelve', user: ctx.user }, ctx.comment))
  }

  /** Resets latched alarms that are acknowledged and back to normal. */
  reset(refs: readonly AlarmRef[], ctx: OperatorContext): ActionResult[] {
    return this.act(refs, ctx.now, withComment({ type: 'reset', user: ctx.user }, ctx.comment))
  }

  /** Takes alarms out of service (true) or returns them to service (false). */
  setOutOfService(refs: readonly AlarmRef[], outOfService: boolean, ctx: OperatorContext): ActionResult[] {
    const type = outOfService ? 'outOfService' : 'returnToService'
    return this.act(refs, ctx.now, withComment({ type, user: ctx.user }, ctx.comment))
  }

  /** All non-default alarm states (or only those of `only`), keyed by alarm id, ready to persist as JSON. */
  snapshot(now: number, only?: readonly number[]): AlarmSnapshot {
    const alarms: AlarmSnapshot['alarms'] = {}
    const each = (i: number): void => {
      if (!this.st.isDefault(i)) alarms[this.tables.keys[i]!] = this.st.get(i)
    }
    if (only) only.forEach(each)
    else for (let i = 0; i < this.tables.n; i++) each(i)
    return { format: 1, time: now, alarms }
  }

  /**
   * Restores states from a snapshot: alarms it names get their state, all others the initial state; ids it names that
   * no longer exist are returned in `unknown`. Timers resume at their absolute times; the next evaluate re-checks
   * every condition and expression against current values.
   */
  restore(snapshot: unknown, now: number): { ok: true; restored: number; unknown: string[] } | { ok: false; diagnostics: Diagnostic[] } {
    const parsed = AlarmSnapshot.safeParse(snapshot)
    if (!parsed.success) {
      return { ok: false, diagnostics: parsed.error.issues.map((i) => ({ code: 'E_SCHEMA', severity: 'error', message: i.message, path: `$.${i.path.join('.')}` })) }
    }
    const unknown: string[] = []
    let restored = 0
    const seen = new Uint8Array(this.tables.n)
    for (const [key, s] of Object.entries(parsed.data.alarms)) {
      const i = this.tables.keyIndex.get(key)
      if (i === undefined) {
        unknown.push(key)
        continue
      }
      this.st.set(i, s)
      seen[i] = 1
      restored++
    }
    this.heap.clear()
    for (let i = 0; i < this.tables.n; i++) {
      if (!seen[i]) this.st.set(i, initialAlarmState(now))
      this.dueAt[i] = Infinity
      this.rocDue[i] = Infinity
      if (this.tables.rocSlot[i]! >= 0) this.tables.roc.reset(this.tables.rocSlot[i]!)
      this.schedule(i)
      this.markAlarmChanged(i)
    }
    this.markAllChanged()
    return { ok: true, restored, unknown }
  }

  private act(refs: readonly AlarmRef[], now: number, ev: AlarmEvent): ActionResult[] {
    return refs.map((ref) => {
      const i = typeof ref === 'number' ? (ref >= 0 && ref < this.tables.n ? ref : undefined) : this.tables.keyIndex.get(ref)
      if (i === undefined) return { alarmId: String(ref), refused: 'unknownAlarm' }
      const refused = this.apply(i, ev, now)
      return refused ? { alarmId: this.tables.keys[i]!, refused } : { alarmId: this.tables.keys[i]! }
    })
  }

  private markExpr(x: number): void {
    if (this.exprMark[x] === 0) {
      this.exprMark[x] = 1
      this.exprQueue[this.nExprDirty++] = x
    }
  }

  private markAlarmChanged(i: number): void {
    if (this.changedMark[i] === 0) {
      this.changedMark[i] = 1
      this.changedList[this.nChanged++] = i
    }
  }

  /** Evaluates alarm i's raw condition from current values and feeds an edge to the state machine. */
  private condition(i: number, now: number): void {
    const tb = this.tables
    const kind = tb.kind[i]!
    const t = tb.pv[i]!
    const status = this.curStatus(t)
    const wasRaw = (this.st.flags[i]! & F_RAW) !== 0
    let c = HOLD
    if (kind === K_BADQ) {
      c = status >>> 30 >= (tb.p0[i] === 1 ? 1 : 2) ? 1 : 0
      // For a quality alarm the interesting value is the status code itself (BadNotConnected, ...).
      this.keep(i, status)
    } else if (isBad(status)) {
      this.keep(i, null)
      if (kind === K_ROC) tb.roc.reset(tb.rocSlot[i]!)
    } else {
      const v = this.curValue(t)
      this.keep(i, v)
      const x = numeric(v)
      if (kind === K_HIHI || kind === K_HI) {
        if (x === x) c = high(x, tb.p0[i]!, tb.p1[i]!, wasRaw)
      } else if (kind === K_LO || kind === K_LOLO) {
        if (x === x) c = low(x, tb.p0[i]!, tb.p1[i]!, wasRaw)
      } else if (kind === K_DEV) {
        const spt = tb.sp[i]!
        const sp = spt < 0 ? tb.p3[i]! : isBad(this.curStatus(spt)) ? NaN : numeric(this.curValue(spt))
        if (x === x && sp === sp) c = deviation(x - sp, tb.p0[i]!, tb.p2[i]!, tb.p1[i]!, wasRaw)
      } else if (kind === K_DISC) {
        c = discrete(v, tb.p3[i]!, tb.p0[i]!, tb.discText[i])
      } else if (kind === K_ROC) {
        const slot = tb.rocSlot[i]!
        if (x !== x) tb.roc.reset(slot)
        else {
          const rate = tb.roc.sample(slot, now, x, tb.p2[i]!, this.rocNext)
          this.rocDue[i] = this.rocNext[0]!
          c = rocCondition(rate, tb.p0[i]!, tb.p1[i]!, tb.p3[i]!, wasRaw)
        }
      }
    }
    if (c !== HOLD && c === 1 !== wasRaw) this.apply(i, c === 1 ? EV_ON : EV_OFF, now)
    else if (kind === K_ROC) this.schedule(i)
  }

  private keep(i: number, v: TagScalar): void {
    this.lastValue[i] = numeric(v)
    const f = this.st.flags[i]!
    this.st.flags[i] = typeof v === 'boolean' ? f | F_VALUE_BOOL : f & ~F_VALUE_BOOL
    if (typeof v === 'string' || this.lastText[i] !== undefined) this.lastText[i] = typeof v === 'string' ? v : undefined
  }

  private valueOf(i: number): TagScalar {
    const x = this.lastValue[i]!
    if (x !== x) return this.lastText[i] ?? null
    return this.st.flags[i]! & F_VALUE_BOOL ? x !== 0 : x
  }

  /** Runs one event through the state machine and records what it produced. */
  private apply(i: number, ev: AlarmEvent, now: number): AlarmRefusal | undefined {
    const tb = this.tables
    const phase0 = this.st.phase[i]
    const vis0 = this.st.flags[i]! & F_VISIBLE
    const r = alarmTransition(tb.configs[i]!, this.st.get(i), ev, now)
    if (r.refused) return r.refused
    this.st.set(i, r.state)
    if (r.journal.length > 0) {
      const value = this.valueOf(i)
      for (const rec of r.journal) {
        // Built field by field: object spread here was 30x slower (V8 clones through a slow path).
        const e: AlarmJournalEntry = {
          time: rec.time, alarmId: tb.keys[i]!, tag: tb.tags[i]!, area: tb.areas[i]!, priority: tb.priorities[i]!,
          kind: tb.defs[i]!.kind, event: rec.event, from: rec.from, to: rec.to, hidden: rec.hidden, value,
        }
        if (rec.user !== undefined) e.user = rec.user
        if (rec.comment !== undefined) e.comment = rec.comment
        if (rec.until !== undefined) e.until = rec.until
        this.journal.push(e)
      }
    }
    if (phase0 !== this.st.phase[i] || vis0 !== (this.st.flags[i]! & F_VISIBLE)) this.markAlarmChanged(i)
    this.schedule(i)
    return undefined
  }

  private schedule(i: number): void {
    const s = this.st
    const pend = s.pendingAt[i]!
    const until = s.shelvedUntil[i]!
    let due = this.rocDue[i]!
    if (pend < due) due = pend // NaN compares false: no pending delay
    if (until < due) due = until
    if (due === this.dueAt[i]) return
    this.dueAt[i] = due
    if (due !== Infinity) {
      // Lazy deletion leaves stale entries behind; rebuild before they outgrow a small multiple of the alarm count.
      if (this.heap.size > 4 * this.tables.n + 1024) this.rebuildHeap()
      this.heap.push(due, i)
    }
  }

  private rebuildHeap(): void {
    this.heap.clear()
    for (let i = 0; i < this.tables.n; i++) if (this.dueAt[i] !== Infinity) this.heap.push(this.dueAt[i]!, i)
  }

  private runTimers(now: number): void {
    const heap = this.heap
    while (heap.peekTime() <= now) {
      const time = heap.peekTime()
      const i = heap.peekId()
      heap.pop()
      if (this.dueAt[i] !== time) continue
      this.dueAt[i] = Infinity
      if (this.rocDue[i]! <= now) {
        this.rocDue[i] = Infinity
        this.condition(i, now)
      }
      const due = nextDue(this.st.get(i))
      if (due !== null && due <= now) this.apply(i, EV_TICK, now)
      else this.schedule(i)
    }
  }
}

function withComment<T extends AlarmEvent>(ev: T, comment: string | undefined): T {
  return comment === undefined ? ev : { ...ev, comment }
}
