import type { IntName } from './types.js'

/**
 * Scalar semantics shared by constant folding and the VM, so a folded constant and the same expression at run time
 * always agree.
 *
 * Integers live in float64. Results wrap to the declared width (two's complement, as PLCs do): SINT/INT/DINT and
 * their unsigned and bit-string twins exactly; LINT/ULINT/LWORD only within +-2^53, beyond which float64 loses the
 * low bits (documented deviation).
 */
export const WRAP_NONE = 0
export const WRAP_CODES: Record<IntName, number> = {
  SINT: 1, INT: 2, DINT: 3, USINT: 4, BYTE: 4, UINT: 5, WORD: 5, UDINT: 6, DWORD: 6, LINT: 7, ULINT: 8, LWORD: 8,
}

const TWO64 = 2 ** 64
const TWO63 = 2 ** 63

export function wrap(v: number, code: number): number {
  switch (code) {
    case 1: return (v << 24) >> 24
    case 2: return (v << 16) >> 16
    case 3: return v | 0
    case 4: return v & 0xff
    case 5: return v & 0xffff
    case 6: return v >>> 0
    case 7: return wrap64(v, true)
    case 8: return wrap64(v, false)
    default: return v
  }
}

function wrap64(v: number, signed: boolean): number {
  if (v !== v) return 0
  if (signed ? v >= -TWO63 && v < TWO63 : v >= 0 && v < TWO64) return v
  let r = v % TWO64
  if (r < 0) r += TWO64
  return signed && r >= TWO63 ? r - TWO64 : r
}

/** Integer multiply; exact for 32-bit operands through Math.imul. */
export function imul(a: number, b: number, code: number): number {
  if (code === 3) return Math.imul(a, b)
  if (code === 6) return Math.imul(a, b) >>> 0
  return wrap(a * b, code)
}

/** Truncating integer division; the caller faults on b = 0. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b)
}

/** IEC MOD: the remainder takes the sign of the dividend, as JS `%` does. */
export function imod(a: number, b: number): number {
  return a % b
}

/** REAL -> integer: round half to even (IEC 60559), then saturate; NaN gives 0. Same as the FBD TO_INT block. */
export function realToInt(x: number, lo: number, hi: number): number {
  let r = Math.round(x)
  if (r - x === 0.5 && r % 2 !== 0) r -= 1
  return r > hi ? hi : r < lo ? lo : r === r ? r : 0
}

/** Bitwise operations for widths up to 32 bits run on int32; 64-bit ones go through BigInt (rare, slow path). */
export function bit64(op: 'and' | 'or' | 'xor' | 'not' | 'shl' | 'shr' | 'rol' | 'ror', a: number, b: number, signed: boolean): number {
  const A = BigInt.asUintN(64, BigInt(Math.trunc(a)))
  const B = BigInt.asUintN(64, BigInt(Math.trunc(b)))
  let r: bigint
  const n = BigInt(Math.trunc(b) & 63)
  switch (op) {
    case 'and': r = A & B; break
    case 'or': r = A | B; break
    case 'xor': r = A ^ B; break
    case 'not': r = ~A; break
    case 'shl': r = Math.trunc(b) >= 64 ? 0n : A << n; break
    case 'shr': r = Math.trunc(b) >= 64 ? 0n : A >> n; break
    case 'rol': r = (A << n) | (A >> ((64n - n) & 63n)); break
    case 'ror': r = (A >> n) | (A << ((64n - n) & 63n)); break
  }
  return Number(signed ? BigInt.asIntN(64, r) : BigInt.asUintN(64, r))
}

/** Shifts and rotations on `bits` wide unsigned values (<= 32); `n` >= width shifts everything out. */
export function shift(op: 'shl' | 'shr' | 'rol' | 'ror', a: number, n: number, bits: number, code: number): number {
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1
  const u = (a & mask) >>> 0
  n = Math.trunc(n)
  let r: number
  switch (op) {
    case 'shl': r = n >= bits || n < 0 ? 0 : (u << n) & mask; break
    case 'shr': r = n >= bits || n < 0 ? 0 : u >>> n; break
    case 'rol': {
      const k = ((n % bits) + bits) % bits
      r = k === 0 ? u : ((u << k) | (u >>> (bits - k))) & mask
      break
    }
    case 'ror': {
      const k = ((n % bits) + bits) % bits
      r = k === 0 ? u : ((u >>> k) | (u << (bits - k))) & mask
      break
    }
  }
  return wrap(r >>> 0, code)
}
