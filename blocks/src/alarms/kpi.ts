/**
 * Alarm-system KPIs after ISA-18.2 / EEMUA 191, computed from journal records. Pure functions over plain arrays;
 * records need not be sorted. An "annunciation" is an `activate` record that was shown to operators (not hidden by
 * shelving, suppression or out of service); chattering also counts hidden activations, because a chattering alarm
 * needs fixing even while it is shelved.
 */
import type { AlarmPriority } from './schema.js'

/** The journal fields the KPIs use (AlarmJournalEntry has them all). */
export interface KpiRecord {
  time: number
  alarmId: string
  tag: string
  area: string
  priority: AlarmPriority
  event: string
  user?: string
  hidden?: boolean
}

export const TEN_MINUTES = 600_000
export const ONE_MINUTE = 60_000
export const ONE_DAY = 86_400_000

export interface RateWindow {
  start: number
  count: number
  perOperator: number
}

export interface AnnunciationRate {
  windowMs: number
  operators: number
  total: number
  /** Average annunciations per operator per window. */
  average: number
  /** Highest count per operator in one window. */
  peak: number
  windows: RateWindow[]
}

export interface Flood {
  start: number
  end: number
  /** Annunciations during the flood. */
  count: number
  /** The alarms that contributed most, highest first (up to 5). */
  top: { alarmId: string; count: number }[]
}

export interface FloodReport {
  floods: Flood[]
  /** Share of the analysed time spent in floods, 0..1. */
  timeInFlood: number
}

export interface ChatteringAlarm {
  alarmId: string
  tag: string
  area: string
  priority: AlarmPriority
  /** All activations in the records. */
  activations: number
  /** Most activations inside one window. */
  maxInWindow: number
  /** When the threshold was first reached. */
  firstAt: number
}

export interface StaleAlarm {
  alarmId: string
  tag: string
  area: string
  priority: AlarmPriority
  since: number
  ageMs: number
}

export interface FrequentAlarm {
  alarmId: string
  tag: string
  area: string
  priority: AlarmPriority
  count: number
  /** Share of all annunciations, 0..1. */
  share: number
}

export interface Span {
  /** Start of the analysed period (default: the first record's window). */
  from?: number
  /** End of the analysed period, exclusive (default: just after the last record). */
  to?: number
}

function isAnnunciation(r: KpiRecord): boolean {
  return r.event === 'activate' && r.hidden !== true
}

function byTime(records: readonly KpiRecord[]): readonly KpiRecord[] {
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.time < records[i - 1]!.time) return [...records].sort((a, b) => a.time - b.time)
  }
  return records
}

/** Fixed windows aligned to multiples of `windowMs` (clock-aligned 10-minute intervals, as EEMUA counts them). */
function windows(times: readonly number[], windowMs: number, span: Span): { start: number; counts: number[] } {
  // Loops, not Math.min(...times): a month of journal can exceed the engine's argument limit.
  let lo = Infinity
  let hi = -Infinity
  for (const t of times) {
    if (t < lo) lo = t
    if (t > hi) hi = t
  }
  const first = span.from ?? (times.length > 0 ? lo : 0)
  const last = span.to ?? (times.length > 0 ? hi + 1 : first)
  const start = Math.floor(first / windowMs) * windowMs
  const n = Math.max(1, Math.ceil((last - start) / windowMs))
  const counts = new Array<number>(n).fill(0)
  for (const t of times) {
    const w = Math.floor((t - start) / windowMs)
    if (w >= 0 && w < n && t < last) counts[w]!++
  }
  return { start, counts }
}

/**
 * Annunciations per operator per window (default 10 min). ISA-18.2 finds about 1 per 10 min very likely
 * acceptable and 2 manageable for a steady state.
 */
export function annunciationRate(records: readonly KpiRecord[], opts: Span & { operators?: number; windowMs?: number } = {}): AnnunciationRate {
  const windowMs = opts.windowMs ?? TEN_MINUTES
  const operators = Math.max(1, opts.operators ?? 1)
  const times = records.filter(isAnnunciation).map((r) => r.time)
  const { start, counts } = windows(times, windowMs, opts)
  const total = counts.reduce((a, b) => a + b, 0)
  return {
    windowMs, operators, total,
    average: total / counts.length / operators,
    peak: counts.reduce((a, b) => Math.max(a, b), 0) / operators,
    windows: counts.map((count, w) => ({ start: start + w * windowMs, count, perOperator: count / operators })),
  }
}

/** Floods: windows with more than `threshold` annunciations (default > 10 in 10 min); adjacent windows merge. */
export function alarmFloods(records: readonly KpiRecord[], opts: Span & { windowMs?: number; threshold?: number } = {}): FloodReport {
  const windowMs = opts.windowMs ?? TEN_MINUTES
  const threshold = opts.threshold ?? 10
  const ann = byTime(records).filter(isAnnunciation)
  const { start, counts } = windows(ann.map((r) => r.time), windowMs, opts)
  const out: Flood[] = []
  let floodWindows = 0
  for (let w = 0; w < counts.length; w++) {
    if (counts[w]! <= threshold) continue
    floodWindows++
    const s = start + w * windowMs
    const prev = out[out.length - 1]
    if (prev && prev.end === s) prev.end = s + windowMs
    else out.push({ start: s, end: s + windowMs, count: 0, top: [] })
  }
  for (const f of out) {
    const inside = ann.filter((r) => r.time >= f.start && r.time < f.end)
    f.count = inside.length
    f.top = rank(inside).slice(0, 5).map(({ alarmId, count }) => ({ alarmId, count }))
  }
  return { floods: out, timeInFlood: floodWindows / counts.length }
}

