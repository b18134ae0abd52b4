import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Status, type ResolvedTag } from '@takt/blocks'
import { TagDb } from '../tags/tagdb.js'
import { Historian } from './historian.js'
import { attachHistorian } from './attach.js'
import { Compaction } from './compaction.js'
import { allocRows, KIND_NUM } from './rows.js'
import { Store, TAG_NUM } from './store.js'
import { manualClock, quietHistorian, tempDir } from './__tests__/helpers.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
function dir(): string {
  const d = tempDir()
  cleanups.push(d.cleanup)
  return d.dir
}
function memTag(name: string, history: Record<string, unknown> | undefined, dataType: ResolvedTag['dataType'] = 'REAL'): ResolvedTag {
  return { name, path: `Area/${name}`, dataType, source: { kind: 'memory' }, ...(history ? { history } : {}) } as ResolvedTag
}
function countRows(file: string, table = 'samples'): number {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  } finally {
    db.close()
  }
}

describe('Historian writer', () => {
  it('writes a flush in one transaction and reads it back', async () => {
    const { h } = quietHistorian(dir())
    cleanups.push(() => h.close())
    expect((await h.open()).ok).toBe(true)
    const a = h.track('A', { enabled: true }, 'REAL')
    const t0 = Date.UTC(2025, 0, 1)
    for (let i = 0; i < 5000; i++) h.record(a, i, 0, t0 + i)
    expect(h.stats().queued).toBe(5000)
    expect(h.flush()).toBe(5000)
    const st = h.stats()
    expect(st).toMatchObject({ flushes: 1, lastFlushRows: 5000, written: 5000, queued: 0, pendingCompaction: 5000 })
    // the ingest rows carry consecutive sequence numbers from one INSERT batch inside one transaction
    const res = await h.query({ tags: ['A'], from: t0, to: t0 + 5000 })
    expect(res.kind === 'raw' && res.series[0]!.t.length).toBe(5000)
    h.compact()
    expect(h.stats().pendingCompaction).toBe(0)
    expect(countRows(h.file)).toBe(5000)
    const again = await h.query({ tags: ['A'], from: t0, to: t0 + 5000 })
    expect(again).toEqual(res)
  })

  it('flushes on its own timer, one transaction per batch', async () => {
    const d = dir()
    const h = new Historian({ dir: d, log: { info() {}, warn() {}, error() {} }, batchMs: 20 })
    cleanups.push(() => h.close())
    await h.open()
    const a = h.track('A', { enabled: true }, 'REAL')
    for (let i = 0; i < 100; i++) h.record(a, i, 0, 1000 + i)
    for (let i = 0; i < 100 && h.stats().written < 100; i++) await new Promise((r) => setTimeout(r, 20))
    expect(h.stats()).toMatchObject({ written: 100, flushes: 1 })
  })

  it('queries stay complete while a compaction runs in steps', async () => {
    const h = new Historian({ dir: dir(), log: { info() {}, warn() {}, error() {} }, batchMs: 5, compactMs: 0, compactStepRows: 50 })
    cleanups.push(() => h.close())
    await h.open()
    const tags = Array.from({ length: 100 }, (_, i) => `T${i}`)
    const hs = tags.map((t) => h.track(t, { enabled: true }, 'REAL'))
    const t0 = Date.UTC(2025, 0, 1)
    for (let k = 0; k < 30; k++) hs.forEach((hd) => h.record(hd, k, 0, t0 + k * 1000))
    h.flush()
    let sawInflight = false
    for (let i = 0; i < 500; i++) {
      const st = h.stats()
      if (st.compacted > 0 && st.pendingCompaction > 0) sawInflight = true
      const r = await h.query({ tags, from: t0, to: t0 + 60_000 })
      if (r.kind !== 'raw') throw new Error()
      for (const s of r.series) expect(s.v).toEqual(Array.from({ length: 30 }, (_, k) => k))
      if (st.pendingCompaction === 0 && st.compacted === 3000) break
      await new Promise((res) => setTimeout(res, 1))
    }
    expect(sawInflight).toBe(true)
    expect(h.stats()).toMatchObject({ compacted: 3000, pendingCompaction: 0 })
  })

  it('a clean close flushes queue, deferred values and memory into the file', async () => {
    const d = dir()
    const clock = manualClock()
    const { h } = quietHistorian(d, { now: clock.now })
    await h.open()
    const a = h.track('A', { enabled: true, minIntervalMs: 60_000 }, 'REAL')
    const b = h.track('B', { enabled: true }, 'STRING')
    h.record(a, 1, 0, clock.t)
    h.flush()
    h.record(a, 2, 0, clock.t + 10) // deferred by the minimum interval
    h.record(b, 'x,"y"', 0, clock.t + 20)
    await h.close()
    expect(countRows(h.file)).toBe(2)
    expect(countRows(h.file, 'samples_text')).toBe(1)
    expect(countRows(h.file, 'recent')).toBe(0)
    const { h: h2 } = quietHistorian(d)
    cleanups.push(() => h2.close())
    await h2.open()
    const r = await h2.query({ tags: ['A', 'B'], from: clock.t, to: clock.t + 100 })
    expect(r.kind === 'raw' && r.series.map((s) => s.v)).toEqual([[1, 2], ['x,"y"']])
  })

  it('counts drops of a full queue (oldest first) and logs them at most once per 10 s', async () => {
    const clock = manualClock()
    const { h, log } = quietHistorian(dir(), { queueLimit: 100, now: clock.now })
    cleanups.push(() => h.close())
    await h.open()
    const a = h.track('A', { enabled: true }, 'REAL')
    for (let i = 0; i < 250; i++) h.record(a, i, 0, clock.t + i)
    clock.t += 5000
    for (let i = 250; i < 300; i++) h.record(a, i, 0, clock.t + i)
    expect(h.stats()).toMatchObject({ dropped: 200, queued: 100, accepted: 300 })
    const warns = log.lines.filter((l) => l.msg.startsWith('history queue full'))
    expect(warns).toHaveLength(1)
    expect(warns[0]!.fields).toMatchObject({ dropped: 1, total: 1 })
    clock.t += 10_000
    h.record(a, 1000, 0, clock.t)
    expect(log.lines.filter((l) => l.msg.startsWith('history queue full'))).toHaveLength(2)
    h.flush()
    const r = await h.query({ tags: ['A'], from: 0, to: clock.t + 1 })
    // the newest 100 survive
    expect(r.kind === 'raw' && r.series[0]!.v[0]).toBe(201)
  })
})

