/**
 * Value semantics of the expression language. `null` stands for a bad or missing value and spreads: an operator
 * or function that needs a value and gets null yields null, and so does a numeric result that is not finite
 * (division by zero, sqrt(-1), overflow). The viewer then shows the binding as bad instead of a made-up number.
 */
import type { TagScalar } from '../quality.js'

/** Reads a tag's current value by path; returns null when the value is bad or missing. */
export type TagGetter = (path: string) => TagScalar
/** A compiled node: evaluates its subtree against the tag getter. */
export type Evaluator = (get: TagGetter) => TagScalar

/** Numbers that are not finite become null, so NaN and Infinity never leave an expression. */
export function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null
}

/** Normalises what a tag getter returns: undefined, NaN and Infinity become null. */
export function scalar(v: TagScalar | undefined): TagScalar {
  if (v === undefined) return null
  if (typeof v === 'number' && !Number.isFinite(v)) return null
  return v
}

/** To number: BOOL is 0/1, numeric text is parsed, anything else is null. */
export function toNumber(v: TagScalar): number | null {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'string') {
    const t = v.trim()
    if (t === '') return null
    return finite(Number(t))
  }
  return null
}

/** Truth for `&&`, `||`, `!` and `?:`: non-zero numbers and non-empty text are true. */
export function toTruth(v: TagScalar): boolean | null {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') return v !== ''
  return null
}

export function toText(v: TagScalar): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return null
}

/** `+`: text if either side is text, else numeric addition. */
export function add(a: TagScalar, b: TagScalar): TagScalar {
  if (a === null || b === null) return null
  if (typeof a === 'string' || typeof b === 'string') return (toText(a) as string) + (toText(b) as string)
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null ? null : finite(x + y)
}

export function sub(a: TagScalar, b: TagScalar): TagScalar {
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null ? null : finite(x - y)
}

export function mul(a: TagScalar, b: TagScalar): TagScalar {
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null ? null : finite(x * y)
}

/** Division by zero yields null (a bad value), not Infinity. */
export function div(a: TagScalar, b: TagScalar): TagScalar {
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null || y === 0 ? null : finite(x / y)
}

/** Remainder with the sign of the dividend (IEC MOD); modulo zero yields null. */
export function mod(a: TagScalar, b: TagScalar): TagScalar {
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null || y === 0 ? null : finite(x % y)
}

export function pow(a: TagScalar, b: TagScalar): TagScalar {
  const x = toNumber(a)
  const y = toNumber(b)
  return x === null || y === null ? null : finite(x ** y)
}

export function neg(a: TagScalar): TagScalar {
  const x = toNumber(a)
  // 0 - x rather than -x: keeps -0 out of results, which would print as "0" but compare oddly in tests.
  return x === null ? null : 0 - x
}

export function not(a: TagScalar): TagScalar {
  const t = toTruth(a)
  return t === null ? null : !t
}

/** Ordering: text against text compares by code unit; otherwise numerically. */
export function compare(a: TagScalar, b: TagScalar): number | null {
  if (a === null || b === null) return null
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const x = toNumber(a)
  const y = toNumber(b)
  if (x === null || y === null) return null
  return x < y ? -1 : x > y ? 1 : 0
}

/** Equality: same types compare directly; text against a number or BOOL compares as text; BOOL against number numerically. */
export function equals(a: TagScalar, b: TagScalar): boolean | null {
  if (a === null || b === null) return null
  if (typeof a === typeof b) return a === b
  if (typeof a === 'string' || typeof b === 'string') return toText(a) === toText(b)
  return toNumber(a) === toNumber(b)
}
