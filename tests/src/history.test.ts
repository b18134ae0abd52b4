/**
 * The historian in the running runtime: the demo's recorded tags land in SQLite and come back over the wire,
 * raw and aggregated, and as CSV; a runtime whose history folder is unusable keeps serving live data.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qualityOf } from '@takt/blocks'
import { startStack, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

describe('history', () => {
  let stack: Stack
  let op: TestClient
  beforeAll(async () => {
    stack = await startStack()
    op = await TestClient.connect(stack.url)
    await op.login('operator', USERS.operator)
  })
  afterAll(async () => {
    op?.close()
    await stack?.stop()
  })

  it('records the demo tags and answers raw, bucketed and CSV queries', async () => {
    const from = Date.now() - 1000
    // The level transmitter is noisy, so samples accumulate; the historian flushes once a second.
    let raw: { t: number[]; v: unknown[] } | undefined
    for (let i = 0; i < 40 && !(raw && raw.t.length >= 3); i++) {
      const r = await op.request({ type: 'queryHistory', query: { tags: ['Tank1/Level', 'Tank1/LevelSP'], from, to: Date.now() + 1 } })
      if (r.type !== 'history' || r.result.kind !== 'raw') throw new Error(JSON.stringify(r))
      raw = r.result.series[0]
      if (!(raw && raw.t.length >= 3)) await new Promise((res) => setTimeout(res, 500))
    }
    expect(raw!.t.length).toBeGreaterThanOrEqual(3)
    expect(raw!.v.every((v) => typeof v === 'number' && v > 0 && v < 5)).toBe(true)
    const b = await op.request({ type: 'queryHistory', query: { tags: ['Tank1/Level'], from, to: Date.now(), buckets: 10, agg: ['min', 'max', 'avg'] } })
    if (b.type !== 'history' || b.result.kind !== 'buckets') throw new Error(JSON.stringify(b))
    const s = b.result.series[0]!
    const i = s.avg!.findIndex((x) => x !== null)
    expect(i).toBeGreaterThanOrEqual(0)
    expect(s.min![i]!).toBeLessThanOrEqual(s.avg![i]!)
    expect(s.avg![i]!).toBeLessThanOrEqual(s.max![i]!)
    const csv = await op.request({ type: 'queryHistory', query: { tags: ['Tank1/Level'], from, to: Date.now() }, format: 'csv' })
    expect(csv.type === 'historyCsv' && csv.csv.split('\n')[0]).toMatch(/time/i)
    expect(await op.request({ type: 'queryHistory', query: { tags: ['Tank1/Level'], from: 'yesterday', to: 1 } })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(stack.runtime.health().history).toMatchObject({ ok: true, state: 'running', dropped: 0 })
  })
})

describe('history fault', () => {
  it('reports an unusable history folder and keeps serving live values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takt-hfault-'))
    // The data folder's apps/<id> path runs through a FILE: the history folder cannot be created (root ignores chmod).
    await writeFile(join(dir, 'apps'), 'not a folder')
    const stack = await startStack({ dataDir: dir })
    try {
      const c = await TestClient.connect(stack.url)
      await c.login('operator', USERS.operator)
      await c.subscribe('s', ['Tank1/Level'])
      await c.until(() => qualityOf(c.value('Tank1/Level')?.status ?? 0x80000000) === 'good', 15_000, 'live level')
      const h = stack.runtime.health().history
      expect(h.ok).toBe(false)
      expect(h).toMatchObject({ state: 'faulted', code: 'E_HISTORY_UNWRITABLE' })
      expect(await c.request({ type: 'queryHistory', query: { tags: ['Tank1/Level'], from: 0, to: Date.now() } })).toMatchObject({ type: 'error', code: expect.stringMatching(/^E_HISTORY_/) })
      c.close()
    } finally {
      await stack.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
