/**
 * Historian (issue 5 part 7):
 * - sustained recording of 10,000 tags changing at 1 Hz through the real path (TagDb change stream -> attach ->
 *   sampler -> bounded queue -> 1 s flush transactions -> compaction), in-process for 30 s. Reports rows written per
 *   second of the window, the process CPU over the window plus the closing flush/compaction (the feeding TagDb work
 *   included), and dropped rows.
 * - a 24-hour trend: 100 tags x 86,400 one-second samples (8.64 M rows, imported with `backfill`, which maintains the
 *   rollups like compaction does), then the 1,000-bucket query with all six aggregates; median of 7 warm runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Status, type ResolvedTag } from '@takt/blocks'
import { Historian, TagDb, attachHistorian, nullLogger } from '@takt/runtime'
import { median, report } from './util.js'

const INSERT_TAGS = 10_000
const INSERT_SECONDS = 30
const TREND_TAGS = 100
const DAY_S = 86_400
const QUERY_RUNS = 7

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Bytes this process handed to write() so far (Linux), to show the file-system load; NaN elsewhere. */
function bytesWritten(): number {
  if (!existsSync('/proc/self/io')) return NaN
  const m = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))
  return m ? Number(m[1]) : NaN
}

async function benchInserts(dir: string): Promise<void> {
  const defs = Array.from({ length: INSERT_TAGS }, (_, i) => ({
    name: `T${i}`, path: `Load/T${i}`, dataType: 'LREAL', source: { kind: 'memory', initial: 0 }, history: { enabled: true },
  }) as unknown as ResolvedTag)
  const db = new TagDb(defs)
  const h = new Historian({ dir, log: nullLogger })
  await h.open()
  const detach = attachHistorian(db, h)
  const r = rng(1)
  const value = new Float64Array(INSERT_TAGS)
  const base = h.stats().written
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const io0 = bytesWritten()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let ticks = 0
  await new Promise<void>((resolve) => {
    const feed = () => {
      const now = Date.now()
      for (let i = 0; i < INSERT_TAGS; i++) {
        value[i] = value[i]! + (r() - 0.5)
        db.set(i, value[i]!, Status.Good, now)
      }
      db.commit()
      if (++ticks >= INSERT_SECONDS) {
        clearInterval(timer)
        resolve()
      }
    }
    const timer = setInterval(feed, 1000)
  })
  // rows durable by the end of the window (the last tick's rows wait for the next flush)
  await new Promise((res) => setTimeout(res, 1100))
  const windowS = (performance.now() - t0) / 1000
  loop.disable()
  const st = h.stats()
  const written = st.written - base
  detach()
  await h.close()
  const wallS = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const mbPerS = (bytesWritten() - io0) / 1e6 / wallS
  const cpuPct = ((cpu.user + cpu.system) / 1e6 / wallS) * 100
  const offered = INSERT_TAGS * (ticks + 1)
  report('history_inserts_per_s', written / windowS, 'rows/s', `${written} of ${offered} rows durable within ${windowS.toFixed(1)} s (10,000 tags at 1 Hz); queue behind at end ${st.queued}; compacted ${st.compacted}; baseline peer fell 50 s behind at 1,000 tags/s`)
  report('history_cpu_pct', cpuPct, '%', `process CPU (feeding TagDb included) over ${wallS.toFixed(1)} s incl. close (final flush + compaction); writes ${mbPerS.toFixed(2)} MB/s; event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms; baseline peer 27% at 1,000 tags/s`)
  report('history_dropped', st.dropped, 'rows', `queue limit ${st.queueLimit}`)
}

async function benchTrend(dir: string): Promise<void> {
  const h = new Historian({ dir, log: nullLogger, batchMs: 3_600_000, compactMs: 3_600_000, retentionEveryMs: 3_600_000 })
  await h.open()
  const T0 = Date.UTC(2025, 0, 1)
  const tags = Array.from({ length: TREND_TAGS }, (_, i) => `Trend/T${i}`)
  const t = new Float64Array(DAY_S)
  for (let k = 0; k < DAY_S; k++) t[k] = T0 + k * 1000
  const v = new Array<number>(DAY_S)
  const fill0 = performance.now()
  tags.forEach((tag, i) => {
    const r = rng(100 + i)
    let x = 50
    for (let k = 0; k < DAY_S; k++) v[k] = x += r() - 0.5
    h.backfill(tag, 'LREAL', { t, v })
  })
  const fillS = (performance.now() - fill0) / 1000
  const ms: number[] = []
  let buckets = 0
  let resolution = 0
  for (let run = -1; run < QUERY_RUNS; run++) {
    const q0 = performance.now()
    const res = await h.query({ tags, from: T0, to: T0 + DAY_S * 1000, buckets: 1000 })
    const dt = performance.now() - q0
    if (res.kind !== 'buckets' || res.series.length !== TREND_TAGS) throw new Error('unexpected trend result')
    buckets = res.series[0]!.t.length
    resolution = res.resolution
    if (run >= 0) ms.push(dt)
  }
  await h.close()
  report('trend_query_24h_ms', median(ms), 'ms', `${TREND_TAGS} tags x 24 h at 1 s (${(TREND_TAGS * DAY_S / 1e6).toFixed(2)} M rows, filled in ${fillS.toFixed(0)} s) -> ${buckets} buckets, min/max/avg/first/last/count from ${resolution / 1000} s rollups; runs ${ms.map((x) => x.toFixed(0)).join(' ')}; goal <= 300 ms`)
}

export async function benchHistory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-history-'))
  try {
    await benchInserts(join(dir, 'inserts'))
    await benchTrend(join(dir, 'trend'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
