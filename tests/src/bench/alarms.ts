/**
 * Alarm evaluation: 10,000 alarm definitions (analog limits with deadband, some with on-delay; deviation against a
 * constant or a setpoint tag; discrete) on 10,000 tags. Each scan changes about 10% of the tags (random walk for
 * analog values, occasional flips for discrete ones), marks them changed and times one `evaluate`. Journal draining
 * happens outside the timed region: it is the host's work.
 */
import { Status, createAlarmEngine, type AlarmBinding, type AlarmDef, type TagScalar } from '@takt/blocks'
import { median, report } from './util.js'

const TAGS = 10_000
const CHANGE_SHARE = 0.1
const SCANS_PER_RUN = 300
const RUNS = 7
const WARMUP_RUNS = 2
const SCAN_MS = 100

/** Deterministic PRNG (mulberry32), so every run benchmarks the same plant. */
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

const LIMITS: AlarmDef[] = [
  { kind: 'hi', name: 'HI', priority: 2, limit: 90, deadband: 1 },
  { kind: 'lo', name: 'LO', priority: 3, limit: 10, deadband: 1 },
  { kind: 'hihi', name: 'HIHI', priority: 1, limit: 95, deadband: 1, onDelayMs: 500 },
  { kind: 'lolo', name: 'LOLO', priority: 1, limit: 5, deadband: 1, onDelayMs: 500, latched: true },
]

function plant(): { bindings: AlarmBinding[]; paths: string[]; discrete: Uint8Array } {
  const paths: string[] = []
  const bindings: AlarmBinding[] = []
  const discrete = new Uint8Array(TAGS)
  for (let i = 0; i < TAGS; i++) {
    const path = `Area${i % 20}/Unit${Math.floor(i / 20)}/V${i}`
    paths.push(path)
    const k = i % 10
    let def: AlarmDef
    if (k < 6) def = LIMITS[k % 4]!
    else if (k === 6) def = { kind: 'deviation', name: 'DEV', priority: 3, setpoint: 50, high: 30, low: 30, deadband: 1 }
    else if (k === 7) def = { kind: 'deviation', name: 'DEV', priority: 3, setpoint: '', high: 25, deadband: 1, offDelayMs: 1000 }
    else {
      def = { kind: 'discrete', name: 'TRIP', priority: k === 8 ? 2 : 'diagnostic' }
      discrete[i] = 1
    }
    bindings.push({ tag: path, tagIndex: i, def })
  }
  // Setpoint tags point at a neighbouring analog tag (the previous one, a limit-alarm tag).
  for (const b of bindings) if (b.def.kind === 'deviation' && b.def.setpoint === '') b.def = { ...b.def, setpoint: paths[b.tagIndex - 1]! }
  return { bindings, paths, discrete }
}

export async function benchAlarms(): Promise<void> {
  const { bindings, paths, discrete } = plant()
  const index = new Map(paths.map((p, i) => [p, i]))
  const r = createAlarmEngine(bindings, { resolveTag: (p) => index.get(p), journalCapacity: 1 << 16 })
  if (!r.ok) throw new Error(`alarm engine: ${r.diagnostics.map((d) => d.message).join('; ')}`)
  const engine = r.engine
  const rand = rng(18_2)
  const values: TagScalar[] = paths.map((_, i) => (discrete[i] ? false : 20 + rand() * 60))
  const status = new Uint32Array(TAGS).fill(Status.Good)
  const getValue = (i: number): TagScalar => values[i]!
  const getStatus = (i: number): number => status[i]!
  const perScan = Math.round(TAGS * CHANGE_SHARE)
  let now = 0
  let journal = 0
  engine.evaluate(now, getValue, getStatus)
  engine.drainJournal()

  const scan = (): number => {
    for (let c = 0; c < perScan; c++) {
      const i = Math.floor(rand() * TAGS)
      if (discrete[i]) values[i] = rand() < 0.05 ? !values[i] : values[i]!
      else {
        // Mean-reverting walk around 50: most tags sit in the normal band, a few percent wander past the limits.
        const v = values[i] as number
        values[i] = Math.min(100, Math.max(0, v + (rand() - 0.5) * 12 + (50 - v) * 0.02))
      }
      engine.markChanged(i)
    }
    now += SCAN_MS
    const t0 = performance.now()
    engine.evaluate(now, getValue, getStatus)
    const us = (performance.now() - t0) * 1000
    journal += engine.drainJournal().length
    engine.drainChanged()
    return us
  }

  const runs: number[] = []
  for (let run = -WARMUP_RUNS; run < RUNS; run++) {
    let total = 0
    for (let s = 0; s < SCANS_PER_RUN; s++) total += scan()
    if (run >= 0) runs.push(total / SCANS_PER_RUN)
  }
  const scans = (RUNS + WARMUP_RUNS) * SCANS_PER_RUN
  const active = engine.query.counts().active
  report('alarm_eval_10k_us', median(runs), 'us',
    `${engine.size} alarms, ${perScan} tag changes/scan, ${(journal / scans).toFixed(1)} journal entries/scan, ${active} active at end`)
}
