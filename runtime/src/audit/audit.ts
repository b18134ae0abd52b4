/**
 * The audit trail: every login, write, acknowledgement, deploy and user change, append-only in SQLite. SQLite
 * triggers refuse UPDATE and DELETE on the table, so even a bug in the runtime cannot rewrite history.
 * Writing never throws into the caller: a failing audit store is logged and counted (`failures`).
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../drivers/types.js'
import { SqlFilter } from '../sql/filter.js'

export interface AuditEvent {
  user: string | null
  action: string
  target?: string
  old?: unknown
  new?: unknown
  ok: boolean
  code?: string
  detail?: Record<string, unknown>
  remote?: string
}
export interface AuditEntry extends AuditEvent { id: number; ts: number }
export interface AuditQuery { from?: number; to?: number; user?: string; action?: string; target?: string; limit?: number; before?: number }

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, user TEXT, action TEXT NOT NULL, target TEXT,
  old TEXT, new TEXT, ok INTEGER NOT NULL, code TEXT, detail TEXT, remote TEXT);
CREATE INDEX IF NOT EXISTS audit_ts ON audit(ts);
CREATE INDEX IF NOT EXISTS audit_user_ts ON audit(user, ts);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`

export class AuditTrail {
  private readonly db: Database.Database | null
  private readonly insert: Database.Statement | null
  failures = 0

  constructor(dir: string | null, private readonly log: Logger, private readonly now: () => number = Date.now) {
    if (dir === null) {
      this.db = null
      this.insert = null
      return
    }
    let db: Database.Database | null = null
    try {
      mkdirSync(dir, { recursive: true })
      db = new Database(join(dir, 'audit.db'))
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      db.exec(SCHEMA)
    } catch (e) {
      log.error('audit trail unavailable', { dir, error: (e as Error).message, code: 'E_AUDIT' })
      db?.close()
      db = null
    }
    this.db = db
    this.insert = db?.prepare('INSERT INTO audit (ts, user, action, target, old, new, ok, code, detail, remote) VALUES (?,?,?,?,?,?,?,?,?,?)') ?? null
  }

  get available(): boolean {
    return this.db !== null
  }

  record(e: AuditEvent): void {
    if (!this.insert) {
      this.failures++
      return
    }
    try {
      this.insert.run(this.now(), e.user, e.action, e.target ?? null, json(e.old), json(e.new), e.ok ? 1 : 0, e.code ?? null, e.detail ? JSON.stringify(e.detail) : null, e.remote ?? null)
    } catch (err) {
      this.failures++
      this.log.error('audit write failed', { action: e.action, error: (err as Error).message })
    }
  }

  /** Newest first; `before` pages backwards by id. At most 1,000 rows per query. */
  query(q: AuditQuery = {}): AuditEntry[] {
    if (!this.db) return []
    const f = new SqlFilter()
      .add('ts >= ?', q.from).add('ts <= ?', q.to).add('user = ?', q.user).add('action = ?', q.action)
      .add('target = ?', q.target).add('id < ?', q.before)
    const limit = Math.max(1, Math.min(1000, q.limit ?? 200))
    const rows = this.db.prepare(`SELECT * FROM audit ${f.where} ORDER BY id DESC LIMIT ${limit}`).all(...f.args) as Record<string, unknown>[]
    return rows.map((r) => ({
      id: r.id as number, ts: r.ts as number, user: (r.user as string | null) ?? null, action: r.action as string, ok: r.ok === 1,
      ...(r.target !== null ? { target: r.target as string } : {}),
      ...(r.old !== null ? { old: JSON.parse(r.old as string) as unknown } : {}),
      ...(r.new !== null ? { new: JSON.parse(r.new as string) as unknown } : {}),
      ...(r.code !== null ? { code: r.code as string } : {}),
      ...(r.detail !== null ? { detail: JSON.parse(r.detail as string) as Record<string, unknown> } : {}),
      ...(r.remote !== null ? { remote: r.remote as string } : {}),
    }))
  }

  close(): void {
    this.db?.close()
  }
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v)
}
