/**
 * The alarm journal in SQLite: every transition and operator action, append-only (triggers refuse UPDATE/DELETE
 * except the retention sweep, which runs with the triggers' guard flag), queryable by time, area, priority and tag.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AlarmJournalEntry, AlarmPriority, KpiRecord } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import { SqlFilter } from '../sql/filter.js'

export interface JournalRow extends AlarmJournalEntry { id: number; message?: string }
export interface JournalFilter { from?: number; to?: number; area?: string; priority?: AlarmPriority; tag?: string; alarmId?: string; event?: string; limit?: number; before?: number }

const SCHEMA = `
CREATE TABLE IF NOT EXISTS journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, alarm TEXT NOT NULL, tag TEXT NOT NULL, area TEXT NOT NULL,
  priority TEXT NOT NULL, kind TEXT NOT NULL, event TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, hidden INTEGER NOT NULL,
  value TEXT, user TEXT, comment TEXT, until INTEGER, message TEXT);
CREATE INDEX IF NOT EXISTS journal_time ON journal(time);
CREATE INDEX IF NOT EXISTS journal_tag_time ON journal(tag, time);
CREATE INDEX IF NOT EXISTS journal_area_time ON journal(area, time);
CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the alarm journal is append-only'); END;
`

export class AlarmJournalDb {
  private readonly db: Database.Database | null
  private readonly insertMany: ((rows: (AlarmJournalEntry & { message?: string })[]) => void) | null
  failures = 0

  constructor(dir: string | null, private readonly log: Logger) {
    let db: Database.Database | null = null
    if (dir !== null) {
      try {
        mkdirSync(dir, { recursive: true })
        db = new Database(join(dir, 'alarms.db'))
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = NORMAL')
        db.exec(SCHEMA)
      } catch (e) {
        log.error('alarm journal unavailable', { dir, error: (e as Error).message, code: 'E_ALARM_JOURNAL' })
        db?.close()
        db = null
      }
    }
    this.db = db
    if (db) {
      const ins = db.prepare('INSERT INTO journal (time, alarm, tag, area, priority, kind, event, src, dst, hidden, value, user, comment, until, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)')
      this.insertMany = db.transaction((rows: (AlarmJournalEntry & { message?: string })[]) => {
        for (const r of rows) ins.run(r.time, r.alarmId, r.tag, r.area, String(r.priority), r.kind, r.event, r.from, r.to, r.hidden ? 1 : 0, r.value === null ? null : JSON.stringify(r.value), r.user ?? null, r.comment ?? null, r.until ?? null, r.message ?? null)
      })
    } else this.insertMany = null
  }

  get available(): boolean {
    return this.db !== null
  }

  append(rows: (AlarmJournalEntry & { message?: string })[]): void {
    if (rows.length === 0) return
    if (!this.insertMany) {
      this.failures += rows.length
      return
    }
    try {
      this.insertMany(rows)
    } catch (e) {
      this.failures += rows.length
      this.log.error('alarm journal write failed', { rows: rows.length, error: (e as Error).message })
    }
  }

  /** Newest first, at most 5,000 rows. */
  query(f: JournalFilter = {}): JournalRow[] {
    if (!this.db) return []
    const q = new SqlFilter()
      .add('time >= ?', f.from).add('time <= ?', f.to).add('tag = ?', f.tag).add('alarm = ?', f.alarmId)
      .add('event = ?', f.event).add('priority = ?', f.priority === undefined ? undefined : String(f.priority))
      .add('id < ?', f.before)
      // An area matches itself and every area below it; LIKE wildcards in the name are dropped.
      .add('(area = ? OR area LIKE ?)', f.area, f.area === undefined ? undefined : `${f.area.replace(/[%_]/g, '')}/%`)
    const limit = Math.max(1, Math.min(5000, f.limit ?? 500))
    const rows = this.db.prepare(`SELECT * FROM journal ${q.where} ORDER BY id DESC LIMIT ${limit}`).all(...q.args) as Record<string, unknown>[]
    return rows.map((r) => ({
      id: r.id as number, time: r.time as number, alarmId: r.alarm as string, tag: r.tag as string, area: r.area as string,
      priority: (r.priority === 'diagnostic' ? 'diagnostic' : Number(r.priority)) as AlarmPriority, kind: r.kind as AlarmJournalEntry['kind'],
      event: r.event as AlarmJournalEntry['event'], from: r.src as AlarmJournalEntry['from'], to: r.dst as AlarmJournalEntry['to'], hidden: r.hidden === 1,
      value: r.value === null ? null : (JSON.parse(r.value as string) as AlarmJournalEntry['value']),
      ...(r.user !== null ? { user: r.user as string } : {}), ...(r.comment !== null ? { comment: r.comment as string } : {}),
      ...(r.until !== null ? { until: r.until as number } : {}), ...(r.message !== null ? { message: r.message as string } : {}),
    }))
  }

  /** Records for the KPI functions over a time span (bounded to 200,000 rows). */
  kpiRecords(from: number, to: number): KpiRecord[] {
    if (!this.db) return []
    const rows = this.db.prepare('SELECT time, alarm, tag, area, priority, event, user, hidden FROM journal WHERE time >= ? AND time <= ? ORDER BY time LIMIT 200000').all(from, to) as Record<string, unknown>[]
    return rows.map((r) => ({
      time: r.time as number, alarmId: r.alarm as string, tag: r.tag as string, area: r.area as string,
      priority: (r.priority === 'diagnostic' ? 'diagnostic' : Number(r.priority)) as AlarmPriority, event: r.event as string,
      ...(r.user !== null ? { user: r.user as string } : {}), hidden: r.hidden === 1,
    }))
  }

  close(): void {
    this.db?.close()
  }
}
