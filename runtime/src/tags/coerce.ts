/** Value coercion between IEC data types and JS scalars, and linear scaling. */
import type { DataType, TagScalar } from '@takt/blocks'

const INT_RANGE: Partial<Record<DataType, [number, number]>> = {
  SINT: [-128, 127], INT: [-32768, 32767], DINT: [-2147483648, 2147483647], LINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  USINT: [0, 255], UINT: [0, 65535], UDINT: [0, 4294967295], ULINT: [0, Number.MAX_SAFE_INTEGER],
}

export function isNumericType(t: DataType): boolean {
  return t !== 'BOOL' && t !== 'STRING'
}

/**
 * Coerce a device or program value to the tag's type. Returns undefined when it cannot be represented
 * (the caller then marks the tag bad rather than inventing a value).
 */
export function coerce(value: TagScalar, t: DataType): TagScalar | undefined {
  if (value === null) return null
  switch (t) {
    case 'BOOL':
      if (typeof value === 'boolean') return value
      if (typeof value === 'number') return value !== 0
      return undefined
    case 'STRING':
      return typeof value === 'string' ? value : String(value)
    case 'REAL':
    case 'LREAL':
    case 'TIME':
      if (typeof value === 'number') return Number.isNaN(value) ? undefined : value
      if (typeof value === 'boolean') return value ? 1 : 0
      return undefined
    default: {
      const n = typeof value === 'number' ? value : typeof value === 'boolean' ? (value ? 1 : 0) : NaN
      if (!Number.isFinite(n)) return undefined
      const r = INT_RANGE[t]!
      const i = Math.trunc(n)
      return i < r[0] || i > r[1] ? undefined : i
    }
  }
}

/**
 * Strict check for a value written by a user: no silent conversion of strings to numbers, integers must be whole.
 * Returns the value to write, or an error reason.
 */
export function checkUserValue(value: TagScalar, t: DataType): { ok: true; value: TagScalar } | { ok: false; reason: string } {
  if (value === null) return { ok: false, reason: 'null is not a value' }
  if (t === 'BOOL') return typeof value === 'boolean' ? { ok: true, value } : { ok: false, reason: 'expected true or false' }
  if (t === 'STRING') return typeof value === 'string' && value.length <= 4096 ? { ok: true, value } : { ok: false, reason: 'expected a string (at most 4096 characters)' }
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: 'expected a finite number' }
  const r = INT_RANGE[t]
  if (r) {
    if (!Number.isInteger(value)) return { ok: false, reason: `expected a whole number for ${t}` }
    if (value < r[0] || value > r[1]) return { ok: false, reason: `${t} holds ${r[0]}..${r[1]}` }
  }
  return { ok: true, value }
}

export interface Scale { rawMin: number; rawMax: number; engMin: number; engMax: number }
export function toEng(raw: number, s: Scale): number {
  return s.engMin + ((raw - s.rawMin) * (s.engMax - s.engMin)) / (s.rawMax - s.rawMin)
}
export function toRaw(eng: number, s: Scale): number {
  return s.rawMin + ((eng - s.engMin) * (s.rawMax - s.rawMin)) / (s.engMax - s.engMin)
}
