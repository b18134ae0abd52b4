/**
 * The ISA-18.2 / IEC 62682 alarm state machine for one alarm instance, as pure functions.
 *
 * Annunciation phases (ISA-18.2 figure "alarm states"): A `normal`, B `unack` (active, unacknowledged), C `acked`
 * (active, acknowledged), D `rtnUnack` (returned to normal, unacknowledged) and, for latched alarms only, E `latched`
 * (returned and acknowledged, waiting for an explicit reset). Orthogonal to them: shelved (timed or one-shot),
 * suppressed by design and out of service. While any of those three hides the alarm its phase is held at `normal`
 * (nothing to annunciate or acknowledge) but the condition is still tracked and journaled (marked `hidden`, except
 * out of service, which is not processed at all); when the alarm is shown again it re-annunciates as `unack` if its
 * condition is still active, as ISA-18.2 returns F/G/H to A and re-evaluates.
 */

export const ALARM_PHASES = ['normal', 'unack', 'acked', 'rtnUnack', 'latched'] as const
export type AlarmPhase = (typeof ALARM_PHASES)[number]
export type ShelveKind = 'none' | 'timed' | 'oneShot'

/** Everything that makes up one alarm's state; plain data, so it snapshots to JSON as is. */
export interface AlarmState {
  readonly phase: AlarmPhase
  /** The condition after on/off delays: what the alarm considers active. */
  readonly active: boolean
  /** The condition as last evaluated, before delays. */
  readonly raw: boolean
  /** When a pending change of `active` (raw ≠ active, delay running) takes effect; null when none is pending. */
  readonly pendingAt: number | null
  readonly shelved: ShelveKind
  /** When the shelving ends by itself (timed shelve, or the maximum of a one-shot shelve). */
  readonly shelvedUntil: number | null
  readonly suppressed: boolean
  readonly outOfService: boolean
  /** Time of the last phase change. */
  readonly since: number
  /** Time of the last change of `active`. */
  readonly activeSince: number
}

/** The per-alarm settings the state machine needs, with defaults applied. */
export interface AlarmConfig {
  onDelayMs: number
  offDelayMs: number
  latched: boolean
  shelvable: boolean
  maxShelveMs: number
}

export type AlarmEvent =
  /** The raw condition as evaluated now; delays are applied here. */
  | { type: 'condition'; active: boolean }
  /** Time passed: fires due delays and shelve expiry. */
  | { type: 'tick' }
  | { type: 'ack'; user: string; comment?: string }
  /** `durationMs` is capped at maxShelveMs; `'oneShot'` lasts until the next return to normal (also capped). */
  | { type: 'shelve'; user: string; reason: string; durationMs: number | 'oneShot' }
  | { type: 'unshelve'; user: string; comment?: string }
  | { type: 'suppress' }
  | { type: 'unsuppress' }
  | { type: 'outOfService'; user: string; comment?: string }
  | { type: 'returnToService'; user: string; comment?: string }
  | { type: 'reset'; user: string; comment?: string }

export type JournalEvent =
  | 'activate' | 'return' | 'ack' | 'reset' | 'shelve' | 'unshelve' | 'shelveExpired'
  | 'suppress' | 'unsuppress' | 'outOfService' | 'returnToService'

/** One journal line as the state machine sees it; the engine adds the alarm's identity and value. */
export interface TransitionRecord {
  time: number
  event: JournalEvent
  from: AlarmPhase
  to: AlarmPhase
  /** The alarm was not shown to operators after this event (shelved, suppressed or out of service). */
  hidden: boolean
  user?: string
  comment?: string
  /** For `shelve`: when the shelving ends at the latest. */
  until?: number
}

/** Why an operator action did nothing. */
export type AlarmRefusal =
  | 'notUnacknowledged' | 'notLatched' | 'notResettable' | 'notShelvable' | 'notShelved' | 'reasonRequired'
  | 'badDuration' | 'outOfService' | 'alreadyOutOfService' | 'notOutOfService' | 'unknownAlarm'

