/**
 * Per-period aggregates of numeric tags. Compaction merges each batch into every level with an upsert, so the
 * result is exact whatever order batches (or late samples) arrive in: min/max/sum/count merge, first/last keep the
 * earlier/later timestamp.
 */
import type Database from 'better-sqlite3'

/** Rollup periods in ms, fine to coarse. A query uses the coarsest period not wider than its bucket. */
export const LEVELS: readonly number[] = [10_000, 60_000, 600_000, 3_600_000]

export const UPSERT_SQL = `INSERT INTO rollup(level, tag, p, mn, mx, sm, nv, c, fts, fv, lts, lv) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
  ON CONFLICT(level, tag, p) DO UPDATE SET
    mn = min(coalesce(mn, excluded.mn), coalesce(excluded.mn, mn)),
    mx = max(coalesce(mx, excluded.mx), coalesce(excluded.mx, mx)),
    sm = sm + excluded.sm, nv = nv + excluded.nv, c = c + excluded.c,
    fv = CASE WHEN excluded.fts < fts THEN excluded.fv ELSE fv END, fts = min(fts, excluded.fts),
    lv = CASE WHEN excluded.lts >= lts THEN excluded.lv ELSE lv END, lts = max(lts, excluded.lts)`

/**
 * Accumulates one tag's new samples (in time order) for all levels and writes each finished period with `upsert`.
 * Values are numbers or null (a bad sample without value: counted in `c`, not in min/max/avg).
 */
export class RollupBuilder {
  private readonly p = new Float64Array(LEVELS.length).fill(NaN)
  private readonly mn = new Float64Array(LEVELS.length)
  private readonly mx = new Float64Array(LEVELS.length)
  private readonly sm = new Float64Array(LEVELS.length)
  private readonly nv = new Float64Array(LEVELS.length)
  private readonly c = new Float64Array(LEVELS.length)
  private readonly fts = new Float64Array(LEVELS.length)
  private readonly lts = new Float64Array(LEVELS.length)
  private readonly fv: (number | null)[] = LEVELS.map(() => null)
  private readonly lv: (number | null)[] = LEVELS.map(() => null)
  private tag = 0

  constructor(private readonly upsert: Database.Statement) {}

  begin(tag: number): void {
    this.tag = tag
    this.p.fill(NaN)
  }

  add(ts: number, v: number | null): void {
    for (let l = 0; l < LEVELS.length; l++) {
      const P = LEVELS[l]!
      const p = ts - (((ts % P) + P) % P)
      if (p !== this.p[l]) {
        if (!Number.isNaN(this.p[l]!)) this.write(l)
        this.p[l] = p
        this.mn[l] = Infinity
        this.mx[l] = -Infinity
        this.sm[l] = 0
        this.nv[l] = 0
        this.c[l] = 0
        this.fts[l] = ts
        this.fv[l] = v
        this.lts[l] = ts
        this.lv[l] = v
      }
      this.c[l]!++
      if (ts < this.fts[l]!) {
        this.fts[l] = ts
        this.fv[l] = v
      }
      if (ts >= this.lts[l]!) {
        this.lts[l] = ts
        this.lv[l] = v
      }
      if (v !== null) {
        if (v < this.mn[l]!) this.mn[l] = v
        if (v > this.mx[l]!) this.mx[l] = v
        this.sm[l]! += v
        this.nv[l]!++
      }
    }
  }

  /** Write the open periods of the current tag. */
  end(): void {
    for (let l = 0; l < LEVELS.length; l++) if (!Number.isNaN(this.p[l]!)) this.write(l)
    this.p.fill(NaN)
  }

  private write(l: number): void {
    const nv = this.nv[l]!
    this.upsert.run(LEVELS[l], this.tag, this.p[l], nv ? this.mn[l] : null, nv ? this.mx[l] : null, this.sm[l], nv, this.c[l], this.fts[l], this.fv[l], this.lts[l], this.lv[l])
  }
}
