/**
 * RETAIN variables of Structured Text programs across runtime restarts: a snapshot of every program's retained
 * values in `<stateDir>/retain/retain.json`, written atomically (temporary file, then rename) every few seconds
 * when something changed and at stop, and read back when the runtime starts. A deploy carries state from the
 * running instances instead (online change), so the file is only read at a cold start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StRetainSnapshot } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { StTaskProgram } from './st.js'

interface RetainFile { format: 1; savedAt: number; programs: Record<string, StRetainSnapshot> }

/** How often retained values are saved while running. */
export const RETAIN_SAVE_MS = 5000

export class RetainStore {
  private readonly file: string | null
  private last = ''
  private failed = false

  /** `dir` null keeps nothing (tests, or a runtime without a state folder). */
  constructor(dir: string | null, private readonly log: Logger, private readonly now: () => number = Date.now) {
    this.file = dir === null ? null : join(dir, 'retain.json')
  }

  /** Restores each program from the file by program name; returns how many programs were restored. */
  restore(programs: readonly StTaskProgram[]): number {
    const saved = this.read()
    if (!saved) return 0
    let n = 0
    for (const p of programs) {
      const snap = Object.hasOwn(saved.programs, p.name) ? saved.programs[p.name] as Partial<StRetainSnapshot> : undefined
      if (!snap || typeof snap.pou !== 'string' || typeof snap.values !== 'object' || snap.values === null) continue
      if (snap.pou.toUpperCase() !== p.instance.pou.name.toUpperCase()) continue
      const r = p.instance.restoreRetain(snap as StRetainSnapshot)
      if (r.skipped.length) this.log.info('retained values not restored (variable gone or type changed)', { program: p.name, skipped: r.skipped.slice(0, 20) })
      n++
    }
    return n
  }

  /** Writes the snapshot when it differs from the last one written. Never throws; a failure is logged once. */
  save(programs: readonly StTaskProgram[]): void {
    if (this.file === null) return
    const entries: [string, StRetainSnapshot][] = []
    for (const p of programs) {
      const s = p.instance.retainSnapshot()
      if (Object.keys(s.values).length > 0) entries.push([p.name, s])
    }
    // fromEntries defines own keys, so even a program named __proto__ is kept.
    const snaps = Object.fromEntries(entries)
    const body = JSON.stringify(snaps)
    if (entries.length === 0 || body === this.last) return
    try {
      mkdirSync(join(this.file, '..'), { recursive: true })
      const tmp = `${this.file}.tmp`
      const doc: RetainFile = { format: 1, savedAt: this.now(), programs: snaps }
      writeFileSync(tmp, JSON.stringify(doc))
      renameSync(tmp, this.file)
      this.last = body
      this.failed = false
    } catch (e) {
      if (!this.failed) this.log.error('retained values not saved', { file: this.file, error: (e as Error).message })
      this.failed = true
    }
  }

  private read(): RetainFile | null {
    if (this.file === null) return null
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('retained values not restored: file unreadable', { file: this.file, error: (e as Error).message })
      return null
    }
    const doc = raw as Partial<RetainFile> | null
    if (!doc || doc.format !== 1 || typeof doc.programs !== 'object' || doc.programs === null) {
      this.log.warn('retained values not restored: unknown file format', { file: this.file })
      return null
    }
    return doc as RetainFile
  }
}