export interface TransitionResult {
  state: AlarmState
  journal: TransitionRecord[]
  /** Set when an operator action was refused; state and journal are then unchanged. */
  refused?: AlarmRefusal
}

/** The state of an alarm that has never been evaluated. */
export function initialAlarmState(now = 0): AlarmState {
  return {
    phase: 'normal', active: false, raw: false, pendingAt: null, shelved: 'none', shelvedUntil: null,
    suppressed: false, outOfService: false, since: now, activeSince: now,
  }
}

/** Shelved, suppressed or out of service: not annunciated. */
export function isHidden(s: AlarmState): boolean {
  return s.shelved !== 'none' || s.suppressed || s.outOfService
}

/** Needs an acknowledgement: unack or rtnUnack. */
export function isUnacknowledged(s: AlarmState): boolean {
  return s.phase === 'unack' || s.phase === 'rtnUnack'
}

/** The earliest time at which a `tick` changes something, or null. */
export function nextDue(s: AlarmState): number | null {
  if (s.pendingAt === null) return s.shelvedUntil
  if (s.shelvedUntil === null) return s.pendingAt
  return Math.min(s.pendingAt, s.shelvedUntil)
}

type Mutable = { -readonly [K in keyof AlarmState]: AlarmState[K] }

/** Collects the changes of one transition on a copy of the state. */
class Step {
  readonly s: Mutable
  readonly journal: TransitionRecord[] = []
  constructor(state: AlarmState, readonly cfg: AlarmConfig, readonly now: number) {
    this.s = { ...state }
  }

  record(event: JournalEvent, from: AlarmPhase, extra?: { user?: string; comment?: string; until?: number }): void {
    const r: TransitionRecord = { time: this.now, event, from, to: this.s.phase, hidden: isHidden(this.s) }
    if (extra?.user !== undefined) r.user = extra.user
    if (extra?.comment !== undefined && extra.comment !== '') r.comment = extra.comment
    if (extra?.until !== undefined) r.until = extra.until
    this.journal.push(r)
  }

  setPhase(p: AlarmPhase): void {
    if (this.s.phase !== p) {
      this.s.phase = p
      this.s.since = this.now
    }
  }

  /** Hides the alarm: whatever it was annunciating is withdrawn. */
  hide(): AlarmPhase {
    const from = this.s.phase
    this.setPhase('normal')
    return from
  }

  /** Shown again after shelve, suppression or out of service: re-annunciate a still active condition. */
  reveal(): void {
    if (isHidden(this.s) || !this.s.active) return
    this.setPhase('unack')
    this.record('activate', 'normal')
  }

  /** The debounced condition changes. */
  setActive(active: boolean): void {
    const s = this.s
    if (s.active === active) return
    s.active = active
    s.activeSince = this.now
    const from = s.phase
    if (isHidden(s)) {
      // Out of service is not processed at all (a broken instrument must not fill the journal); shelved and
      // suppressed alarms keep their journal so the record of what the plant did stays complete.
      if (!s.outOfService) this.record(active ? 'activate' : 'return', from)
      if (!active && s.shelved === 'oneShot') {
        s.shelved = 'none'
        s.shelvedUntil = null
        this.record('unshelve', from, { comment: 'one-shot shelve ended: returned to normal' })
        this.reveal()
      }
      return
    }
    if (active) this.setPhase('unack')
    else if (from === 'unack') this.setPhase('rtnUnack')
    else if (from === 'acked') this.setPhase(this.cfg.latched ? 'latched' : 'normal')
    this.record(active ? 'activate' : 'return', from)
  }

  condition(raw: boolean): void {
    const s = this.s
    const edge = s.raw !== raw
    s.raw = raw
    if (raw === s.active) {
      s.pendingAt = null
      return
    }
    const delay = raw ? this.cfg.onDelayMs : this.cfg.offDelayMs
    if (delay <= 0) {
      s.pendingAt = null
      this.setActive(raw)
    } else if (edge || s.pendingAt === null) {
      // The timer restarts on every edge: the condition must hold without interruption for the whole delay.
      s.pendingAt = this.now + delay
    }
  }

