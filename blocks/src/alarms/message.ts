/**
 * Alarm message texts: `{value}` is the alarm tag's value, `{Area1/Tank1/Level}` any tag's value (read through the
 * expression language, so bad values show the same way everywhere), `{{` and `}}` are literal braces. Any other
 * `{...}` stays as written, so a typo is visible instead of silently blank.
 */
import type { Diagnostic } from '../errors.js'
import type { LocalText } from '../format/common.js'
import { compileExpression } from '../expr/index.js'
import type { CompiledExpr, TagGetter } from '../expr/index.js'
import type { TagScalar } from '../quality.js'
import type { AlarmKind } from './schema.js'

export interface MessageContext {
  /** The alarm tag's value. */
  value: TagScalar
  /** Engineering unit appended to `{value}`. */
  unit?: string
  /** Decimals for numbers without their own format (default: up to 3, trailing zeros dropped). */
  decimals?: number
  /** Current value of another tag by path; absent or null shows as bad. */
  get?: TagGetter
  /** Display format for a value; `path` is undefined for `{value}`. Overrides unit and decimals. */
  format?: (value: TagScalar, path: string | undefined) => string
}

type Part = string | { kind: 'value' } | { kind: 'tag'; path: string; expr: CompiledExpr }

/** A message text parsed once per locale. */
export interface CompiledMessage {
  /** Tag paths the text reads besides the alarm's own value. */
  readonly refs: string[]
  render(locale: string, ctx: MessageContext): string
}

/** Shown for a bad or missing value. */
export const BAD_VALUE_TEXT = '???'

const TAG_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,15}$/

const KIND_TEXT: Record<AlarmKind, { en: string; 'zh-CN': string }> = {
  hihi: { en: 'High-high', 'zh-CN': '高高限报警' },
  hi: { en: 'High', 'zh-CN': '高限报警' },
  lo: { en: 'Low', 'zh-CN': '低限报警' },
  lolo: { en: 'Low-low', 'zh-CN': '低低限报警' },
  deviation: { en: 'Deviation from setpoint', 'zh-CN': '偏离设定值' },
  roc: { en: 'Rate of change', 'zh-CN': '变化率超限' },
  discrete: { en: 'Alarm state', 'zh-CN': '状态报警' },
  badQuality: { en: 'Bad quality', 'zh-CN': '信号质量坏' },
}

/** Resolves a LocalText: exact locale, its language (`zh`), another locale of it (`zh-TW`), English, the first entry. */
export function pickLocalText(text: LocalText, locale: string): string {
  return typeof text === 'string' ? text : (text[pickKey(text, locale)] ?? '')
}

/** The text used when a definition has no message: `High {value}`, `高限报警 {value}`. */
export function defaultAlarmMessage(kind: AlarmKind): LocalText {
  const t = KIND_TEXT[kind]
  return { en: `${t.en} {value}`, 'zh-CN': `${t['zh-CN']} {value}` }
}

/** Parses a message text in every locale it has; unknown placeholders are kept verbatim, not errors. */
export function compileMessage(text: LocalText): { ok: true; message: CompiledMessage } | { ok: false; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const byLocale = new Map<string, Part[]>()
  const refs = new Set<string>()
  const entries = typeof text === 'string' ? [['', text] as const] : Object.entries(text)
  for (const [loc, src] of entries) {
    const parts = parse(src, diagnostics, loc)
    for (const p of parts) if (typeof p !== 'string' && p.kind === 'tag') refs.add(p.path)
    byLocale.set(loc, parts)
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics }
  const message: CompiledMessage = {
    refs: [...refs],
    render(locale, ctx) {
      const key = typeof text === 'string' ? '' : pickKey(text, locale)
      const parts = byLocale.get(key) ?? []
      let out = ''
      for (const p of parts) {
        if (typeof p === 'string') out += p
        else if (p.kind === 'value') out += formatAlarmValue(ctx.value, undefined, ctx)
        else out += formatAlarmValue(ctx.get ? p.expr.evaluate(ctx.get) : null, p.path, ctx)
      }
      return out
    },
  }
  return { ok: true, message }
}

/**
 * Renders an alarm message in one locale; a definition without a message gets the default for its kind. Never
 * throws: a text that does not parse is shown as written.
 * @example renderAlarmMessage({ en: 'Level {value}', 'zh-CN': '液位 {value}' }, 'zh-CN', { value: 93.25, unit: '%' })
 * // -> '液位 93.25 %'
 */
export function renderAlarmMessage(text: LocalText | undefined, kind: AlarmKind, locale: string, ctx: MessageContext): string {
  const r = compileMessage(text ?? defaultAlarmMessage(kind))
  return r.ok ? r.message.render(locale, ctx) : pickLocalText(text ?? '', locale)
}

/** Formats a value for a message: BOOL as true/false, numbers with few decimals, bad as `???`. */
export function formatAlarmValue(v: TagScalar, path: string | undefined, ctx: Pick<MessageContext, 'unit' | 'decimals' | 'format'>): string {
  if (ctx.format) return ctx.format(v, path)
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return BAD_VALUE_TEXT
  let s: string
  if (typeof v === 'number') {
    s = ctx.decimals !== undefined ? v.toFixed(ctx.decimals) : String(Math.round(v * 1000) / 1000)
  } else s = String(v)
  return path === undefined && ctx.unit ? `${s} ${ctx.unit}` : s
}

function pickKey(text: Record<string, string>, locale: string): string {
  if (locale in text) return locale
  const lang = locale.split('-')[0] ?? locale
  if (lang in text) return lang
  const sibling = Object.keys(text).find((k) => k.split('-')[0] === lang)
  if (sibling !== undefined) return sibling
  if ('en' in text) return 'en'
  return Object.keys(text)[0] ?? ''
}

function parse(src: string, diagnostics: Diagnostic[], loc: string): Part[] {
  const parts: Part[] = []
  let lit = ''
  let i = 0
  while (i < src.length) {
    const ch = src[i]!
    if ((ch === '{' || ch === '}') && src[i + 1] === ch) {
      lit += ch
      i += 2
      continue
    }
    if (ch === '{') {
      const close = src.indexOf('}', i + 1)
      const inner = close < 0 ? '' : src.slice(i + 1, close)
      if (inner === 'value' || TAG_PATH.test(inner)) {
        if (lit) parts.push(lit)
        lit = ''
        if (inner === 'value') parts.push({ kind: 'value' })
        else {
          const r = compileExpression(`{${inner}}`)
          if (r.ok) parts.push({ kind: 'tag', path: inner, expr: r.expr })
          else for (const d of r.diagnostics) diagnostics.push({ ...d, path: loc ? `message.${loc}` : 'message' })
        }
        i = close + 1
        continue
      }
    }
    lit += ch
    i++
  }
  if (lit) parts.push(lit)
  return parts
}
