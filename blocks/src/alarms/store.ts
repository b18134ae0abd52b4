/**
 * Alarm states packed into typed arrays (one slot per alarm), with conversion to and from the plain AlarmState the
 * pure state machine works on, and the versioned snapshot format the runtime persists.
 */
import { z } from 'zod'
import { ALARM_PHASES } from './state.js'
import type { AlarmPhase, AlarmState, ShelveKind } from './state.js'

export const F_ACTIVE = 1
export const F_RAW = 2
export const F_SUPPRESSED = 4
export const F_OOS = 8
export const F_SHELVED_TIMED = 16
export const F_SHELVED_ONESHOT = 32
/** lastValue holds a BOOL as 0/1. */
export const F_VALUE_BOOL = 64
/** Bits a client sees change (everything but the raw condition and value bookkeeping). */
export const F_VISIBLE = F_ACTIVE | F_SUPPRESSED | F_OOS | F_SHELVED_TIMED | F_SHELVED_ONESHOT

const PHASE_CODE: Record<AlarmPhase, number> = { normal: 0, unack: 1, acked: 2, rtnUnack: 3, latched: 4 }
export const P_NORMAL = 0
export const P_UNACK = 1
export const P_RTN_UNACK = 3

export class StateStore {
  readonly phase: Uint8Array
  readonly flags: Uint8Array
  /** NaN when nothing is pending. */
  readonly pendingAt: Float64Array
  /** NaN when not shelved. */
  readonly shelvedUntil: Float64Array
  readonly since: Float64Array
  readonly activeSince: Float64Array

  constructor(readonly n: number, now: number) {
    this.phase = new Uint8Array(n)
    this.flags = new Uint8Array(n)
    this.pendingAt = new Float64Array(n).fill(NaN)
    this.shelvedUntil = new Float64Array(n).fill(NaN)
    this.since = new Float64Array(n).fill(now)
    this.activeSince = new Float64Array(n).fill(now)
  }

  get(i: number): AlarmState {
    const f = this.flags[i]!
    const pend = this.pendingAt[i]!
    const until = this.shelvedUntil[i]!
    const shelved: ShelveKind = f & F_SHELVED_TIMED ? 'timed' : f & F_SHELVED_ONESHOT ? 'oneShot' : 'none'
    return {
      phase: ALARM_PHASES[this.phase[i]!]!,
      active: (f & F_ACTIVE) !== 0,
      raw: (f & F_RAW) !== 0,
      pendingAt: pend === pend ? pend : null,
      shelved,
      shelvedUntil: until === until ? until : null,
      suppressed: (f & F_SUPPRESSED) !== 0,
      outOfService: (f & F_OOS) !== 0,
      since: this.since[i]!,
      activeSince: this.activeSince[i]!,
    }
  }

  set(i: number, s: AlarmState): void {
    this.phase[i] = PHASE_CODE[s.phase]
    this.flags[i] = (this.flags[i]! & F_VALUE_BOOL)
      | (s.active ? F_ACTIVE : 0) | (s.raw ? F_RAW : 0) | (s.suppressed ? F_SUPPRESSED : 0) | (s.outOfService ? F_OOS : 0)
      | (s.shelved === 'timed' ? F_SHELVED_TIMED : s.shelved === 'oneShot' ? F_SHELVED_ONESHOT : 0)
    this.pendingAt[i] = s.pendingAt ?? NaN
    this.shelvedUntil[i] = s.shelvedUntil ?? NaN
    this.since[i] = s.since
    this.activeSince[i] = s.activeSince
  }

  /** Back to the never-evaluated state. */
  clear(i: number, now: number): void {
    this.phase[i] = 0
    this.flags[i] = this.flags[i]! & F_VALUE_BOOL
    this.pendingAt[i] = NaN
    this.shelvedUntil[i] = NaN
    this.since[i] = now
    this.activeSince[i] = now
  }

  /** Nothing worth persisting: normal, inactive, nothing pending, not shelved, suppressed or out of service. */
  isDefault(i: number): boolean {
    return this.phase[i] === 0 && (this.flags[i]! & ~F_VALUE_BOOL) === 0 && this.pendingAt[i] !== this.pendingAt[i]
  }
}

const time = z.number().finite()
export const SnapshotAlarmState = z.object({
  phase: z.enum(ALARM_PHASES),
  active: z.boolean(),
  raw: z.boolean(),
  pendingAt: time.nullable(),
  shelved: z.enum(['none', 'timed', 'oneShot']),
  shelvedUntil: time.nullable(),
  suppressed: z.boolean(),
  outOfService: z.boolean(),
  since: time,
  activeSince: time,
}).strict()

/**
 * The persisted form of all alarm states, keyed by alarm id so it survives a redeploy that reorders alarms.
 * Alarms in their default state are left out. Rate-of-change history is not kept: after a restore a rate-of-change
 * alarm holds its condition until it has seen a full window again.
 */
export const AlarmSnapshot = z.object({
  format: z.literal(1),
  time,
  alarms: z.record(z.string(), SnapshotAlarmState),
}).strict()
export type AlarmSnapshot = z.infer<typeof AlarmSnapshot>
