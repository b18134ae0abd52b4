import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { Historian } from './historian.js'
import { manualClock, quietHistorian, tempDir } from './__tests__/helpers.js'

const DAY = 86_400_000
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function fill(h: Historian, tags: number, from: number, to: number, step: number): void {
  for (let i = 0; i < tags; i++) {
    const t: number[] = []
    const v: number[] = []
    for (let x = from; x < to; x += step) {
      t.push(x)
      v.push(x / step)
    }
    h.backfill(`T${i}`, 'LREAL', { t, v })
  }
}

describe('retention', () => {
  it('deletes by age, samples and whole rollup periods, keeping the rest', async () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const clock = manualClock(Date.UTC(2025, 0, 10))
    const { h, log } = quietHistorian(d.dir, { now: clock.now, retention: { maxAgeDays: 3 } })
    cleanups.push(() => h.close())
    await h.open()
    fill(h, 5, clock.t - 5 * DAY, clock.t, 60_000)
    const deleted = h.runRetention()
    expect(deleted).toBeGreaterThan(5 * 2 * 1440)
    const cutoff = clock.t - 3 * DAY
    const r = await h.query({ tags: ['T0', 'T4'], from: 0, to: clock.t + 1 })
    if (r.kind !== 'raw') throw new Error()
    for (const s of r.series) {
      expect(s.t[0]).toBe(cutoff)
      expect(s.t.length).toBe(3 * 1440)
    }
    const b = await h.query({ tags: ['T0'], from: clock.t - 6 * DAY, to: clock.t, buckets: 6 })
    expect(b.kind === 'buckets' && b.series[0]!.count!.reduce((a, x) => a + x, 0)).toBe(3 * 1440)
    expect(h.stats().retentionDeleted).toBe(deleted)
    expect(log.lines.filter((l) => l.level !== 'info')).toEqual([])
  })

  it('deletes the oldest data first until the file is under maxSizeMb, and shrinks the file', async () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const clock = manualClock(Date.UTC(2025, 0, 10))
    const { h } = quietHistorian(d.dir, { now: clock.now, retention: { maxAgeDays: 3650, maxSizeMb: 1 } })
    cleanups.push(() => h.close())
    await h.open()
    fill(h, 5, clock.t - 6 * DAY, clock.t, 30_000)
    const size = () => {
      const db = new Database(h.file, { readonly: true })
      try {
        return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
      } finally {
        db.close()
      }
    }
    expect(size()).toBeGreaterThan(2 * 1024 * 1024)
    h.runRetention()
    expect(size()).toBeLessThanOrEqual(1024 * 1024)
    const r = await h.query({ tags: ['T0', 'T4'], from: 0, to: clock.t + 1 })
    if (r.kind !== 'raw') throw new Error()
    for (const s of r.series) {
      // what is left is the newest part, without holes
      expect(s.t.length).toBeGreaterThan(500)
      expect(s.t.at(-1)).toBe(clock.t - 30_000)
      expect(s.t.at(-1)! - s.t[0]!).toBe((s.t.length - 1) * 30_000)
    }
  })

  it('runs while the disk is full, and the writer recovers once space is free', async () => {
    const d = tempDir()
    cleanups.push(d.cleanup)
    const clock = manualClock(Date.UTC(2025, 0, 10))
    const h = new Historian({ dir: d.dir, log: { info() {}, warn() {}, error() {} }, now: clock.now, maxPageCount: 300, retention: { maxAgeDays: 1 }, batchMs: 10, retryMs: 0, compactMs: 3_600_000, retentionEveryMs: 3_600_000 })
    cleanups.push(() => h.close())
    await h.open()
    const old: number[] = []
    for (let x = clock.t - 5 * DAY; x < clock.t - 2 * DAY && old.length < 8000; x += 30_000) old.push(x)
    expect(() => h.backfill('Old', 'REAL', { t: old, v: old.map((x) => x % 1000) })).not.toThrow()
    const a = h.track('A', { enabled: true }, 'REAL')
    for (let i = 0; i < 200_000 && h.health().ok; i++) {
      h.record(a, i, 0, clock.t + i)
      if (i % 500 === 499) h.flush()
    }
    expect(h.health().code).toBe('E_HISTORY_DISK_FULL')
    expect(h.runRetention()).toBeGreaterThan(0)
    for (let i = 0; i < 200 && !h.health().ok; i++) await new Promise((r) => setTimeout(r, 10))
    expect(h.health()).toMatchObject({ ok: true, state: 'running' })
    expect(h.stats().queued).toBe(0)
  })
})
