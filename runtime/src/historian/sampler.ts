/**
 * Per-tag recording filter on the change stream: deadband against the last RECORDED value, minimum interval
 * (the latest value inside the interval is recorded when it ends, so a final value is never lost) and heartbeat
 * (the current value is recorded again after `maxIntervalMs` without a sample, so a flat line is visibly alive).
 * Status changes always pass the deadband and the minimum interval: a quality transition is recorded when it happens.
 * Intervals are measured on the historian's clock; stored timestamps are the values' source times.
 */
import type { TagScalar } from '@takt/blocks'
import type { HistorySettings } from './settings.js'

export type Emit = (handle: number, ts: number, value: TagScalar, status: number) => void

/** A source time at most this far behind the last recorded one is nudged to last + 1 ms (no duplicate keys). */
const JITTER_MS = 1000

export class Sampler {
  private deadband: number[] = []
  private minInterval: number[] = []
  private maxInterval: number[] = []
  private stored: boolean[] = []
  private lastValue: TagScalar[] = []
  private lastStatus: number[] = []
  private lastTs: number[] = []
  private lastWall: number[] = []
  private seen: boolean[] = []
  private seenValue: TagScalar[] = []
  private seenStatus: number[] = []
  private pending: boolean[] = []
  private pendingTs: number[] = []
  private pendingList: number[] = []
  private active: boolean[] = []
  private activeCount = 0

  constructor(private readonly emit: Emit) {}

  /** Tags being recorded. */
  get size(): number {
    return this.activeCount
  }

  /** Register a tag; returns its handle (dense, from 0). */
  add(s: HistorySettings): number {
    const h = this.deadband.length
    this.deadband.push(0)
    this.minInterval.push(0)
    this.maxInterval.push(0)
    this.active.push(false)
    this.stored.push(false)
    this.lastValue.push(null)
    this.lastStatus.push(0)
    this.lastTs.push(-Infinity)
    this.lastWall.push(-Infinity)
    this.seen.push(false)
    this.seenValue.push(null)
    this.seenStatus.push(0)
    this.pending.push(false)
    this.pendingTs.push(0)
    this.configure(h, s)
    return h
  }

  /** (Re)apply settings to a handle and record it again (after `remove`); its last recorded value is kept. */
  configure(h: number, s: HistorySettings): void {
    const min = s.minIntervalMs ?? 0
    this.deadband[h] = s.deadband ?? 0
    this.minInterval[h] = min
    this.maxInterval[h] = s.maxIntervalMs !== undefined ? Math.max(s.maxIntervalMs, min) : 0
    if (!this.active[h]) this.activeCount++
    this.active[h] = true
  }

  /** Stop recording a handle (its tag left the APP): no more samples, heartbeats or deferred values. */
  remove(h: number): void {
    if (!this.active[h]) return
    this.active[h] = false
    this.pending[h] = false
    this.activeCount--
  }

  /** A new value from the change stream. */
  offer(h: number, value: TagScalar, status: number, ts: number, now: number): void {
    if (!this.active[h]) return
    this.seen[h] = true
    this.seenValue[h] = value
    this.seenStatus[h] = status
    if (this.stored[h] && status === this.lastStatus[h]) {
      const last = this.lastValue[h]!
      const db = this.deadband[h]!
      if (value === last || (db > 0 && typeof value === 'number' && typeof last === 'number' && Math.abs(value - last) < db)) {
        this.pending[h] = false
        return
      }
      if (now - this.lastWall[h]! < this.minInterval[h]!) {
        if (!this.pending[h]) {
          this.pending[h] = true
          this.pendingList.push(h)
        }
        this.pendingTs[h] = ts
        return
      }
    }
    this.store(h, value, status, ts, now)
  }

  /** Record due deferred values and heartbeats. Call periodically (the writer's tick). */
  tick(now: number): void {
    if (this.pendingList.length) {
      const keep: number[] = []
      for (const h of this.pendingList) {
        if (!this.pending[h]) continue
        if (now - this.lastWall[h]! >= this.minInterval[h]!) this.store(h, this.seenValue[h]!, this.seenStatus[h]!, this.pendingTs[h]!, now)
        else keep.push(h)
      }
      this.pendingList = keep
    }
    for (let h = 0; h < this.maxInterval.length; h++) {
      const max = this.maxInterval[h]!
      if (max > 0 && this.active[h] && this.seen[h] && now - this.lastWall[h]! >= max) {
        this.store(h, this.seenValue[h]!, this.seenStatus[h]!, Math.max(now, this.lastTs[h]! + 1), now)
      }
    }
  }

  /** Record every deferred value now (clean stop). */
  drain(now: number): void {
    for (const h of this.pendingList) if (this.pending[h]) this.store(h, this.seenValue[h]!, this.seenStatus[h]!, this.pendingTs[h]!, now)
    this.pendingList = []
  }

  private store(h: number, value: TagScalar, status: number, ts: number, now: number): void {
    let t = Math.floor(ts)
    const last = this.lastTs[h]!
    if (t <= last && last - t < JITTER_MS) t = last + 1
    this.stored[h] = true
    this.pending[h] = false
    this.lastValue[h] = value
    this.lastStatus[h] = status
    this.lastTs[h] = t
    this.lastWall[h] = now
    this.emit(h, t, value, status)
  }
}