describe('Historian recovery after a crash inside a compaction run', () => {
  // The crash windows: after some tag groups of a run were moved (each group is its own transaction), and after the
  // whole run was moved but before its ingest rows were deleted. Either way the ingest table still holds rows that
  // are already history; reopening must show every sample exactly once.
  for (const groups of [1, Infinity]) {
    it(`shows every sample once when ${groups === 1 ? 'one tag group' : 'the whole run'} was moved before the crash`, async () => {
      const d = dir()
      const file = join(d, 'history.db')
      const t0 = Date.UTC(2025, 0, 1)
      const store = new Store(file)
      const ids = [store.tagId('A', TAG_NUM, t0), store.tagId('B', TAG_NUM, t0)]
      const r = allocRows(20)
      for (let i = 0; i < 20; i++) {
        r.tag[i] = ids[i % 2]!
        r.ts[i] = t0 + Math.floor(i / 2) * 1000
        r.kind[i] = KIND_NUM
        r.num[i] = Math.floor(i / 2)
      }
      r.n = 20
      const seqLast = store.appendRecent(r)
      const run = new Compaction([{ ...r, seqLast }])
      for (let g = 0; g < groups && !run.done; g++) run.step(store, 1)
      store.close()

      const { h } = quietHistorian(d)
      cleanups.push(() => h.close())
      await h.open()
      expect(h.stats().pendingCompaction).toBe(0)
      const raw = await h.query({ tags: ['A', 'B'], from: t0, to: t0 + 60_000 })
      if (raw.kind !== 'raw') throw new Error('raw expected')
      for (const s of raw.series) expect(s.v).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
      const agg = await h.query({ tags: ['A'], from: t0, to: t0 + 60_000, buckets: 1, agg: ['count', 'avg'] })
      if (agg.kind !== 'buckets') throw new Error('buckets expected')
      expect({ count: agg.series[0]!.count, avg: agg.series[0]!.avg }).toEqual({ count: [10], avg: [4.5] })
      expect(countRows(file)).toBe(20)
      expect(countRows(file, 'recent')).toBe(0)
    })
  }
})

