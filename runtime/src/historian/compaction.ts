/**
 * One compaction run: the ingest rows of a set of flushes, grouped per tag (a stable counting sort), moved into the
 * history tables a group of tags at a time so that no single transaction blocks the event loop for long.
 * While it runs, the rows of tags not yet moved are still served from memory (`pendingFor`).
 */
import { allocRows, type Chunk, type Rows } from './rows.js'
import type { Store } from './store.js'

export class Compaction {
  readonly rows: Rows
  readonly seqLast: number
  /** Row indices grouped by tag id ascending, arrival order kept within a tag. */
  private readonly order: Int32Array
  private readonly tagIds: Int32Array
  private readonly bounds: Int32Array
  private next = 0

  constructor(chunks: readonly Chunk[]) {
    let n = 0
    let maxTag = 0
    for (const c of chunks) {
      n += c.n
      for (let i = 0; i < c.n; i++) if (c.tag[i]! > maxTag) maxTag = c.tag[i]!
    }
    const r = allocRows(n)
    let at = 0
    for (const c of chunks) {
      r.tag.set(c.tag.subarray(0, c.n), at)
      r.ts.set(c.ts.subarray(0, c.n), at)
      r.kind.set(c.kind.subarray(0, c.n), at)
      r.num.set(c.num.subarray(0, c.n), at)
      r.status.set(c.status.subarray(0, c.n), at)
      for (let i = 0; i < c.n; i++) r.str[at + i] = c.str[i]
      at += c.n
    }
    r.n = n
    this.rows = r
    this.seqLast = chunks.reduce((m, c) => Math.max(m, c.seqLast), 0)
    const counts = new Int32Array(maxTag + 2)
    for (let i = 0; i < n; i++) counts[r.tag[i]! + 1]!++
    let distinct = 0
    for (let t = 1; t < counts.length; t++) if (counts[t]! > 0) distinct++
    this.tagIds = new Int32Array(distinct)
    this.bounds = new Int32Array(distinct + 1)
    const start = new Int32Array(maxTag + 1)
    let g = 0
    let pos = 0
    for (let t = 0; t <= maxTag; t++) {
      const c = counts[t + 1]!
      if (c === 0) continue
      this.tagIds[g] = t
      this.bounds[g] = pos
      start[t] = pos
      pos += c
      g++
    }
    this.bounds[distinct] = pos
    this.order = new Int32Array(n)
    for (let i = 0; i < n; i++) this.order[start[r.tag[i]!]!++] = i
  }

  get done(): boolean {
    return this.next >= this.tagIds.length
  }

  /** Tags with an id below this are already in the history tables. */
  get movedBelow(): number {
    return this.done ? Infinity : this.tagIds[this.next]!
  }

  /** Move the next group of tags (about `budget` rows, at least one tag) in one transaction. Returns rows moved. */
  step(store: Store, budget: number): number {
    if (this.done) return 0
    const a = this.next
    let b = a + 1
    while (b < this.tagIds.length && this.bounds[b + 1]! - this.bounds[a]! <= budget) b++
    const moved = store.compact(this.rows, this.order, this.bounds, this.tagIds, a, b)
    this.next = b
    return moved
  }
}
