import type { ConcreteType, PinType, ResolvedType } from './types.js'

/**
 * Implicit conversions, after IEC 61131-3 ed.3 (widening only): INT -> DINT -> REAL/LREAL.
 * Deviation: REAL and LREAL convert both ways, since the engine holds both as float64. BOOL and TIME convert to
 * nothing else; use the TO_* blocks for explicit conversion.
 */
const NUM_RANK: Partial<Record<ResolvedType, number>> = { INT: 1, DINT: 2, REAL: 3, LREAL: 3 }

export const CONCRETE_TYPES: readonly ConcreteType[] = ['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'TIME']

export function isGeneric(t: PinType): t is 'ANY' | 'ANY_NUM' {
  return t === 'ANY' || t === 'ANY_NUM'
}

export function isIntType(t: ResolvedType): boolean {
  return t === 'INT' || t === 'DINT'
}

/** Can a value of type `src` flow into a pin of resolved type `dst`? */
export function assignable(src: ResolvedType, dst: ResolvedType): boolean {
  if (src === 'ANY' || dst === 'ANY') return true
  if (dst === 'ANY_NUM') return src !== 'BOOL'
  if (src === 'ANY_NUM') return dst !== 'BOOL'
  if (src === dst) return true
  const rs = NUM_RANK[src]
  const rd = NUM_RANK[dst]
  if (rs === undefined || rd === undefined) return false
  // Integers widen; reals never narrow to integers.
  return rs <= rd
}

/** The common type of two concrete types for a generic block, or null when they do not mix. */
export function join(a: ConcreteType, b: ConcreteType): ConcreteType | null {
  if (a === b) return a
  const ra = NUM_RANK[a]
  const rb = NUM_RANK[b]
  if (ra === undefined || rb === undefined) return null
  if (ra === rb) return 'LREAL'
  return ra > rb ? a : b
}

/** Ranges of the integer types, for constants and counter limits. */
export const INT_RANGE: Record<'INT' | 'DINT', readonly [number, number]> = {
  INT: [-32768, 32767],
  DINT: [-2147483648, 2147483647],
}

/** Does a constant from the program file fit a pin of resolved type `t`? Returns a reason when it does not. */
export function constantProblem(value: number | boolean, t: ResolvedType): string | null {
  if (typeof value === 'boolean') return t === 'BOOL' || t === 'ANY' ? null : `a BOOL constant does not fit ${t}`
  if (t === 'BOOL') return 'a BOOL pin takes true or false'
  if (!Number.isFinite(value)) return 'value is not a finite number'
  if (t === 'INT' || t === 'DINT') {
    const [lo, hi] = INT_RANGE[t]
    if (!Number.isInteger(value) || value < lo || value > hi) return `${value} does not fit ${t} (${lo}..${hi})`
  }
  return null
}
