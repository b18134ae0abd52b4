/**
 * Text substitution for templates: `${param}` placeholders in member tags, and `{$/Member}` member references
 * in expressions. Pure string work; no evaluation of anything.
 */
import type { ParamValue } from './template.js'

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/

export type JsonSegment = string | number

export interface Substituted {
  /** A copy of the input with every known placeholder replaced (inputs are never mutated). */
  value: unknown
  /** Paths of the strings that held a placeholder (known or not), relative to the input. */
  holes: JsonSegment[][]
  /** Placeholders that have no value, with where they are. */
  missing: { name: string; path: JsonSegment[] }[]
}

/** Names of the `${...}` placeholders in a string, in order, without repeats. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(PLACEHOLDER)) if (!out.includes(m[1] as string)) out.push(m[1] as string)
  return out
}

/**
 * Replaces `${name}` placeholders in every string of a JSON value. A string that is exactly one placeholder takes
 * the parameter's typed value (number, boolean); inside longer text the value is written as text. Unknown
 * placeholders stay as they are and are listed in `missing`.
 * @example substituteParams({ address: 'ns=1;s=${dev}.Run', max: '${max}' }, new Map([['dev', 'M1'], ['max', 50]]))
 *   // value: { address: 'ns=1;s=M1.Run', max: 50 }
 */
export function substituteParams(value: unknown, params: ReadonlyMap<string, ParamValue>): Substituted {
  const out: Substituted = { value: undefined, holes: [], missing: [] }
  out.value = walk(value, params, [], out)
  return out
}

function walk(v: unknown, params: ReadonlyMap<string, ParamValue>, path: JsonSegment[], out: Substituted): unknown {
  if (typeof v === 'string') {
    if (!v.includes('${')) return v
    const names = placeholdersIn(v)
    if (names.length === 0) return v
    out.holes.push(path)
    for (const n of names) if (!params.has(n)) out.missing.push({ name: n, path })
    const whole = WHOLE.exec(v)
    if (whole) return params.has(whole[1] as string) ? params.get(whole[1] as string) : v
    return v.replace(PLACEHOLDER, (m, n: string) => (params.has(n) ? String(params.get(n)) : m))
  }
  if (Array.isArray(v)) return v.map((item, i) => walk(item, params, [...path, i], out))
  if (typeof v === 'object' && v !== null) {
    const copy: Record<string, unknown> = {}
    for (const [k, item] of Object.entries(v)) copy[k] = walk(item, params, [...path, k], out)
    return copy
  }
  return v
}

/**
 * Rewrites `{$/Member}` tag references of an expression to `{<instance>/Member}`. Text inside string literals is
 * left alone, so a label like `"{$/x}"` stays literal.
 * @example replaceMemberRefs('{$/Speed} > 100', 'Area1/M3') // '{Area1/M3/Speed} > 100'
 */
export function replaceMemberRefs(source: string, instance: string): string {
  if (!source.includes('{$/')) return source
  let out = ''
  let quote = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    if (quote !== '') {
      if (c === '\\' && i + 1 < source.length) {
        out += c + source[i + 1]
        i++
        continue
      }
      if (c === quote) quote = ''
      out += c
      continue
    }
    if (c === '"' || c === "'") quote = c
    if (c === '{' && source.startsWith('$/', i + 1)) {
      out += `{${instance}/`
      i += 2
      continue
    }
    out += c
  }
  return out
}

/** Whether the path `prefix` is `path` or one of its ancestors. */
export function isPrefix(prefix: readonly JsonSegment[], path: readonly JsonSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i])
}
