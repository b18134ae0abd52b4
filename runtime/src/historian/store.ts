/**
 * The SQLite side of the historian: one connection, prepared statements, and the three write paths (ingest flush,
 * compaction, retention). Every method either completes its transaction or throws (the caller turns that into a
 * fault); none keeps partial state across a throw.
 */
import type Database from 'better-sqlite3'
import { openHistoryDb, type OpenOptions } from './schema.js'
import { RollupBuilder, UPSERT_SQL, LEVELS } from './rollup.js'
import { allocRows, KIND_NUM, KIND_STR, type Chunk, type Rows } from './rows.js'

export const TAG_NUM = 0
export const TAG_TEXT = 1

export interface TagRow { id: number; kind: number }

export class Store {
  readonly db: Database.Database
  private readonly cache = new Map<string, Database.Statement>()
  private readonly rollups: RollupBuilder

  constructor(readonly file: string, opts: OpenOptions = {}) {
    this.db = openHistoryDb(file, opts)
    this.rollups = new RollupBuilder(this.db.prepare(UPSERT_SQL))
  }

  /** A cached prepared statement. */
  stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.cache.set(sql, s)
    }
    return s
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** The id of a tag path, created on first use; the kind follows the current definition. */
  tagId(path: string, kind: number, now: number): number {
    const row = this.stmt('SELECT id, kind FROM tags WHERE path = ?').get(path) as TagRow | undefined
    if (row) {
      if (row.kind !== kind) this.stmt('UPDATE tags SET kind = ? WHERE id = ?').run(kind, row.id)
      return row.id
    }
    return Number(this.stmt('INSERT INTO tags(path, kind, created) VALUES (?, ?, ?)').run(path, kind, now).lastInsertRowid)
  }

  findTag(path: string): TagRow | undefined {
    return this.stmt('SELECT id, kind FROM tags WHERE path = ?').get(path) as TagRow | undefined
  }

  tagIds(): number[] {
    return this.stmt('SELECT id FROM tags ORDER BY id').pluck().all() as number[]
  }

  /** Append rows to the ingest table in ONE transaction; returns the last sequence number. */
  appendRecent(r: Rows): number {
    const ins = this.stmt('INSERT INTO recent(tag, ts, value, text, status) VALUES (?, ?, ?, ?, ?)')
    let last = 0
    this.db.transaction(() => {
      for (let i = 0; i < r.n; i++) {
        const k = r.kind[i]
        last = Number(ins.run(r.tag[i], r.ts[i], k === KIND_NUM ? r.num[i] : null, k === KIND_STR ? r.str[i] : null, r.status[i]).lastInsertRowid)
      }
    })()
    return last
  }

  /** Whatever a previous run left in the ingest table (crash or stop before compaction). */
  loadRecent(): Chunk | null {
    const rows = this.stmt('SELECT seq, tag, ts, value, text, status FROM recent ORDER BY seq').raw().all() as [number, number, number, number | null, string | null, number][]
    if (rows.length === 0) return null
    const r = allocRows(rows.length)
    rows.forEach(([, tag, ts, value, text, status], i) => {
      r.tag[i] = tag
      r.ts[i] = ts
      r.kind[i] = text !== null ? KIND_STR : value !== null ? KIND_NUM : 0
      r.num[i] = value ?? NaN
      r.str[i] = text ?? undefined
      r.status[i] = status
    })
    r.n = rows.length
    return { ...r, seqLast: rows[rows.length - 1]![0] }
  }

  /**
   * Move the rows of tags `tagIds[a..b)` into the history tables and merge them into the rollups, in ONE transaction.
   * `order[bounds[g]..bounds[g+1])` are the row indices of `tagIds[g]`, in arrival order. Returns rows moved.
   * Idempotent: a row whose (tag, ts) already exists is skipped (INSERT OR IGNORE) and not counted into rollups, so
   * recompacting after a crash between two steps is harmless. Equal timestamps in one batch: the later row wins.
   */
  compact(r: Rows, order: Int32Array, bounds: Int32Array, tagIds: Int32Array, a: number, b: number): number {
    const insNum = this.stmt('INSERT OR IGNORE INTO samples(tag, ts, value, status) VALUES (?, ?, ?, ?)')
    const insText = this.stmt('INSERT OR IGNORE INTO samples_text(tag, ts, value, status) VALUES (?, ?, ?, ?)')
    let moved = 0
    this.db.transaction(() => {
      for (let g = a; g < b; g++) {
        const tag = tagIds[g]!
        const ix = order.subarray(bounds[g]!, bounds[g + 1]!)
        let sorted = true
        for (let k = 1; k < ix.length && sorted; k++) if (r.ts[ix[k]!]! < r.ts[ix[k - 1]!]!) sorted = false
        const seq = sorted ? ix : Int32Array.from(ix).sort((i, j) => r.ts[i]! - r.ts[j]! || i - j)
        this.rollups.begin(tag)
        for (let k = 0; k < seq.length; k++) {
          const i = seq[k]!
          const ts = r.ts[i]!
          if (k + 1 < seq.length && r.ts[seq[k + 1]!] === ts) continue
          const kind = r.kind[i]
          if (kind === KIND_STR) {
            insText.run(tag, ts, r.str[i] ?? '', r.status[i])
          } else {
            const v = kind === KIND_NUM ? r.num[i]! : null
            if (insNum.run(tag, ts, v, r.status[i]).changes > 0) this.rollups.add(ts, v)
          }
          moved++
        }
        this.rollups.end()
      }
    })()
    return moved
  }

  /** Forget ingest rows up to `seq` (they are compacted). */
  deleteRecent(seq: number): void {
    this.stmt('DELETE FROM recent WHERE seq <= ?').run(seq)
  }

  /** Delete at most `limit` rows of one tag older than `cutoff` (samples, text, rollups wholly before it). */
  deleteOlder(tag: number, cutoff: number, limit: number): number {
    let n = this.stmt('DELETE FROM samples WHERE tag = ? AND ts < ? LIMIT ?').run(tag, cutoff, limit).changes
    if (n < limit) n += this.stmt('DELETE FROM samples_text WHERE tag = ? AND ts < ? LIMIT ?').run(tag, cutoff, limit - n).changes
    for (const P of LEVELS) {
      if (n >= limit) break
      n += this.stmt('DELETE FROM rollup WHERE level = ? AND tag = ? AND p <= ? LIMIT ?').run(P, tag, cutoff - P, limit - n).changes
    }
    return n
  }

  /** Oldest sample time over all tags (one index seek per tag), or null when empty. */
  oldest(): number | null {
    let min = Infinity
    const a = this.stmt('SELECT min(ts) FROM samples WHERE tag = ?').pluck()
    const b = this.stmt('SELECT min(ts) FROM samples_text WHERE tag = ?').pluck()
    for (const id of this.tagIds()) {
      const x = a.get(id) as number | null
      const y = b.get(id) as number | null
      if (x !== null && x < min) min = x
      if (y !== null && y < min) min = y
    }
    return min === Infinity ? null : min
  }

  /** Bytes in use (pages not on the free list). */
  usedBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number
    const free = this.db.pragma('freelist_count', { simple: true }) as number
    const size = this.db.pragma('page_size', { simple: true }) as number
    return (pages - free) * size
  }

  /** Return up to `pages` free pages to the file system (auto_vacuum = INCREMENTAL). */
  vacuumStep(pages: number): void {
    this.db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`)
  }

  fileBytes(): number {
    return (this.db.pragma('page_count', { simple: true }) as number) * (this.db.pragma('page_size', { simple: true }) as number)
  }
}
