/** Test helpers for the historian: temp folders, a manual clock, a historian without timers in the way. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryLogger } from '../../log.js'
import { Historian, type HistorianOptions } from '../historian.js'

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'takt-hist-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface ManualClock { now: () => number; t: number }

export function manualClock(t0 = Date.UTC(2025, 0, 1)): ManualClock {
  const c: ManualClock = { t: t0, now: () => c.t }
  return c
}

/** A historian whose periodic work only runs when the test calls flush/compact/runRetention (huge periods). */
export function quietHistorian(dir: string, opts: Partial<HistorianOptions> = {}) {
  const log = memoryLogger()
  const h = new Historian({ dir, log, batchMs: 3_600_000, compactMs: 3_600_000, retentionEveryMs: 3_600_000, retryMs: 3_600_000, ...opts })
  return { h, log }
}
