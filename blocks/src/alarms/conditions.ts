/**
 * Condition kernels: from a tag's value and status to "active", "not active" or "hold" (no usable value: the alarm
 * keeps its condition; a separate badQuality alarm reports the bad value itself). They work on the engine's
 * struct-of-arrays tables and allocate nothing.
 */
import type { TagScalar } from '../quality.js'

export const K_HIHI = 0
export const K_HI = 1
export const K_LO = 2
export const K_LOLO = 3
export const K_DEV = 4
export const K_ROC = 5
export const K_DISC = 6
export const K_BADQ = 7

export const HOLD = -1

export const DISC_BOOL = 0
export const DISC_NUMBER = 1
export const DISC_TEXT = 2

export const ROC_BOTH = 0
export const ROC_RISE = 1
export const ROC_FALL = 2

/** A value as a number for analog kernels: BOOL is 0/1; text, null, NaN and ±Infinity are NaN (hold). */
export function numeric(v: TagScalar): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN
  if (typeof v === 'boolean') return v ? 1 : 0
  return NaN
}

/** Bad quality: status severity bits 10 or 11. */
export function isBad(status: number): boolean {
  return status >>> 30 >= 2
}

/** ≥ limit activates; while active, the value must fall below limit − deadband to return. */
export function high(v: number, limit: number, deadband: number, wasActive: boolean): number {
  return (wasActive ? v >= limit - deadband : v >= limit) ? 1 : 0
}

/** ≤ limit activates; while active, the value must rise above limit + deadband to return. */
export function low(v: number, limit: number, deadband: number, wasActive: boolean): number {
  return (wasActive ? v <= limit + deadband : v <= limit) ? 1 : 0
}

/** Deviation pv − sp against positive bands; NaN bands are absent. */
export function deviation(dev: number, hi: number, lo: number, deadband: number, wasActive: boolean): number {
  const d = wasActive ? deadband : 0
  return (hi === hi && dev >= hi - d) || (lo === lo && -dev >= lo - d) ? 1 : 0
}

/** Discrete: equal to the alarm state. BOOL states accept 0/1 numbers; text compares exactly. */
export function discrete(v: TagScalar, mode: number, num: number, text: string | undefined): number {
  if (v === null) return HOLD
  if (mode === DISC_TEXT) return String(v) === text ? 1 : 0
  const x = numeric(v)
  if (x !== x) return HOLD
  if (mode === DISC_BOOL) return (x !== 0) === (num !== 0) ? 1 : 0
  return x === num ? 1 : 0
}

/** Samples kept per rate-of-change alarm; the window is resolved to 1/ROC_STEPS of its length. */
const ROC_STEPS = 16
const ROC_CAP = ROC_STEPS + 4

/**
 * Sample history for rate-of-change alarms: per alarm a ring of (time, value) change points. A change closer than
 * window/16 to the previous point overwrites that point's value (not its time), so memory is fixed, the latest
 * value is never lost, and the rate's time error stays below 1/16 of the window.
 */
export class RocRings {
  private readonly t: Float64Array
  private readonly v: Float64Array
  private readonly head: Int32Array
  private readonly len: Int32Array

  constructor(readonly count: number) {
    this.t = new Float64Array(count * ROC_CAP)
    this.v = new Float64Array(count * ROC_CAP)
    this.head = new Int32Array(count)
    this.len = new Int32Array(count)
  }

  reset(slot: number): void {
    this.len[slot] = 0
  }

  /**
   * Adds the sample (now, x) and returns the rate over the last `windowMs` in units per second, or NaN while the
   * history is shorter than the window. `next[0]` receives when the rate changes next without new samples (a change
   * point leaves the window), or Infinity.
   */
  sample(slot: number, now: number, x: number, windowMs: number, next: Float64Array): number {
    const base = slot * ROC_CAP
    const t = this.t
    const v = this.v
    let len = this.len[slot]!
    let head = this.head[slot]! // index of the newest point
    if (len === 0) {
      head = 0
      t[base] = now
      v[base] = x
      len = 1
    } else {
      const newest = base + head
      if (v[newest] !== x) {
        if (now - t[newest]! < windowMs / ROC_STEPS && len > 1) v[newest] = x
        else {
          head = (head + 1) % ROC_CAP
          t[base + head] = now
          v[base + head] = x
          if (len < ROC_CAP) len++
        }
      }
    }
    this.head[slot] = head
    this.len[slot] = len
    // Walk back to the value held at now − window: the newest point at or before that time.
    const from = now - windowMs
    let leaving = Infinity
    for (let k = 0; k < len; k++) {
      const at = base + ((head - k + ROC_CAP) % ROC_CAP)
      if (t[at]! <= from) {
        next[0] = leaving
        return ((x - v[at]!) * 1000) / windowMs
      }
      leaving = t[at]! + windowMs
    }
    next[0] = leaving
    return NaN
  }
}

/** Rate against the limit in the configured direction, with deadband hysteresis. */
export function rocCondition(rate: number, limit: number, deadband: number, direction: number, wasActive: boolean): number {
  if (rate !== rate) return HOLD
  const d = wasActive ? deadband : 0
  const up = direction !== ROC_FALL && rate >= limit - d
  const down = direction !== ROC_RISE && -rate >= limit - d
  return up || down ? 1 : 0
}
