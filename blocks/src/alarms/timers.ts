/**
 * A binary min-heap of (due time, alarm index) with lazy deletion: rescheduling pushes a new entry and the owner
 * ignores popped entries whose time no longer matches the alarm's current due time. Rebuilt from the owner's due
 * times when stale entries pile up, so its size stays within a small multiple of the number of alarms.
 */
export class TimerHeap {
  private times: Float64Array
  private ids: Int32Array
  private n = 0

  constructor(capacity = 64) {
    this.times = new Float64Array(Math.max(4, capacity))
    this.ids = new Int32Array(Math.max(4, capacity))
  }

  get size(): number {
    return this.n
  }

  clear(): void {
    this.n = 0
  }

  push(time: number, id: number): void {
    if (this.n === this.times.length) this.grow()
    let i = this.n++
    const times = this.times
    const ids = this.ids
    while (i > 0) {
      const p = (i - 1) >> 1
      if (times[p]! <= time) break
      times[i] = times[p]!
      ids[i] = ids[p]!
      i = p
    }
    times[i] = time
    ids[i] = id
  }

  /** Due time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity
  }

  peekId(): number {
    return this.n > 0 ? this.ids[0]! : -1
  }

  pop(): void {
    if (this.n === 0) return
    const times = this.times
    const ids = this.ids
    const last = --this.n
    const t = times[last]!
    const id = ids[last]!
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= last) break
      const r = l + 1
      const c = r < last && times[r]! < times[l]! ? r : l
      if (times[c]! >= t) break
      times[i] = times[c]!
      ids[i] = ids[c]!
      i = c
    }
    times[i] = t
    ids[i] = id
  }

  private grow(): void {
    const t = new Float64Array(this.times.length * 2)
    t.set(this.times)
    const d = new Int32Array(this.ids.length * 2)
    d.set(this.ids)
    this.times = t
    this.ids = d
  }
}
