/** Read-only views of the engine's alarms for banners, summary tables and counters. */
import type { TagScalar } from '../quality.js'
import type { AlarmKind, AlarmPriority } from './schema.js'
import { ALARM_PHASES } from './state.js'
import type { AlarmPhase, ShelveKind } from './state.js'
import { F_ACTIVE, F_OOS, F_SHELVED_ONESHOT, F_SHELVED_TIMED, F_SUPPRESSED, P_NORMAL, P_RTN_UNACK, P_UNACK } from './store.js'
import type { StateStore } from './store.js'
import type { AlarmTables } from './tables.js'

/** One alarm as a summary row or banner line shows it. */
export interface AlarmView {
  index: number
  alarmId: string
  tag: string
  name: string
  kind: AlarmKind
  area: string
  priority: AlarmPriority
  phase: AlarmPhase
  active: boolean
  /** Needs acknowledgement (unack or rtnUnack). */
  unacknowledged: boolean
  shelved: ShelveKind
  shelvedUntil: number | null
  suppressed: boolean
  outOfService: boolean
  /** Time of the last phase change. */
  since: number
  /** Time of the last change of the (delayed) condition. */
  activeSince: number
  value: TagScalar
}

/** Every given criterion must match; an absent one matches all. */
export interface AlarmFilter {
  /** An alarm matches an area or any area below it (`Area1` matches `Area1/Tank1`). */
  areas?: readonly string[]
  priorities?: readonly AlarmPriority[]
  phases?: readonly AlarmPhase[]
  /** Tag path prefix, matched on whole segments. */
  tagPrefix?: string
  active?: boolean
  unacknowledged?: boolean
  shelved?: boolean
  suppressed?: boolean
  outOfService?: boolean
}

export interface AlarmCounts {
  total: number
  /** Annunciated: not normal. */
  annunciated: number
  unacknowledged: number
  active: number
  shelved: number
  suppressed: number
  outOfService: number
  /** Annunciated alarms by priority rank: index 0 = priority 1 ... index 4 = diagnostic. */
  byPriority: [number, number, number, number, number]
}

function under(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* / */)
}

export class AlarmQueries {
  constructor(
    private readonly tb: AlarmTables,
    private readonly st: StateStore,
    private readonly valueOf: (i: number) => TagScalar,
  ) {}

  /** One alarm's view, by index or id. */
  get(ref: number | string): AlarmView | undefined {
    const i = typeof ref === 'number' ? ref : this.tb.keyIndex.get(ref)
    return i !== undefined && i >= 0 && i < this.tb.n ? this.view(i) : undefined
  }

  /** Matching alarms, most important first: priority, then newest phase change, then id. */
  list(filter: AlarmFilter = {}): AlarmView[] {
    const idx: number[] = []
    for (let i = 0; i < this.tb.n; i++) if (this.matches(i, filter)) idx.push(i)
    return this.sorted(idx).map((i) => this.view(i))
  }

  /** Annunciated alarms (not normal: active, or returned but unacknowledged or latched), most important first. */
  active(filter: AlarmFilter = {}): AlarmView[] {
    const idx: number[] = []
    for (let i = 0; i < this.tb.n; i++) if (this.st.phase[i] !== P_NORMAL && this.matches(i, filter)) idx.push(i)
    return this.sorted(idx).map((i) => this.view(i))
  }

  /** The banner: unacknowledged alarms, most important first, newest first within a priority. */
  banner(limit = 10, filter: AlarmFilter = {}): AlarmView[] {
    const idx: number[] = []
    for (let i = 0; i < this.tb.n; i++) {
      const p = this.st.phase[i]
      if ((p === P_UNACK || p === P_RTN_UNACK) && this.matches(i, filter)) idx.push(i)
    }
    return this.sorted(idx).slice(0, Math.max(0, limit)).map((i) => this.view(i))
  }

  counts(filter: AlarmFilter = {}): AlarmCounts {
    const c: AlarmCounts = { total: 0, annunciated: 0, unacknowledged: 0, active: 0, shelved: 0, suppressed: 0, outOfService: 0, byPriority: [0, 0, 0, 0, 0] }
    for (let i = 0; i < this.tb.n; i++) {
      if (!this.matches(i, filter)) continue
      const f = this.st.flags[i]!
      const p = this.st.phase[i]!
      c.total++
      if (p !== P_NORMAL) {
        c.annunciated++
        c.byPriority[this.tb.rank[i]! - 1]!++
      }
      if (p === P_UNACK || p === P_RTN_UNACK) c.unacknowledged++
      if (f & F_ACTIVE) c.active++
      if (f & (F_SHELVED_TIMED | F_SHELVED_ONESHOT)) c.shelved++
      if (f & F_SUPPRESSED) c.suppressed++
      if (f & F_OOS) c.outOfService++
    }
    return c
  }

  private sorted(idx: number[]): number[] {
    const { rank, keys } = this.tb
    const since = this.st.since
    return idx.sort((a, b) => rank[a]! - rank[b]! || since[b]! - since[a]! || (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0))
  }

  private matches(i: number, f: AlarmFilter): boolean {
    const tb = this.tb
    const flags = this.st.flags[i]!
    const p = this.st.phase[i]!
    if (f.areas && !f.areas.some((a) => under(tb.areas[i]!, a))) return false
    if (f.priorities && !f.priorities.includes(tb.priorities[i]!)) return false
    if (f.phases && !f.phases.includes(ALARM_PHASES[p]!)) return false
    if (f.tagPrefix !== undefined && !under(tb.tags[i]!, f.tagPrefix)) return false
    if (f.active !== undefined && ((flags & F_ACTIVE) !== 0) !== f.active) return false
    if (f.unacknowledged !== undefined && (p === P_UNACK || p === P_RTN_UNACK) !== f.unacknowledged) return false
    if (f.shelved !== undefined && ((flags & (F_SHELVED_TIMED | F_SHELVED_ONESHOT)) !== 0) !== f.shelved) return false
    if (f.suppressed !== undefined && ((flags & F_SUPPRESSED) !== 0) !== f.suppressed) return false
    if (f.outOfService !== undefined && ((flags & F_OOS) !== 0) !== f.outOfService) return false
    return true
  }

  private view(i: number): AlarmView {
    const tb = this.tb
    const s = this.st.get(i)
    return {
      index: i, alarmId: tb.keys[i]!, tag: tb.tags[i]!, name: tb.defs[i]!.name, kind: tb.defs[i]!.kind, area: tb.areas[i]!,
      priority: tb.priorities[i]!, phase: s.phase, active: s.active, unacknowledged: s.phase === 'unack' || s.phase === 'rtnUnack',
      shelved: s.shelved, shelvedUntil: s.shelvedUntil, suppressed: s.suppressed, outOfService: s.outOfService,
      since: s.since, activeSince: s.activeSince, value: this.valueOf(i),
    }
  }
}
