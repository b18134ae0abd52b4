/**
 * Alarm list logic for the studio, pure and DOM-free: the live alarm set fed by `alarmList` / `alarmChanges`, the
 * banner order, summary filters and sorting, counts per priority and the most severe alarm of a piece of equipment.
 */
import { priorityRank } from '@takt/blocks'
import type { AlarmPriority, AlarmView } from '@takt/blocks'

/** Every alarm the runtime knows, by id, with its latest state. */
export type AlarmMap = Map<string, AlarmView>

/** Replaces the whole set (reply to `subscribeAlarms`). */
export function replaceAlarms(map: AlarmMap, list: readonly AlarmView[]): void {
  map.clear()
  for (const a of list) map.set(a.alarmId, a)
}

/**
 * Applies pushed changes. An alarm that changed is replaced as a whole (the runtime sends full views); returns the
 * number of entries that differ from before, so a caller can skip a redraw when nothing changed.
 */
export function applyAlarmChanges(map: AlarmMap, changes: readonly AlarmView[]): number {
  let n = 0
  for (const a of changes) {
    const old = map.get(a.alarmId)
    if (old && sameView(old, a)) continue
    map.set(a.alarmId, a)
    n++
  }
  return n
}

function sameView(a: AlarmView, b: AlarmView): boolean {
  return a.phase === b.phase && a.active === b.active && a.shelved === b.shelved && a.shelvedUntil === b.shelvedUntil &&
    a.suppressed === b.suppressed && a.outOfService === b.outOfService && a.since === b.since && a.value === b.value &&
    a.priority === b.priority && a.activeSince === b.activeSince
}

/**
 * The time an alarm row shows: while unacknowledged, when it was annunciated (its last phase change); after the
 * acknowledgement, when its condition last changed, so acknowledging does not move the alarm's time.
 */
export function alarmTime(a: AlarmView): number {
  return a.unacknowledged ? a.since : a.activeSince
}

/** Shown to operators: not normal (active, unacknowledged or latched). Hidden alarms are held at `normal`. */
export function isAnnunciated(a: AlarmView): boolean {
  return a.phase !== 'normal'
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Most important first: priority, then newest phase change, then id (the runtime's order). */
export function byImportance(a: AlarmView, b: AlarmView): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || b.since - a.since || cmpStr(a.alarmId, b.alarmId)
}

/** The banner: unacknowledged alarms, most important first, newest first within a priority. */
export function bannerAlarms(all: Iterable<AlarmView>, limit = Infinity): AlarmView[] {
  const out: AlarmView[] = []
  for (const a of all) if (a.unacknowledged) out.push(a)
  out.sort(byImportance)
  return Number.isFinite(limit) ? out.slice(0, Math.max(0, limit)) : out
}

/** The five priority slots in display order. */
export const PRIORITIES: readonly AlarmPriority[] = [1, 2, 3, 4, 'diagnostic']

export interface PriorityCount { priority: AlarmPriority; unacknowledged: number; annunciated: number }

/** Per priority: unacknowledged alarms, and all annunciated ones. */
export function countByPriority(all: Iterable<AlarmView>): PriorityCount[] {
  const out = PRIORITIES.map((priority) => ({ priority, unacknowledged: 0, annunciated: 0 }))
  for (const a of all) {
    const c = out[priorityRank(a.priority) - 1]
    if (!c) continue
    if (a.unacknowledged) c.unacknowledged++
    if (isAnnunciated(a)) c.annunciated++
  }
  return out
}

/** What the summary's state filter offers. */
export const STATE_FILTERS = ['annunciated', 'unacknowledged', 'active', 'latched', 'shelved', 'suppressed', 'outOfService', 'all'] as const
export type StateFilter = (typeof STATE_FILTERS)[number]

export interface SummaryFilter {
  /** An area and everything below it; empty: all. */
  area?: string
  priority?: AlarmPriority | null
  state?: StateFilter
  /** Any part of the alarm id (`tag:name`) or the area, case-insensitive. */
  text?: string
}

/** `path` equals `prefix` or lies below it (whole segments). */
export function under(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* / */)
}

