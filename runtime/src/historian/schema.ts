/**
 * The history file: pragmas, tables and step migrations (STYLE.md 18). Layout, and why:
 * - `recent` is the ingest table, append-only by rowid: a flush of 10,000 tags touches a few pages. Keyed by
 *   (tag, ts) instead, every flush would dirty one page per tag (measured: ~17 MB of WAL per 10,000-row flush).
 * - `samples` / `samples_text` hold history clustered by (tag, ts) (WITHOUT ROWID): a tag's time range is one
 *   index range. Rows move there from `recent` by compaction, grouped per tag, so each tag's pages are written
 *   once per compaction instead of once per flush.
 * - `rollup` holds per-period aggregates (10 s, 1 min, 10 min, 1 h) of numeric tags, maintained by compaction, so a
 *   long trend reads ~1,000-10,000 rows per tag instead of every sample.
 */
import Database from 'better-sqlite3'
import { HistoryFaultError } from './faults.js'

export const SCHEMA_VERSION = 1
/** `PRAGMA application_id` of a Takt history file ('Takt'), to refuse a foreign SQLite file. */
export const APPLICATION_ID = 0x54616b74
/** Page size of new files: SQLite's default suits the per-tag appends of compaction (measured against 8 KiB). */
export const PAGE_SIZE = 4096
/** Page cache per connection; a day of 1-minute rollups for 100 tags is ~13 MB. */
export const CACHE_KIB = 32 * 1024

type Db = Database.Database

/** Step migrations: entry i upgrades a file from version i to i + 1. Never edit a released step; append one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tags(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL, created INTEGER NOT NULL);
   CREATE TABLE recent(seq INTEGER PRIMARY KEY, tag INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL, text TEXT, status INTEGER NOT NULL);
   CREATE TABLE samples(tag INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL, status INTEGER NOT NULL, PRIMARY KEY(tag, ts)) WITHOUT ROWID;
   CREATE TABLE samples_text(tag INTEGER NOT NULL, ts INTEGER NOT NULL, value TEXT, status INTEGER NOT NULL, PRIMARY KEY(tag, ts)) WITHOUT ROWID;
   CREATE TABLE rollup(level INTEGER NOT NULL, tag INTEGER NOT NULL, p INTEGER NOT NULL, mn REAL, mx REAL, sm REAL NOT NULL,
     nv INTEGER NOT NULL, c INTEGER NOT NULL, fts INTEGER NOT NULL, fv REAL, lts INTEGER NOT NULL, lv REAL,
     PRIMARY KEY(level, tag, p)) WITHOUT ROWID;`,
]

export interface OpenOptions {
  /** Hard cap on the file in pages (SQLite `max_page_count`); tests use it to provoke SQLITE_FULL. */
  maxPageCount?: number
}

/** Open (or create) a history file, tune it and bring its schema to SCHEMA_VERSION. Throws on any fault. */
export function openHistoryDb(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file)
  try {
    // Reading the header first turns a foreign or damaged file into SQLITE_NOTADB here, not mid-write.
    const fresh = (db.pragma('page_count', { simple: true }) as number) === 0
    const appId = db.pragma('application_id', { simple: true }) as number
    if (appId !== 0 && appId !== APPLICATION_ID) throw new HistoryFaultError('E_HISTORY_CORRUPT', `${file} is not a Takt history file (application_id ${appId})`)
    if (fresh) {
      // Both only take effect before the first table exists.
      db.pragma(`page_size = ${PAGE_SIZE}`)
      db.pragma('auto_vacuum = INCREMENTAL')
    }
    db.pragma('journal_mode = WAL')
    // WAL + NORMAL: a commit survives a process crash; a power cut may lose the last commits, never consistency.
    db.pragma('synchronous = NORMAL')
    db.pragma(`cache_size = -${CACHE_KIB}`)
    db.pragma('temp_store = MEMORY')
    db.pragma('journal_size_limit = 67108864')
    if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`)
    migrate(db)
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

export function schemaVersion(db: Db): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()
  if (!has) return 0
  const v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined
  return v === undefined ? 0 : Number(v)
}

function migrate(db: Db): void {
  let v = schemaVersion(db)
  if (v > SCHEMA_VERSION) throw new HistoryFaultError('E_HISTORY_VERSION', `history file has schema ${v}; this runtime knows up to ${SCHEMA_VERSION}`)
  while (v < SCHEMA_VERSION) {
    const step = MIGRATIONS[v]!
    const next = v + 1
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID')
      db.exec(step)
      db.prepare("INSERT INTO meta(key, value) VALUES('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(next))
    })()
    v = next
  }
}