/** Chattering alarms: at least `minActivations` (default 3) activations of one alarm within `windowMs` (default 1 min). */
export function chatteringAlarms(records: readonly KpiRecord[], opts: { windowMs?: number; minActivations?: number } = {}): ChatteringAlarm[] {
  const windowMs = opts.windowMs ?? ONE_MINUTE
  const min = opts.minActivations ?? 3
  const per = new Map<string, KpiRecord[]>()
  for (const r of byTime(records)) {
    if (r.event !== 'activate') continue
    const list = per.get(r.alarmId)
    if (list) list.push(r)
    else per.set(r.alarmId, [r])
  }
  const out: ChatteringAlarm[] = []
  for (const [alarmId, acts] of per) {
    let best = 0
    let firstAt = NaN
    // Two pointers: acts[lo..hi] all lie within one window ending at acts[hi].
    for (let lo = 0, hi = 0; hi < acts.length; hi++) {
      while (acts[hi]!.time - acts[lo]!.time >= windowMs) lo++
      const k = hi - lo + 1
      if (k > best) best = k
      if (k >= min && firstAt !== firstAt) firstAt = acts[hi]!.time
    }
    if (best >= min) {
      const r = acts[0]!
      out.push({ alarmId, tag: r.tag, area: r.area, priority: r.priority, activations: acts.length, maxInWindow: best, firstAt })
    }
  }
  return out.sort((a, b) => b.maxInWindow - a.maxInWindow || b.activations - a.activations || cmp(a.alarmId, b.alarmId))
}

/**
 * Stale (standing) alarms: annunciated and not returned to normal for longer than `thresholdMs` (default 24 h)
 * at `now`. Shelving, suppression and out of service end standing; a later re-annunciation starts it again.
 * Only as good as the records: pass enough history to include the activation.
 */
export function staleAlarms(records: readonly KpiRecord[], now: number, opts: { thresholdMs?: number } = {}): StaleAlarm[] {
  const thresholdMs = opts.thresholdMs ?? ONE_DAY
  const standing = new Map<string, KpiRecord>()
  for (const r of byTime(records)) {
    if (r.time > now) break
    if (isAnnunciation(r)) {
      if (!standing.has(r.alarmId)) standing.set(r.alarmId, r)
    } else if (r.event === 'return' || r.event === 'shelve' || r.event === 'suppress' || r.event === 'outOfService') {
      standing.delete(r.alarmId)
    }
  }
  const out: StaleAlarm[] = []
  for (const r of standing.values()) {
    const ageMs = now - r.time
    if (ageMs > thresholdMs) out.push({ alarmId: r.alarmId, tag: r.tag, area: r.area, priority: r.priority, since: r.time, ageMs })
  }
  return out.sort((a, b) => b.ageMs - a.ageMs || cmp(a.alarmId, b.alarmId))
}

/** The most frequent alarms by annunciations (default top 10): usually a few bad actors cause most of the load. */
export function topFrequentAlarms(records: readonly KpiRecord[], n = 10): FrequentAlarm[] {
  const ann = records.filter(isAnnunciation)
  return rank(ann).slice(0, Math.max(0, n)).map((x) => ({ ...x, share: ann.length ? x.count / ann.length : 0 }))
}

/** Annunciations per priority: ISA-18.2 suggests roughly 80% low, 15% medium, 5% high. */
export function priorityDistribution(records: readonly KpiRecord[]): Record<'1' | '2' | '3' | '4' | 'diagnostic', number> {
  const out = { '1': 0, '2': 0, '3': 0, '4': 0, diagnostic: 0 }
  for (const r of records) if (isAnnunciation(r)) out[r.priority === 'diagnostic' ? 'diagnostic' : (`${r.priority}` as '1' | '2' | '3' | '4')]++
  return out
}

export interface AlarmKpis {
  rate: AnnunciationRate
  floods: FloodReport
  chattering: ChatteringAlarm[]
  stale: StaleAlarm[]
  top: FrequentAlarm[]
  priorities: ReturnType<typeof priorityDistribution>
}

/** Everything the alarm KPI screen shows, for one period. */
export function alarmKpis(records: readonly KpiRecord[], opts: Span & { now: number; operators?: number }): AlarmKpis {
  const sorted = byTime(records)
  return {
    rate: annunciationRate(sorted, opts),
    floods: alarmFloods(sorted, opts),
    chattering: chatteringAlarms(sorted),
    stale: staleAlarms(sorted, opts.now),
    top: topFrequentAlarms(sorted),
    priorities: priorityDistribution(sorted),
  }
}

function rank(records: readonly KpiRecord[]): Omit<FrequentAlarm, 'share'>[] {
  const m = new Map<string, Omit<FrequentAlarm, 'share'>>()
  for (const r of records) {
    const x = m.get(r.alarmId)
    if (x) x.count++
    else m.set(r.alarmId, { alarmId: r.alarmId, tag: r.tag, area: r.area, priority: r.priority, count: 1 })
  }
  return [...m.values()].sort((a, b) => b.count - a.count || cmp(a.alarmId, b.alarmId))
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
