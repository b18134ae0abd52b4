/**
 * Problems of alarm definitions and history settings as the editor shows them: each issue names the field it
 * concerns (`limit`, `message.zh-CN`, `suppressedBy`), so the form shows it in place. The draft keeps invalid
 * values (the loader reports them on publish); this only explains them while editing.
 */
import { AlarmDef, HistorySettings, compileExpression, compileMessage } from '@takt/blocks'
import type { AlarmDraft } from './model'

export interface FieldIssue {
  /** Dotted field path inside the alarm (`limit`, `message.en`); '' for the alarm as a whole. */
  field: string
  message: string
}

export interface AlarmCheckCtx {
  /** Does a tag path exist? Absent: references are not checked. */
  isTag?: (path: string) => boolean
  /**
   * Template members: values may hold `${param}` placeholders, filled per instance, so a field holding one is
   * not judged here (the template validation checks the expanded instances).
   */
  placeholders?: boolean
}

const HOLE = '${'

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let v = obj
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined
  return v
}

function hasHole(v: unknown): boolean {
  return typeof v === 'string' && v.includes(HOLE)
}

/** Schema issues of one alarm, by field. */
function schemaIssues(alarm: AlarmDraft, ctx: AlarmCheckCtx): FieldIssue[] {
  const r = AlarmDef.safeParse(alarm)
  if (r.success) return []
  const out: FieldIssue[] = []
  for (const i of r.error.issues) {
    if (ctx.placeholders && hasHole(valueAt(alarm, i.path))) continue
    let field = i.path.map(String).join('.')
    // The deviation refinement ("give high, low or both") concerns the high field; unknown keys the whole alarm.
    if (field === '' && alarm.kind === 'deviation' && i.code === 'custom') field = 'high'
    if (i.code === 'unrecognized_keys') out.push({ field: '', message: `${i.message}` })
    else out.push({ field, message: i.message })
  }
  return out
}

/** Expression problems of `suppressedBy`, including unknown tags. */
export function checkSuppression(src: string, ctx: AlarmCheckCtx): string[] {
  if (ctx.placeholders && src.includes(HOLE)) return []
  const isTag = ctx.isTag
  const r = compileExpression(src, isTag ? { isTag } : {})
  return r.ok ? [] : r.diagnostics.map((d) => d.message)
}

/** Problems of a message text in one locale: unparsable placeholders and unknown tags. */
export function checkMessage(text: string, ctx: AlarmCheckCtx): string[] {
  const r = compileMessage({ x: text })
  if (!r.ok) return r.diagnostics.map((d) => d.message)
  if (!ctx.isTag) return []
  return r.message.refs.filter((p) => !ctx.isTag!(p)).map((p) => `unknown tag {${p}}`)
}

/**
 * Every problem of one alarm: the AlarmDef schema, a name used twice on the tag (`others` are the other alarms'
 * names), the setpoint tag, the suppression expression and the tags named in the message.
 */
export function alarmIssues(alarm: AlarmDraft, others: readonly string[], ctx: AlarmCheckCtx = {}): FieldIssue[] {
  const out = schemaIssues(alarm, ctx)
  if (typeof alarm.name === 'string' && others.includes(alarm.name)) out.push({ field: 'name', message: `another alarm of this tag is named ${alarm.name}` })
  const sp = alarm.setpoint
  if (alarm.kind === 'deviation' && typeof sp === 'string' && ctx.isTag && !hasHole(sp) && !out.some((i) => i.field === 'setpoint') && !ctx.isTag(sp)) {
    out.push({ field: 'setpoint', message: `unknown tag ${sp}` })
  }
  if (typeof alarm.suppressedBy === 'string' && alarm.suppressedBy !== '') {
    for (const m of checkSuppression(alarm.suppressedBy, ctx)) out.push({ field: 'suppressedBy', message: m })
  }
  const msg = alarm.message
  const texts: [string, unknown][] = typeof msg === 'string' ? [['message', msg]]
    : typeof msg === 'object' && msg !== null ? Object.entries(msg).map(([k, v]) => [`message.${k}`, v]) : []
  for (const [field, text] of texts) {
    if (typeof text !== 'string' || (ctx.placeholders && text.includes(HOLE))) continue
    for (const m of checkMessage(text, ctx)) out.push({ field, message: m })
  }
  return out
}

/** Problems of every alarm of a tag, index for index. */
export function alarmListIssues(alarms: readonly AlarmDraft[], ctx: AlarmCheckCtx = {}): FieldIssue[][] {
  const names = alarms.map((a) => a.name)
  const out = alarms.map((a, i) => alarmIssues(a, names.filter((n, j): n is string => j !== i && typeof n === 'string'), ctx))
  if (alarms.length > 32) out[32]?.push({ field: '', message: 'a tag carries at most 32 alarms' })
  return out
}

/** Problems of a tag's history settings, by field (`deadband`, `minIntervalMs`, ...). */
export function historyIssues(history: unknown, ctx: AlarmCheckCtx = {}): FieldIssue[] {
  if (history === undefined) return []
  const r = HistorySettings.safeParse(history)
  const out: FieldIssue[] = r.success ? [] : r.error.issues
    .filter((i) => !(ctx.placeholders && hasHole(valueAt(history, i.path))))
    .map((i) => ({ field: i.path.map(String).join('.'), message: i.message }))
  const h = history as { minIntervalMs?: unknown; maxIntervalMs?: unknown }
  if (typeof h.minIntervalMs === 'number' && typeof h.maxIntervalMs === 'number' && h.maxIntervalMs < h.minIntervalMs) {
    out.push({ field: 'maxIntervalMs', message: 'the heartbeat must not be shorter than the minimum interval' })
  }
  return out
}

/** Issues of one field (exact, or nested below it) as one text for a tooltip / note. */
export function issueText(issues: readonly FieldIssue[], field: string): string | null {
  const list = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`))
  return list.length > 0 ? list.map((i) => i.message).join('\n') : null
}
