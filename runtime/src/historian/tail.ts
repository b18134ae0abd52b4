/**
 * Rows that are durable in the ingest table but not yet compacted into the history tables. They stay in memory so
 * that queries see them without scanning the (time-ordered) ingest table, and so compaction never reads them back.
 */
import { Compaction } from './compaction.js'
import type { Chunk, Rows } from './rows.js'
import type { MemoryScan } from './query.js'

export class Tail {
  private chunks: Chunk[] = []
  /** The compaction run in progress, if any; its rows of tags not yet moved still count as in memory. */
  inflight: Compaction | null = null
  private count = 0

  /** Rows waiting for compaction (including an in-progress run). */
  get size(): number {
    return this.count + (this.inflight && !this.inflight.done ? this.inflight.rows.n : 0)
  }

  push(c: Chunk): void {
    if (c.n === 0) return
    this.chunks.push(c)
    this.count += c.n
  }

  /** Begin compacting everything in memory now; null when there is nothing to do or a run is in progress. */
  begin(): Compaction | null {
    if (this.inflight || this.chunks.length === 0) return null
    this.inflight = new Compaction(this.chunks)
    this.chunks = []
    this.count = 0
    return this.inflight
  }

  end(): void {
    this.inflight = null
  }

  clear(): void {
    this.chunks = []
    this.count = 0
    this.inflight = null
  }

  /** One pass over memory collecting the rows of `tagIds`; the returned scan visits them per tag. */
  index(tagIds: readonly number[]): MemoryScan {
    const want = new Set(tagIds)
    const sources: Rows[] = []
    const hits = new Map<number, number[]>()
    const collect = (r: Rows, skipBelow: number) => {
      const s = sources.push(r) - 1
      for (let i = 0; i < r.n; i++) {
        const tag = r.tag[i]!
        if (tag < skipBelow || !want.has(tag)) continue
        let h = hits.get(tag)
        if (!h) hits.set(tag, (h = []))
        h.push(s, i)
      }
    }
    if (want.size) {
      if (this.inflight && !this.inflight.done) collect(this.inflight.rows, this.inflight.movedBelow)
      for (const c of this.chunks) collect(c, -Infinity)
    }
    return (tagId, visit) => {
      const h = hits.get(tagId)
      if (!h) return
      for (let j = 0; j < h.length; j += 2) visit(sources[h[j]!]!, h[j + 1]!)
    }
  }
}
