/** Typed reads of a resolved WidgetView, with tag metadata as fallback for unit, decimals and range. */
import type { LocalText } from '@takt/blocks'
import { localText } from '../../i18n'
import type { WidgetView } from '../types'
import { firstNumber } from './format'

export function pNum(v: WidgetView, name: string, fallback: number): number {
  return firstNumber(v.p[name], fallback) ?? fallback
}

export function pBool(v: WidgetView, name: string, fallback = false): boolean {
  const x = v.p[name]
  return typeof x === 'boolean' ? x : fallback
}

export function pStr(v: WidgetView, name: string, fallback = ''): string {
  const x = v.p[name]
  return typeof x === 'string' ? x : fallback
}

/** A LocalText prop in the current locale (reactive on locale). */
export function pText(v: WidgetView, name: string): string {
  const x = v.p[name]
  if (typeof x === 'string' || (typeof x === 'object' && x !== null && !Array.isArray(x))) return localText(x as LocalText)
  if (typeof x === 'number' || typeof x === 'boolean') return String(x)
  return ''
}

/** Engineering unit: the prop, else the bound tag's unit. */
export function unitOf(v: WidgetView, prop: string): string {
  const u = v.p.unit
  return typeof u === 'string' && u !== '' ? u : v.tags[prop]?.unit ?? ''
}

export function decimalsOf(v: WidgetView, prop: string, fallback = 1): number {
  return firstNumber(v.p.decimals, v.tags[prop]?.decimals, fallback) ?? fallback
}

/** Scale of an analog display: props min/max, else the tag's range, else 0..100. */
export function rangeOf(v: WidgetView, prop: string): { min: number; max: number } {
  const tr = v.tags[prop]?.range
  const min = firstNumber(v.p.min, tr?.min, 0) ?? 0
  let max = firstNumber(v.p.max, tr?.max, 100) ?? 100
  if (!(max > min)) max = min + 1
  return { min, max }
}

export function qualityClass(v: WidgetView, prop: string): string {
  const q = v.q[prop]
  return q === 'bad' ? 'q-bad' : q === 'uncertain' ? 'q-uncertain' : ''
}

/** Fixed label column (prop `labelWidth`, px) so stacked displays line up; auto width when unset. */
export function labelStyle(v: WidgetView): Record<string, string> {
  const lw = v.p.labelWidth
  return typeof lw === 'number' && lw > 0 ? { flex: `0 0 ${lw}px` } : {}
}
