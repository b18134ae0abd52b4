import type { LocalizedText, PinDef, PinType } from '../engine/types.js'

/** Helpers that keep block definitions short. */
export function t(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh }
}

export function pin(name: string, type: PinType, def: number | boolean, extra: Omit<PinDef, 'name' | 'type' | 'default'> = {}): PinDef {
  return { name, type, default: def, ...extra }
}

/**
 * IN1..INn: IN1 and IN2 are required and default to the IEC initial value (`initial`); IN3.. are extensible and
 * default to the operation's neutral element, so an unwired one changes nothing.
 */
export function extensible(type: PinType, initial: number | boolean, neutral: number | boolean, n = 8): PinDef[] {
  return Array.from({ length: n }, (_, i) => pin(`IN${i + 1}`, type, i < 2 ? initial : neutral, i < 2 ? {} : { optional: true }))
}
