/** Builds the journal request from the filter form: empty fields are left out, so they match everything. */
import type { AlarmPriority, QueryAlarmJournalMsg } from '@takt/blocks'

export interface JournalForm { from: number | null; to: number | null; area: string; tag: string; priority: AlarmPriority | null }

export function journalQuery(f: JournalForm, limit: number, before?: number): Omit<QueryAlarmJournalMsg, 'type' | 'id'> {
  const area = f.area.trim()
  const tag = f.tag.trim()
  return {
    limit,
    ...(f.from !== null ? { from: f.from } : {}),
    ...(f.to !== null ? { to: f.to } : {}),
    ...(area ? { area } : {}),
    ...(tag ? { tag } : {}),
    ...(f.priority !== null ? { priority: f.priority } : {}),
    ...(before !== undefined ? { before } : {}),
  }
}
