/**
 * The bounded sample queue between the change stream and the writer: a ring buffer of fixed capacity.
 * When full it drops the OLDEST entry and counts it: during a stall or fault the queue keeps the most recent window,
 * which is what operators look at first, and a gap in the past is less harmful than history that stops at the stall.
 */
import type { TagScalar } from '@takt/blocks'
import { allocRows, kindOf, numOf, KIND_STR, type Rows } from './rows.js'

export class SampleQueue {
  readonly capacity: number
  /** Entries dropped because the queue was full (oldest first). */
  dropped = 0
  private readonly ring: Rows
  private head = 0
  private size = 0

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity))
    this.ring = allocRows(this.capacity)
  }

  get length(): number {
    return this.size
  }

  /** Add one sample. When the queue is full the oldest entry is overwritten (and counted in `dropped`). */
  push(handle: number, ts: number, value: TagScalar, status: number): void {
    const r = this.ring
    let at: number
    if (this.size === this.capacity) {
      at = this.head
      this.head = (this.head + 1) % this.capacity
      this.dropped++
    } else {
      at = (this.head + this.size) % this.capacity
      this.size++
    }
    r.tag[at] = handle
    r.ts[at] = ts
    const k = kindOf(value)
    r.kind[at] = k
    r.num[at] = numOf(value)
    r.str[at] = k === KIND_STR ? (value as string) : undefined
    r.status[at] = status >>> 0
  }

  /** Copy the oldest `count` entries (handles mapped through `mapTag`) without removing them. */
  peek(count: number, mapTag: (handle: number) => number): Rows {
    const n = Math.min(count, this.size)
    const out = allocRows(n)
    const r = this.ring
    for (let j = 0; j < n; j++) {
      const i = (this.head + j) % this.capacity
      out.tag[j] = mapTag(r.tag[i]!)
      out.ts[j] = r.ts[i]!
      out.kind[j] = r.kind[i]!
      out.num[j] = r.num[i]!
      out.str[j] = r.str[i]
      out.status[j] = r.status[i]!
    }
    out.n = n
    return out
  }

  /** Remove the oldest `count` entries (after they were written). */
  shift(count: number): void {
    const n = Math.min(count, this.size)
    for (let j = 0; j < n; j++) this.ring.str[(this.head + j) % this.capacity] = undefined
    this.head = (this.head + n) % this.capacity
    this.size -= n
  }
}
