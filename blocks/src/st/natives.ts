import { realToInt, shift, bit64, wrap } from './arith.js'
import { wrapCode } from './fold.js'
import { formatTime, parseTime } from './literals.js'
import { intInfo, isBool, isReal, isTime, type StType } from './types.js'

/**
 * Pure implementations of the standard functions that are not plain operators, shared by constant folding and the
 * VM. Numbers in, numbers or strings out; no allocation beyond the strings they return.
 */
export const MATH1 = ['ABS', 'SQRT', 'LN', 'LOG', 'EXP', 'SIN', 'COS', 'TAN', 'ASIN', 'ACOS', 'ATAN'] as const
export type Math1 = (typeof MATH1)[number]

export function math1(fn: number, v: number): number {
  switch (fn) {
    case 0: return v < 0 ? -v : v
    case 1: return Math.sqrt(v)
    case 2: return Math.log(v)
    case 3: return Math.log10(v)
    case 4: return Math.exp(v)
    case 5: return Math.sin(v)
    case 6: return Math.cos(v)
    case 7: return Math.tan(v)
    case 8: return Math.asin(v)
    case 9: return Math.acos(v)
    default: return Math.atan(v)
  }
}

/** Conversion kinds: a small code the VM switches on, derived once from the source and target types. */
export const Conv = { Copy: 0, ToBool: 1, Wrap: 2, RealToInt: 3, TruncToInt: 4, TimeToInt: 5 } as const

export interface ConvSpec {
  kind: number
  /** Wrap code of the integer target. */
  code: number
  lo: number
  hi: number
}

/** How a numeric value of type `from` becomes `to` (neither a STRING). */
export function numConv(from: StType, to: StType, trunc: boolean): ConvSpec {
  const info = intInfo(to)
  const code = wrapCode(to)
  if (isBool(to)) return { kind: Conv.ToBool, code: 0, lo: 0, hi: 0 }
  if (!info) return { kind: Conv.Copy, code: 0, lo: 0, hi: 0 }
  if (isReal(from) || from.name === 'ANY_REAL') return { kind: trunc ? Conv.TruncToInt : Conv.RealToInt, code, lo: info.min, hi: info.max }
  if (isTime(from)) return { kind: Conv.TimeToInt, code, lo: 0, hi: 0 }
  return { kind: Conv.Wrap, code, lo: 0, hi: 0 }
}

export function convNum(v: number, kind: number, code: number, lo: number, hi: number): number {
  switch (kind) {
    case 1: return v !== 0 ? 1 : 0
    case 2: return wrap(v, code)
    case 3: return realToInt(v, lo, hi)
    case 4: {
      const r = Math.trunc(v)
      return r > hi ? hi : r < lo ? lo : r === r ? r : 0
    }
    case 5: return wrap(Math.trunc(v), code)
    default: return v
  }
}

/** Any scalar to STRING. */
export function toStr(v: number, from: StType): string {
  if (isBool(from)) return v !== 0 ? 'TRUE' : 'FALSE'
  if (isTime(from)) return formatTime(v)
  if (isReal(from)) return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v)
  return String(v)
}

/** STRING to a scalar; text that is not a value of the target type gives 0 (FALSE, T#0ms). */
export function fromStr(s: string, to: StType): number {
  const t = s.trim()
  if (isBool(to)) {
    const u = t.toUpperCase()
    return u === 'TRUE' ? 1 : u === 'FALSE' ? 0 : Number(t) ? 1 : 0
  }
  if (isTime(to)) {
    const m = /^(T|TIME|LT|LTIME)#(.*)$/i.exec(t)
    const ms = m ? parseTime(m[2]!) : Number(t)
    return ms === null || !Number.isFinite(ms) ? 0 : ms
  }
  const n = Number(t.replace(/_/g, ''))
  if (!Number.isFinite(n)) return 0
  const info = intInfo(to)
  if (!info) return n
  return wrap(Math.trunc(n), wrapCode(to))
}

export const STR_FNS = ['LEN', 'LEFT', 'RIGHT', 'MID', 'CONCAT', 'FIND', 'INSERT', 'DELETE', 'REPLACE'] as const
export type StrFn = (typeof STR_FNS)[number]

/** IEC string functions; positions are 1-based, out-of-range lengths and positions are clamped. */
export const strFns = {
  left: (s: string, l: number): string => (l <= 0 ? '' : s.slice(0, l)),
  right: (s: string, l: number): string => (l <= 0 ? '' : s.slice(Math.max(0, s.length - l))),
  mid: (s: string, l: number, p: number): string => (l <= 0 || p < 1 ? '' : s.slice(p - 1, p - 1 + l)),
  find: (s: string, sub: string): number => (sub === '' ? 0 : s.indexOf(sub) + 1),
  insert: (s: string, ins: string, p: number): string => {
    const k = Math.max(0, Math.min(s.length, p))
    return s.slice(0, k) + ins + s.slice(k)
  },
  del: (s: string, l: number, p: number): string => (l <= 0 || p < 1 ? s : s.slice(0, p - 1) + s.slice(p - 1 + l)),
  replace: (s: string, r: string, l: number, p: number): string => {
    if (p < 1) return s
    return s.slice(0, p - 1) + r + s.slice(p - 1 + Math.max(0, l))
  },
}

/** SHL / SHR / ROL / ROR on an integer of type `t`. */
export function shiftOp(op: 'shl' | 'shr' | 'rol' | 'ror', a: number, n: number, t: StType): number {
  const info = intInfo(t)!
  if (info.bits === 64) return bit64(op, a, n, info.signed)
  return shift(op, a, n, info.bits, wrapCode(t))
}

