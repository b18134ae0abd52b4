/**
 * Named commands of the alarm and history settings of one tag (STYLE.md 11), for ordinary tags (`tags/*.json`)
 * and template members (`types/*.json`) alike. Pure: each returns the new version of the one file it touches.
 * Values are stored as given, even when invalid: the panel shows the problem in place and the draft keeps what
 * was typed (refusing would lose it); publish validation has the last word.
 */
import type { AlarmKind, LocalText } from '@takt/blocks'
import { ALARM_KINDS } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { CommandResult, ReadonlyDoc } from '../doc/command'
import { changeKind, defaultAlarm } from './defaults'
import type { DefaultCtx } from './defaults'
import { alarmsOf, setIn, updateHost, withField } from './model'
import type { AlarmDraft, AlarmHost, TagDraft } from './model'

/** A tag carries at most this many alarms (TagDef.alarms). */
export const MAX_ALARMS = 32

export const HISTORY_FIELDS = ['enabled', 'deadband', 'minIntervalMs', 'maxIntervalMs'] as const
export type HistoryField = (typeof HISTORY_FIELDS)[number]

/** Replaces the host's alarm list (an empty list removes the `alarms` key). */
function withAlarms(doc: ReadonlyDoc, host: AlarmHost, fn: (alarms: AlarmDraft[], tag: TagDraft) => AlarmDraft[] | { error: string }): CommandResult {
  return updateHost(doc, host, (tag) => {
    const next = fn(alarmsOf(tag), tag)
    if (!Array.isArray(next)) return next
    return { tag: withField(tag, 'alarms', next.length === 0 ? undefined : next) }
  })
}

export interface AddAlarmArgs { host: AlarmHost; kind: AlarmKind; ctx?: DefaultCtx; alarm?: AlarmDraft }

/** Appends an alarm: the given one, or the defaults for `kind` taken from the tag (limits, range, setpoint tag). */
export const addAlarm = defineCommand<AddAlarmArgs>('alarms.add', (doc, a) => withAlarms(doc, a.host, (alarms, tag) => {
  if (alarms.length >= MAX_ALARMS) return { error: `a tag carries at most ${MAX_ALARMS} alarms` }
  if (!(ALARM_KINDS as readonly string[]).includes(a.kind)) return { error: `unknown alarm kind ${a.kind}` }
  const taken = alarms.map((x) => x.name).filter((n): n is string => typeof n === 'string')
  return [...alarms, a.alarm ?? defaultAlarm(a.kind, tag, taken, a.ctx)]
}))

export interface SetAlarmFieldArgs { host: AlarmHost; index: number; field: readonly string[]; value: unknown }

/**
 * Sets one field of an alarm, nested by `field` (`['message', 'zh-CN']`); undefined removes it (and an object
 * left empty). The kind changes through alarms.setKind, which also swaps the kind's own fields.
 */
export const setAlarmField = defineCommand<SetAlarmFieldArgs>('alarms.setField', (doc, a) => withAlarms(doc, a.host, (alarms) => {
  const cur = alarms[a.index]
  if (!cur) return { error: `no alarm ${a.index}` }
  if (a.field.length === 0 || a.field[0] === 'kind') return { error: 'use alarms.setKind to change the kind' }
  const next = setIn(cur, a.field, a.value)
  return alarms.map((x, i) => (i === a.index ? next : x))
}))

export interface SetAlarmKindArgs { host: AlarmHost; index: number; kind: AlarmKind; ctx?: DefaultCtx }

/** Changes an alarm's kind: common fields stay, the new kind's fields start from the tag's defaults. */
export const setAlarmKind = defineCommand<SetAlarmKindArgs>('alarms.setKind', (doc, a) => withAlarms(doc, a.host, (alarms, tag) => {
  const cur = alarms[a.index]
  if (!cur) return { error: `no alarm ${a.index}` }
  if (!(ALARM_KINDS as readonly string[]).includes(a.kind)) return { error: `unknown alarm kind ${a.kind}` }
  const taken = alarms.filter((_, i) => i !== a.index).map((x) => x.name).filter((n): n is string => typeof n === 'string')
  const next = changeKind(cur, a.kind, tag, taken, a.ctx)
  return next === cur ? alarms : alarms.map((x, i) => (i === a.index ? next : x))
}))

export interface RemoveAlarmArgs { host: AlarmHost; index: number }

export const removeAlarm = defineCommand<RemoveAlarmArgs>('alarms.remove', (doc, a) => withAlarms(doc, a.host, (alarms) => {
  if (!alarms[a.index]) return { error: `no alarm ${a.index}` }
  return alarms.filter((_, i) => i !== a.index)
}))

export interface MoveAlarmArgs { host: AlarmHost; from: number; to: number }

/** Moves an alarm in the list (the order the panel and the loader show them in). */
export const moveAlarm = defineCommand<MoveAlarmArgs>('alarms.move', (doc, a) => withAlarms(doc, a.host, (alarms) => {
  const m = alarms[a.from]
  if (!m || a.to < 0 || a.to >= alarms.length) return { error: 'no such alarm position' }
  if (a.from === a.to) return alarms
  const out = alarms.filter((_, i) => i !== a.from)
  out.splice(a.to, 0, m)
  return out
}))

export interface SetHistoryArgs { host: AlarmHost; field: HistoryField; value: unknown }

/**
 * Sets one historian setting of the tag; undefined removes it, and `history` goes when nothing is left
 * (`enabled: false` is dropped too: absent means not recorded).
 */
export const setHistory = defineCommand<SetHistoryArgs>('alarms.setHistory', (doc, a) => updateHost(doc, a.host, (tag) => {
  if (!(HISTORY_FIELDS as readonly string[]).includes(a.field)) return { error: `unknown history setting ${a.field}` }
  const value = a.field === 'enabled' && a.value === false ? undefined : a.value
  return { tag: setIn(tag, ['history', a.field], value) as TagDraft }
}))

/**
 * A message with one locale's text replaced: '' removes that locale, a message left with nothing goes. A plain
 * string message counts as English.
 */
export function messageWithLocale(message: unknown, locale: string, text: string): LocalText | undefined {
  const rec: Record<string, string> = typeof message === 'string' ? { en: message }
    : typeof message === 'object' && message !== null ? { ...(message as Record<string, string>) } : {}
  if (text === '') delete rec[locale]
  else rec[locale] = text
  return Object.keys(rec).length === 0 ? undefined : rec
}

/** Every alarm command, for the command-name table test. */
export const ALARM_COMMANDS = [addAlarm, setAlarmField, setAlarmKind, removeAlarm, moveAlarm, setHistory] as const
