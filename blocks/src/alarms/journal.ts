import type { TagScalar } from '../quality.js'
import type { AlarmKind, AlarmPriority } from './schema.js'
import { priorityRank } from './schema.js'
import type { AlarmPhase, JournalEvent } from './state.js'

/**
 * One line of the alarm journal: every transition and operator action. Self-contained (identity, area, priority
 * copied in), so the runtime can store it as one row and query by time, area, priority and tag without the APP.
 */
export interface AlarmJournalEntry {
  time: number
  /** `<tag path>:<alarm name>` */
  alarmId: string
  tag: string
  area: string
  priority: AlarmPriority
  kind: AlarmKind
  event: JournalEvent
  from: AlarmPhase
  to: AlarmPhase
  /** Not shown to operators after this event (shelved, suppressed or out of service). */
  hidden: boolean
  /** The alarm tag's value as last seen by the engine; null when bad or unknown. */
  value: TagScalar
  user?: string
  comment?: string
  /** For `shelve`: when the shelving ends at the latest. */
  until?: number
}

/**
 * A bounded FIFO of journal entries between the engine and whoever persists them. When the caller falls behind by
 * more than `capacity` entries the oldest are overwritten and counted in `dropped`.
 */
export class JournalBuffer {
  private readonly ring: (AlarmJournalEntry | undefined)[]
  private head = 0
  private count = 0
  /** Entries overwritten before they were drained, since the engine was created. */
  dropped = 0

  constructor(readonly capacity: number) {
    this.ring = new Array<AlarmJournalEntry | undefined>(capacity)
  }

  get size(): number {
    return this.count
  }

  push(e: AlarmJournalEntry): void {
    const cap = this.capacity
    this.ring[(this.head + this.count) % cap] = e
    if (this.count < cap) this.count++
    else {
      this.head = (this.head + 1) % cap
      this.dropped++
    }
  }

  /** Removes and returns up to `max` entries, oldest first. */
  drain(max = Infinity): AlarmJournalEntry[] {
    const k = Math.min(this.count, max)
    const out = new Array<AlarmJournalEntry>(k)
    for (let i = 0; i < k; i++) {
      const at = (this.head + i) % this.capacity
      out[i] = this.ring[at]!
      this.ring[at] = undefined
    }
    this.head = (this.head + k) % this.capacity
    this.count -= k
    return out
  }
}

/** A journal query: every given criterion must match. The runtime runs the same query in SQL over its store. */
export interface JournalQuery {
  /** Inclusive start time (ms). */
  from?: number
  /** Exclusive end time (ms). */
  to?: number
  /** An area or any area below it. */
  areas?: readonly string[]
  /** Priority 1..4 or diagnostic; `maxRank` instead keeps everything at least as important (1 = only priority 1). */
  priorities?: readonly AlarmPriority[]
  maxRank?: number
  /** A tag path or a folder of tags (whole segments). */
  tags?: readonly string[]
  alarmIds?: readonly string[]
  events?: readonly JournalEvent[]
  /** Leave out entries of hidden alarms (shelved, suppressed, out of service). */
  shownOnly?: boolean
}

function under(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* / */)
}

/** Whether one entry matches a journal query. */
export function matchesJournalQuery(e: AlarmJournalEntry, q: JournalQuery): boolean {
  if (q.from !== undefined && e.time < q.from) return false
  if (q.to !== undefined && e.time >= q.to) return false
  if (q.areas && !q.areas.some((a) => under(e.area, a))) return false
  if (q.priorities && !q.priorities.includes(e.priority)) return false
  if (q.maxRank !== undefined && priorityRank(e.priority) > q.maxRank) return false
  if (q.tags && !q.tags.some((t) => under(e.tag, t))) return false
  if (q.alarmIds && !q.alarmIds.includes(e.alarmId)) return false
  if (q.events && !q.events.includes(e.event)) return false
  if (q.shownOnly && e.hidden) return false
  return true
}

/** Filters in-memory entries (studio offline simulation, tests), newest first, at most `limit`. */
export function queryJournal(entries: readonly AlarmJournalEntry[], q: JournalQuery, limit = 1000): AlarmJournalEntry[] {
  const out = entries.filter((e) => matchesJournalQuery(e, q))
  out.sort((a, b) => b.time - a.time)
  return out.slice(0, Math.max(0, limit))
}
