/**
 * Hover text for Structured Text (pure, Markdown): a variable's type, section and bound tag; a pin of `inst.PIN`;
 * a library block's documentation in the studio language; a standard function's signature; a user POU's interface.
 */
import { getBlock } from '@takt/blocks'
import type { StPou, StUnit } from '@takt/blocks'
import { blockDoc, fbPins, pouSignature } from './completion'
import type { StLocale } from './completion'
import { stdFunction } from './stdlib'

export interface StHoverInput {
  unit: StUnit
  pou: StPou | null
  word: string
  /** The identifier before a `.` right in front of `word` (`t1` in `t1.Q`). */
  owner?: string
  locale: StLocale
  boundTag?: (variable: string) => string | undefined
}

const BOUND: Record<StLocale, string> = { en: 'bound to tag', 'zh-CN': '绑定到变量' }

/** Markdown paragraphs for the word under the pointer, or null when there is nothing to say. */
export function stHover(input: StHoverInput): string[] | null {
  const { unit, pou, word, locale } = input
  const up = word.toUpperCase()
  const varOf = (name: string) => pou?.variables.find((v) => v.name.toUpperCase() === name.toUpperCase())
  if (input.owner !== undefined) {
    const owner = varOf(input.owner)
    if (!owner) return null
    const pin = fbPins(unit, owner.type, locale).find((p) => p.name.toUpperCase() === up)
    return pin ? [`\`${owner.type}.${pin.name}\` : ${pin.type} (${pin.dir})`, ...(pin.doc ? [pin.doc] : [])] : null
  }
  const v = varOf(word)
  if (v) {
    const flags = [v.constant ? 'CONSTANT' : '', v.retain ? 'RETAIN' : ''].filter(Boolean).join(' ')
    const tag = input.boundTag?.(v.name)
    const out = [`\`${v.name} : ${v.type}\` — ${v.section}${flags ? ` ${flags}` : ''}${tag ? ` · ${BOUND[locale]} \`${tag}\`` : ''}`]
    const fb = typeDoc(unit, v.type, locale)
    if (fb) out.push(...fb)
    return out
  }
  const t = typeDoc(unit, word, locale)
  if (t) return t
  const f = stdFunction(word)
  if (f) return [`\`${f.name}(${f.params})\``, f.doc[locale]]
  const user = unit.pous.find((p) => p.name.toUpperCase() === up)
  return user ? [`\`${pouSignature(user)}\``] : null
}

function typeDoc(unit: StUnit, type: string, locale: StLocale): string[] | null {
  const up = type.toUpperCase()
  const user = unit.pous.find((p) => p.kind === 'FUNCTION_BLOCK' && p.name.toUpperCase() === up)
  if (user) return [`\`${pouSignature(user)}\``]
  const b = getBlock(up)
  if (!b || stdFunction(up)) return null
  return [`**${b.type}** (${b.family})`, blockDoc(b, locale)]
}