export function matchesState(a: AlarmView, s: StateFilter): boolean {
  switch (s) {
    case 'annunciated': return isAnnunciated(a)
    case 'unacknowledged': return a.unacknowledged
    case 'active': return a.active && !a.outOfService
    case 'latched': return a.phase === 'latched'
    case 'shelved': return a.shelved !== 'none'
    case 'suppressed': return a.suppressed
    case 'outOfService': return a.outOfService
    case 'all': return true
  }
}

export function matchesFilter(a: AlarmView, f: SummaryFilter): boolean {
  if (f.area && !under(a.area, f.area)) return false
  if (f.priority !== undefined && f.priority !== null && a.priority !== f.priority) return false
  if (!matchesState(a, f.state ?? 'annunciated')) return false
  const text = f.text?.trim().toLowerCase()
  if (text && !a.alarmId.toLowerCase().includes(text) && !a.area.toLowerCase().includes(text)) return false
  return true
}

export const SORT_KEYS = ['time', 'priority', 'tag', 'area', 'state'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface SortSpec { key: SortKey; desc: boolean }

/** Sort weight of the state column: what needs the operator most comes first. */
export function stateRank(a: AlarmView): number {
  if (a.phase === 'unack') return 0
  if (a.phase === 'rtnUnack') return 1
  if (a.phase === 'latched') return 2
  if (a.phase === 'acked') return 3
  if (a.shelved !== 'none') return 4
  if (a.suppressed) return 5
  if (a.outOfService) return 6
  return 7
}

/** A comparator for a summary column; ties fall back to the importance order so the result is stable. */
export function comparator(s: SortSpec): (a: AlarmView, b: AlarmView) => number {
  const dir = s.desc ? -1 : 1
  const key = (a: AlarmView, b: AlarmView): number => {
    switch (s.key) {
      case 'time': return alarmTime(a) - alarmTime(b)
      case 'priority': return priorityRank(a.priority) - priorityRank(b.priority)
      case 'tag': return cmpStr(a.alarmId, b.alarmId)
      case 'area': return cmpStr(a.area, b.area)
      case 'state': return stateRank(a) - stateRank(b)
    }
  }
  return (a, b) => dir * key(a, b) || byImportance(a, b)
}

/** The summary rows: filtered, then sorted. */
export function summaryRows(all: Iterable<AlarmView>, f: SummaryFilter, s: SortSpec | null): AlarmView[] {
  const out: AlarmView[] = []
  for (const a of all) if (matchesFilter(a, f)) out.push(a)
  return out.sort(s ? comparator(s) : byImportance)
}

/** Areas present in the set, sorted, with their parents (`A/B` also lists `A`), for the area filter. */
export function areasOf(all: Iterable<AlarmView>): string[] {
  const set = new Set<string>()
  for (const a of all) {
    const parts = a.area.split('/')
    for (let i = 1; i <= parts.length; i++) set.add(parts.slice(0, i).join('/'))
  }
  return [...set].sort()
}

/**
 * The alarm an equipment indicator shows for a tag or tag folder: the most severe annunciated one (priority, then
 * unacknowledged before acknowledged, then newest). Undefined when all are normal.
 */
export function mostSevere(all: Iterable<AlarmView>, prefix: string): AlarmView | undefined {
  let best: AlarmView | undefined
  for (const a of all) {
    if (!isAnnunciated(a) || !under(a.tag, prefix)) continue
    if (!best || severityCmp(a, best) < 0) best = a
  }
  return best
}

function severityCmp(a: AlarmView, b: AlarmView): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || Number(b.unacknowledged) - Number(a.unacknowledged) || b.since - a.since
}

/** Which actions apply to the selection; a button is enabled when at least one selected alarm allows it. */
export interface ActionAvailability { ack: boolean; shelve: boolean; unshelve: boolean; reset: boolean; outOfService: boolean; returnToService: boolean }

export function availableActions(sel: readonly AlarmView[]): ActionAvailability {
  const any = (f: (a: AlarmView) => boolean) => sel.some(f)
  return {
    ack: any((a) => a.unacknowledged),
    shelve: any((a) => a.shelved === 'none' && !a.outOfService),
    unshelve: any((a) => a.shelved !== 'none'),
    reset: any((a) => a.phase === 'latched'),
    outOfService: any((a) => !a.outOfService),
    returnToService: any((a) => a.outOfService),
  }
}
