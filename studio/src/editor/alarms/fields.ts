/**
 * The alarm form's fields: which fields each kind shows, how a value is shown as text and how typed text becomes
 * a value. Text that does not fit is kept as typed (a string in a number field): the schema check then names the
 * problem in place and nothing the engineer typed is lost.
 */
import type { AlarmKind, TagScalar } from '@takt/blocks'
import type { MessageKey } from '../../i18n'
import type { AlarmDraft } from './model'

export type FieldType = 'number' | 'text' | 'expr' | 'bool' | 'boolDefaultTrue' | 'priority' | 'direction' | 'setpoint' | 'state'

export interface FieldSpec {
  key: string
  label: MessageKey
  type: FieldType
  /** Placeholder text key (shows the default or the expected form). */
  hint?: MessageKey
}

const F = (key: string, label: MessageKey, type: FieldType, hint?: MessageKey): FieldSpec => (hint ? { key, label, type, hint } : { key, label, type })

/** The condition fields of each kind, in form order. */
export const CONDITION_FIELDS: Record<AlarmKind, readonly FieldSpec[]> = {
  hihi: [F('limit', 'alarmcfg.limit', 'number'), F('deadband', 'alarmcfg.deadband', 'number')],
  hi: [F('limit', 'alarmcfg.limit', 'number'), F('deadband', 'alarmcfg.deadband', 'number')],
  lo: [F('limit', 'alarmcfg.limit', 'number'), F('deadband', 'alarmcfg.deadband', 'number')],
  lolo: [F('limit', 'alarmcfg.limit', 'number'), F('deadband', 'alarmcfg.deadband', 'number')],
  deviation: [
    F('setpoint', 'alarmcfg.setpoint', 'setpoint', 'alarmcfg.setpointHint'), F('high', 'alarmcfg.high', 'number'),
    F('low', 'alarmcfg.low', 'number'), F('deadband', 'alarmcfg.deadband', 'number'),
  ],
  roc: [
    F('rate', 'alarmcfg.rate', 'number'), F('windowMs', 'alarmcfg.window', 'number', 'alarmcfg.windowHint'),
    F('direction', 'alarmcfg.direction', 'direction'), F('deadband', 'alarmcfg.deadband', 'number'),
  ],
  discrete: [F('state', 'alarmcfg.state', 'state', 'alarmcfg.stateHint')],
  badQuality: [F('includeUncertain', 'alarmcfg.includeUncertain', 'bool')],
}

/** Timing and handling fields every kind has (name, kind, priority and message have their own places). */
export const HANDLING_FIELDS: readonly FieldSpec[] = [
  F('onDelayMs', 'alarmcfg.onDelay', 'number'),
  F('offDelayMs', 'alarmcfg.offDelay', 'number'),
  F('area', 'alarmcfg.area', 'text'),
  F('latched', 'alarmcfg.latched', 'bool'),
  F('shelvable', 'alarmcfg.shelvable', 'boolDefaultTrue'),
  F('maxShelveMs', 'alarmcfg.maxShelve', 'number', 'alarmcfg.maxShelveHint'),
  F('suppressedBy', 'alarmcfg.suppressedBy', 'expr', 'alarmcfg.suppressedHint'),
]

const WHOLE_PLACEHOLDER = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/

/** How a stored value shows in a text input. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return ''
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** A number from text: '' -> undefined; a number; anything else kept as typed (then reported by the schema). */
export function parseNumberText(text: string): number | string | undefined {
  const s = text.trim()
  if (s === '') return undefined
  if (WHOLE_PLACEHOLDER.test(s)) return s
  const n = Number(s)
  return Number.isFinite(n) ? n : s
}

/**
 * The value a field gets from its input: `text` for text-like inputs, `checked` for check boxes. `dataType` is the
 * tag's (a discrete state of a STRING tag stays text).
 */
export function parseField(type: FieldType, text: string, checked: boolean, dataType?: unknown): unknown {
  switch (type) {
    case 'number': return parseNumberText(text)
    case 'text': case 'expr': return text.trim() === '' ? undefined : text
    case 'bool': return checked ? true : undefined
    // Absent means true, so only "no" is written.
    case 'boolDefaultTrue': return checked ? undefined : false
    case 'priority': return text === 'diagnostic' ? text : Number(text)
    case 'direction': return text === '' ? undefined : text
    case 'setpoint': {
      const s = text.trim()
      if (s === '') return undefined
      const n = Number(s)
      return Number.isFinite(n) && /^[-+.\d]/.test(s) ? n : s
    }
    case 'state': {
      if (dataType === 'STRING') return text === '' ? undefined : text
      const s = text.trim()
      if (s === '') return undefined
      if (/^true$/i.test(s)) return true
      if (/^false$/i.test(s)) return false
      const n = Number(s)
      return Number.isFinite(n) ? n : s
    }
  }
}

/** A value for previewing the message: what the tag reads when the alarm has just become active. */
export function sampleValue(alarm: AlarmDraft, range: { min: number; max: number } | null): TagScalar {
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)
  const mid = range ? (range.min + range.max) / 2 : 50
  switch (alarm.kind) {
    case 'hihi': case 'hi': case 'lo': case 'lolo': return num(alarm.limit) ?? mid
    case 'deviation': return (num(alarm.setpoint) ?? mid) + (num(alarm.high) ?? num(alarm.low) ?? 0)
    case 'discrete': return alarm.state === undefined ? true : (alarm.state as TagScalar)
    case 'badQuality': return null
    default: return mid
  }
}
