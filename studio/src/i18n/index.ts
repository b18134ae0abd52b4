/**
 * UI text in English and Simplified Chinese. `t()` and `localText()` read the reactive `locale`, so any component
 * or computed that calls them re-renders when the operator switches language.
 */
import { ref } from 'vue'
import { ErrorMessages } from '@takt/blocks'
import type { ErrorCode, LocalText } from '@takt/blocks'
import { en } from './en'
import type { MessageKey } from './en'
import { zhCN, zhCNErrors } from './zh-CN'

export type { MessageKey } from './en'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

const STORAGE_KEY = 'takt.locale'

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // storage can be blocked by browser privacy settings
  }
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x)
}

function initialLocale(): Locale {
  const saved = storage()?.getItem(STORAGE_KEY)
  if (isLocale(saved)) return saved
  const nav = typeof navigator === 'undefined' ? '' : navigator.language
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** The chosen UI language; persisted in localStorage. */
export const locale = ref<Locale>(initialLocale())

export function setLocale(l: Locale): void {
  locale.value = l
  storage()?.setItem(STORAGE_KEY, l)
  if (typeof document !== 'undefined') document.documentElement.lang = l
}

const tables: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing parameter is noticed. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m))
}

/** Translate a UI key in the current locale. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(tables[locale.value][key] ?? en[key], params)
}

/**
 * Resolve an APP text (`"Tank"` or `{en: "Tank", "zh-CN": "罐"}`) for a locale: exact locale, then its language
 * (`zh`), then English, then the first entry.
 */
export function resolveLocalText(text: LocalText | undefined | null, loc: string): string {
  if (text === undefined || text === null) return ''
  if (typeof text === 'string') return text
  const lang = loc.split('-')[0] ?? loc
  return text[loc] ?? text[lang] ?? text.en ?? Object.values(text)[0] ?? ''
}

/** A string, or an object whose values are all strings. */
export function isLocalText(x: unknown): x is LocalText {
  if (typeof x === 'string') return true
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string')
}

/** `resolveLocalText` in the current locale (reactive). */
export function localText(text: LocalText | undefined | null): string {
  return resolveLocalText(text, locale.value)
}

/** The message for a stable error code in the current locale; unknown codes show the code itself. */
export function errorText(code: string): string {
  if (locale.value === 'zh-CN') {
    const zh = zhCNErrors[code as ErrorCode]
    if (zh) return zh
  }
  return (ErrorMessages as Record<string, string>)[code] ?? code
}
