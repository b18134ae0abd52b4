import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { quietHistorian, tempDir } from './__tests__/helpers.js'

const LOADER = fileURLToPath(new URL('./__tests__/ts-loader.mjs', import.meta.url))
const CHILD = fileURLToPath(new URL('./__tests__/crash-child.ts', import.meta.url))
const TAGS = 20
const FLUSH_EVERY = 5
const T0 = Date.UTC(2025, 0, 1)

let child: ChildProcess | undefined
let cleanup: (() => void) | undefined
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  cleanup?.()
})

/** Run the child until it has written `minRows` and compacted some, then SIGKILL it; returns its last report. */
function runAndKill(dir: string, minRows: number): Promise<{ rounds: number; flushedRounds: number; written: number }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', LOADER, CHILD, dir, String(TAGS), String(FLUSH_EVERY)], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = c
    let buf = ''
    let err = ''
    const last = { rounds: 0, flushedRounds: 0, written: 0 }
    let killed = false
    const timer = setTimeout(() => {
      c.kill('SIGKILL')
      reject(new Error(`child did not reach ${minRows} rows in time\n${buf.slice(-2000)}\n${err}`))
    }, 45_000)
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    c.stdout!.on('data', (d: Buffer) => {
      buf += d.toString()
      const lines = buf.split('\n')
      buf = lines.pop()!
      for (const line of lines) {
        const r = /^R (\d+)$/.exec(line)
        if (r) last.rounds = Number(r[1])
        const w = /^W (\d+) K (\d+) C (\d+)$/.exec(line)
        if (w) {
          last.written = Number(w[1])
          last.flushedRounds = Number(w[2])
          if (!killed && last.written >= minRows && Number(w[3]) > 0) {
            killed = true
            c.kill('SIGKILL')
          }
        }
        if (line.startsWith('E ')) err += line + '\n'
      }
    })
    c.once('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL' || !killed) reject(new Error(`child exited by itself (${signal})\n${err}`))
      else resolve(last)
    })
  })
}

describe('crash (SIGKILL) recovery', () => {
  it('keeps everything but at most the last unflushed batch, and recompaction adds nothing twice', async () => {
    const d = tempDir()
    cleanup = d.cleanup
    const last = await runAndKill(d.dir, 3000)
    const tags = Array.from({ length: TAGS }, (_, i) => `T${i}`)
    const to = T0 + (last.rounds + 10) * 1000

    const check = async (h: ReturnType<typeof quietHistorian>['h']) => {
      const raw = await h.query({ tags, from: T0, to })
      if (raw.kind !== 'raw') throw new Error('raw expected')
      const m = raw.series[0]!.v.length
      for (const s of raw.series) {
        // every tag holds the same contiguous prefix of rounds: whole batches or nothing
        expect(s.v).toEqual(Array.from({ length: m }, (_, k) => k))
        expect(s.t).toEqual(Array.from({ length: m }, (_, k) => T0 + k * 1000))
      }
      const agg = await h.query({ tags, from: T0, to, buckets: 1, agg: ['count', 'avg', 'first', 'last'] })
      if (agg.kind !== 'buckets') throw new Error('buckets expected')
      expect(agg.resolution).toBeGreaterThan(0)
      for (const s of agg.series) expect({ count: s.count, avg: s.avg, first: s.first, last: s.last }).toEqual({ count: [m], avg: [(m - 1) / 2], first: [0], last: [m - 1] })
      return m
    }

    const first = quietHistorian(d.dir)
    await first.h.open()
    const m = await check(first.h)
    expect(m).toBeGreaterThanOrEqual(last.flushedRounds)
    expect(m * TAGS).toBeGreaterThanOrEqual(last.written)
    expect(m).toBeLessThanOrEqual(last.rounds)
    expect(last.rounds - m).toBeLessThanOrEqual(FLUSH_EVERY)
    await first.h.close()

    const second = quietHistorian(d.dir)
    await second.h.open()
    expect(second.h.stats().pendingCompaction).toBe(0)
    expect(await check(second.h)).toBe(m)
    await second.h.close()
  }, 90_000)
})