  tick(): void {
    const s = this.s
    // Fire due timers in time order, so a delay that ran out before the shelve ended is journaled as hidden.
    for (let guard = 0; guard < 4; guard++) {
      const pend = s.pendingAt !== null && s.pendingAt <= this.now ? s.pendingAt : Infinity
      const shelf = s.shelvedUntil !== null && s.shelvedUntil <= this.now ? s.shelvedUntil : Infinity
      if (pend === Infinity && shelf === Infinity) return
      if (pend <= shelf) {
        s.pendingAt = null
        this.setActive(s.raw)
      } else {
        const from = s.phase
        s.shelved = 'none'
        s.shelvedUntil = null
        this.record('shelveExpired', from)
        this.reveal()
      }
    }
  }

  result(refused?: AlarmRefusal): TransitionResult {
    return refused ? { state: this.s, journal: [], refused } : { state: this.s, journal: this.journal }
  }
}

/**
 * Applies one event to one alarm. Pure: returns the new state and the journal lines it produced; an operator
 * action that does not apply comes back with `refused` and no change.
 * @example
 * let r = alarmTransition(cfg, initialAlarmState(0), { type: 'condition', active: true }, 1000) // -> unack
 * r = alarmTransition(cfg, r.state, { type: 'ack', user: 'op1', comment: 'seen' }, 2000)         // -> acked
 */
export function alarmTransition(cfg: AlarmConfig, state: AlarmState, event: AlarmEvent, now: number): TransitionResult {
  const st = new Step(state, cfg, now)
  const s = st.s
  switch (event.type) {
    case 'condition':
      st.condition(event.active)
      break
    case 'tick':
      st.tick()
      break
    case 'ack': {
      const from = s.phase
      if (from === 'unack') st.setPhase('acked')
      else if (from === 'rtnUnack') st.setPhase(cfg.latched ? 'latched' : 'normal')
      else return st.result('notUnacknowledged')
      st.record('ack', from, event)
      break
    }
    case 'reset': {
      if (!cfg.latched) return st.result('notLatched')
      // ISA-18.2: a latched alarm is reset only once it is acknowledged and its condition has returned.
      if (s.phase !== 'latched') return st.result('notResettable')
      st.setPhase('normal')
      st.record('reset', 'latched', event)
      break
    }
    case 'shelve': {
      if (!cfg.shelvable) return st.result('notShelvable')
      if (s.outOfService) return st.result('outOfService')
      if (event.reason.trim() === '') return st.result('reasonRequired')
      const d = event.durationMs
      if (d !== 'oneShot' && !(d > 0)) return st.result('badDuration')
      s.shelved = d === 'oneShot' ? 'oneShot' : 'timed'
      s.shelvedUntil = now + (d === 'oneShot' ? cfg.maxShelveMs : Math.min(d, cfg.maxShelveMs))
      const from = st.hide()
      st.record('shelve', from, { user: event.user, comment: event.reason, until: s.shelvedUntil })
      break
    }
    case 'unshelve': {
      if (s.shelved === 'none') return st.result('notShelved')
      s.shelved = 'none'
      s.shelvedUntil = null
      st.record('unshelve', s.phase, event)
      st.reveal()
      break
    }
    case 'suppress': {
      if (s.suppressed) break
      s.suppressed = true
      st.record('suppress', st.hide())
      break
    }
    case 'unsuppress': {
      if (!s.suppressed) break
      s.suppressed = false
      st.record('unsuppress', s.phase)
      st.reveal()
      break
    }
    case 'outOfService': {
      if (s.outOfService) return st.result('alreadyOutOfService')
      s.outOfService = true
      st.record('outOfService', st.hide(), event)
      break
    }
    case 'returnToService': {
      if (!s.outOfService) return st.result('notOutOfService')
      s.outOfService = false
      st.record('returnToService', s.phase, event)
      st.reveal()
      break
    }
  }
  return st.result()
}