describe('Historian faults never reach live data', () => {
  it('a folder path that is a file: E_HISTORY_UNWRITABLE, record keeps counting, tag database unaffected', async () => {
    // Tests run as root, where chmod does not stop writes; a regular file in place of the folder fails for anyone.
    const d = dir()
    const notDir = join(d, 'file')
    writeFileSync(notDir, 'x')
    const { h, log } = quietHistorian(notDir, { queueLimit: 10 })
    cleanups.push(() => h.close())
    const health = await h.open()
    expect(health).toMatchObject({ ok: false, state: 'faulted', code: 'E_HISTORY_UNWRITABLE' })
    expect(log.lines.some((l) => l.level === 'error' && l.fields?.code === 'E_HISTORY_UNWRITABLE')).toBe(true)
    const db = new TagDb([memTag('L', { enabled: true })])
    attachHistorian(db, h)
    for (let i = 0; i < 20; i++) {
      expect(db.set(0, i + 1, Status.Good, 1000 + i)).toBe(true)
      db.commit()
    }
    expect(db.get('Area/L')!.value).toBe(20)
    expect(h.stats()).toMatchObject({ state: 'faulted', queued: 10, dropped: 11, written: 0 })
    await expect(h.query({ tags: ['Area/L'], from: 0, to: 1 })).rejects.toMatchObject({ code: 'E_HISTORY_UNAVAILABLE' })
  })

  it('disk full (SQLITE_FULL via max_page_count): E_HISTORY_DISK_FULL, stops writing, keeps counting, still answers queries', async () => {
    const d = dir()
    const clock = manualClock()
    const { h } = quietHistorian(d, { maxPageCount: 40, now: clock.now, retryMs: 1000 })
    cleanups.push(() => h.close())
    expect((await h.open()).ok).toBe(true)
    const a = h.track('A', { enabled: true }, 'STRING')
    let i = 0
    for (let round = 0; round < 50 && h.health().ok; round++) {
      for (let k = 0; k < 100; k++, i++) h.record(a, `value ${i} `.padEnd(200, '.'), 0, clock.t + i)
      h.flush()
    }
    expect(h.health()).toMatchObject({ ok: false, code: 'E_HISTORY_DISK_FULL' })
    const written = h.stats().written
    h.record(a, 'more', 0, clock.t + i + 1)
    expect(h.flush()).toBe(0)
    expect(h.stats().written).toBe(written)
    // queries still answer from what is there
    const r = await h.query({ tags: ['A'], from: clock.t, to: clock.t + i + 10 })
    expect(r.kind === 'raw' && r.series[0]!.t.length).toBe(written)
  })

  it('a damaged file: E_HISTORY_CORRUPT', async () => {
    const d = dir()
    writeFileSync(join(d, 'history.db'), Buffer.alloc(8192, 7))
    const { h } = quietHistorian(d)
    cleanups.push(() => h.close())
    expect(await h.open()).toMatchObject({ ok: false, code: 'E_HISTORY_CORRUPT' })
    h.record(h.track('A', { enabled: true }, 'REAL'), 1, 0, 1)
    expect(h.stats().queued).toBe(1)
  })

  it('a file from a newer version: E_HISTORY_VERSION', async () => {
    const d = dir()
    const { h } = quietHistorian(d)
    await h.open()
    await h.close()
    const db = new Database(h.file)
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run()
    db.close()
    const { h: h2 } = quietHistorian(d)
    cleanups.push(() => h2.close())
    expect(await h2.open()).toMatchObject({ ok: false, code: 'E_HISTORY_VERSION' })
  })
})

describe('attachHistorian', () => {
  it('tracks only history-enabled tags and records their changes', async () => {
    const { h } = quietHistorian(dir())
    cleanups.push(() => h.close())
    await h.open()
    const t = Date.UTC(2025, 0, 1)
    const defs = [memTag('A', { enabled: true, deadband: 0.5 }), memTag('B', undefined), memTag('C', { enabled: false }), memTag('S', { enabled: true }, 'STRING'), memTag('X', { enabled: true }, 'BOOL')]
    const db = new TagDb(defs, () => t - 10)
    const detach = attachHistorian(db, h)
    expect(h.stats().tracked).toBe(3)
    const steps: [number, number | string | boolean][] = [[0, 1], [0, 1.2], [0, 2], [1, 5], [2, 5], [3, 'on'], [4, true]]
    steps.forEach(([id, v], i) => {
      db.set(id, v, Status.Good, t + i)
      db.commit()
    })
    detach()
    db.set(0, 10, Status.Good, t + 100)
    db.commit()
    h.flush()
    const r = await h.query({ tags: ['Area/A', 'Area/B', 'Area/S', 'Area/X'], from: 0, to: t + 1000 })
    expect(r.kind === 'raw' && r.series.map((s) => s.v)).toEqual([[0, 1, 2], [], ['', 'on'], [0, 1]])
  })

  it('a redeploy re-attaches under the same handles; tags that left stop recording (no heartbeats)', async () => {
    const clock = manualClock()
    const { h } = quietHistorian(dir(), { now: clock.now })
    cleanups.push(() => h.close())
    await h.open()
    const t = clock.t
    const db1 = new TagDb([memTag('A', { enabled: true }), memTag('Gone', { enabled: true, maxIntervalMs: 1000 })], () => t)
    const detach1 = attachHistorian(db1, h)
    expect(h.stats().tracked).toBe(2)
    detach1()
    const db2 = new TagDb([memTag('A', { enabled: true, deadband: 100 })], () => t + 1)
    attachHistorian(db2, h)
    expect(h.stats().tracked).toBe(1)
    clock.t += 5000
    db2.set(0, 50, Status.Good, clock.t) // inside the new deadband
    db2.commit()
    h.flush()
    const r = await h.query({ tags: ['Area/A', 'Area/Gone'], from: t, to: clock.t + 1 })
    expect(r.kind === 'raw' && r.series.map((s) => s.t)).toEqual([[t], [t]])
  })
})
