/** Validation of an operator's numeric entry (setpoint widget). */
import type { MessageKey } from '../../i18n'

export type EntryResult =
  | { ok: true; value: number }
  | { ok: false; key: MessageKey; params?: Record<string, string | number> }

/** Parse and range-check the typed text; a comma is accepted as decimal separator. */
export function validateEntry(text: string, min: number | undefined, max: number | undefined): EntryResult {
  const s = text.trim().replace(',', '.')
  const v = s === '' ? NaN : Number(s)
  if (!Number.isFinite(v)) return { ok: false, key: 'entry.notNumber' }
  if (min !== undefined && v < min) return { ok: false, key: 'entry.belowMin', params: { min } }
  if (max !== undefined && v > max) return { ok: false, key: 'entry.aboveMax', params: { max } }
  return { ok: true, value: v }
}
