/** Parsing and formatting of the template editor's text cells (numbers that may be `${param}` placeholders, texts). */
import type { LocalText, ParamType, ParamValue } from '@takt/blocks'

const WHOLE_PLACEHOLDER = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/

/**
 * A numeric cell: empty -> undefined (field removed), a number -> number, `${p}` -> the placeholder. Anything else
 * stays text, so the template's validation points at it instead of the editor silently dropping the input.
 */
export function parseNumberCell(text: string): number | string | undefined {
  const s = text.trim()
  if (s === '') return undefined
  if (WHOLE_PLACEHOLDER.test(s)) return s
  const n = Number(s)
  return Number.isFinite(n) ? n : s
}

/** A value of a parameter typed as text: by the parameter type; empty -> undefined. */
export function parseParamValue(text: string, type: ParamType): ParamValue | undefined {
  if (type === 'string') return text === '' ? undefined : text
  const s = text.trim()
  if (s === '') return undefined
  if (type === 'boolean') return s === 'true' ? true : s === 'false' ? false : undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

export function cellText(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** The English and Chinese parts of a LocalText. */
export function textParts(v: LocalText | undefined): { en: string; zh: string } {
  if (typeof v === 'string') return { en: v, zh: '' }
  if (v && typeof v === 'object') return { en: v.en ?? '', zh: v['zh-CN'] ?? '' }
  return { en: '', zh: '' }
}

/** Joins the parts back: undefined when both are empty, a plain string when only English is given. */
export function joinText(en: string, zh: string): LocalText | undefined {
  if (en === '' && zh === '') return undefined
  return zh === '' ? en : { en, 'zh-CN': zh }
}
