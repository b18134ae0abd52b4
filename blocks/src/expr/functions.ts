/**
 * The function table of the expression language. Add a function by adding an entry: the compiler checks arity
 * from `min`/`max` and, unless `acceptsNull`, returns null without calling when any argument is null.
 */
import type { TagScalar } from '../quality.js'
import type { Evaluator } from './values.js'
import { finite, toNumber, toText, toTruth } from './values.js'

export interface ExprFunction {
  /** Parameter list for completion and hovers, e.g. `x, lo, hi`. */
  readonly params: string
  readonly doc: string
  readonly min: number
  /** `Infinity` for variadic functions. */
  readonly max: number
  readonly acceptsNull?: boolean
  /** Called with evaluated arguments. The array is reused between calls: read it, do not keep it. */
  readonly call?: (args: readonly TagScalar[]) => TagScalar
  /** Special forms that choose which arguments to evaluate (e.g. `if`). */
  readonly compile?: (args: readonly Evaluator[]) => Evaluator
}

function num1(f: (x: number) => number): (args: readonly TagScalar[]) => TagScalar {
  return (args) => {
    const x = toNumber(args[0] ?? null)
    return x === null ? null : finite(f(x))
  }
}

function num2(f: (x: number, y: number) => number): (args: readonly TagScalar[]) => TagScalar {
  return (args) => {
    const x = toNumber(args[0] ?? null)
    const y = toNumber(args[1] ?? null)
    return x === null || y === null ? null : finite(f(x, y))
  }
}

function extreme(pickFirst: (a: number, b: number) => boolean): (args: readonly TagScalar[]) => TagScalar {
  return (args) => {
    let best: number | null = null
    for (let i = 0; i < args.length; i++) {
      const x = toNumber(args[i] ?? null)
      if (x === null) return null
      if (best === null || pickFirst(x, best)) best = x
    }
    return best
  }
}

/**
 * Round half away from zero (as IEC ROUND and most operators expect), to `decimals` places.
 * The nudge of a few ulps makes decimal halves that binary cannot hold exactly (1.005) round up as written.
 */
function round(x: number, decimals: number): number {
  const p = 10 ** decimals
  const r = Math.round(Math.abs(x) * p * (1 + 4 * Number.EPSILON)) / p
  return x < 0 ? 0 - r : r
}

function decimalsArg(v: TagScalar | undefined, max: number): number | null {
  if (v === undefined) return 0
  const d = toNumber(v)
  if (d === null) return null
  return Math.min(max, Math.max(-max, Math.trunc(d)))
}

const BOOL_TEXT = new Map([['true', true], ['false', false], ['1', true], ['0', false]])

const table: Record<string, ExprFunction> = {
  abs: { params: 'x', doc: 'Absolute value.', min: 1, max: 1, call: num1(Math.abs) },
  min: { params: 'x, ...', doc: 'Smallest of the arguments.', min: 1, max: Infinity, call: extreme((a, b) => a < b) },
  max: { params: 'x, ...', doc: 'Largest of the arguments.', min: 1, max: Infinity, call: extreme((a, b) => a > b) },
  round: {
    params: 'x, decimals?', doc: 'Rounds half away from zero, to `decimals` places (default 0).', min: 1, max: 2,
    call: (args) => {
      const x = toNumber(args[0] ?? null)
      const d = decimalsArg(args[1], 15)
      return x === null || d === null ? null : finite(round(x, d))
    },
  },
  floor: { params: 'x', doc: 'Largest integer not above x.', min: 1, max: 1, call: num1(Math.floor) },
  ceil: { params: 'x', doc: 'Smallest integer not below x.', min: 1, max: 1, call: num1(Math.ceil) },
  sqrt: { params: 'x', doc: 'Square root; null for negative x.', min: 1, max: 1, call: num1(Math.sqrt) },
  clamp: {
    params: 'x, lo, hi', doc: 'x limited to [lo, hi]; null when lo > hi.', min: 3, max: 3,
    call: (args) => {
      const x = toNumber(args[0] ?? null)
      const lo = toNumber(args[1] ?? null)
      const hi = toNumber(args[2] ?? null)
      if (x === null || lo === null || hi === null || lo > hi) return null
      return x < lo ? lo : x > hi ? hi : x
    },
  },
  if: {
    params: 'cond, then, else', doc: 'Like `cond ? then : else`; evaluates only the chosen branch.', min: 3, max: 3,
    acceptsNull: true,
    compile: (args) => {
      const [c, a, b] = args as [Evaluator, Evaluator, Evaluator]
      return (get) => {
        const t = toTruth(c(get))
        return t === null ? null : t ? a(get) : b(get)
      }
    },
  },
  fmt: {
    params: 'x, decimals', doc: 'Text of x with a fixed number of decimals (0-10).', min: 2, max: 2,
    call: (args) => {
      const x = toNumber(args[0] ?? null)
      const d = decimalsArg(args[1], 10)
      return x === null || d === null ? null : x.toFixed(Math.max(0, d))
    },
  },
  str: { params: 'x', doc: 'x as text.', min: 1, max: 1, call: (args) => toText(args[0] ?? null) },
  num: { params: 'x', doc: 'x as a number; null when text is not numeric.', min: 1, max: 1, call: (args) => toNumber(args[0] ?? null) },
  int: { params: 'x', doc: 'x truncated toward zero.', min: 1, max: 1, call: num1(Math.trunc) },
  bool: {
    params: 'x', doc: 'x as BOOL: non-zero numbers are true; text must be true/false/1/0.', min: 1, max: 1,
    call: (args) => {
      const v = args[0] ?? null
      if (typeof v !== 'string') return toTruth(v)
      return BOOL_TEXT.get(v.trim().toLowerCase()) ?? null
    },
  },
  len: { params: 's', doc: 'Length of the text of s.', min: 1, max: 1, call: (args) => (toText(args[0] ?? null) ?? '').length },
  upper: { params: 's', doc: 'Text in upper case.', min: 1, max: 1, call: (args) => (toText(args[0] ?? null) ?? '').toUpperCase() },
  lower: { params: 's', doc: 'Text in lower case.', min: 1, max: 1, call: (args) => (toText(args[0] ?? null) ?? '').toLowerCase() },
  pow: { params: 'x, y', doc: 'x to the power y (same as x ** y).', min: 2, max: 2, call: num2((x, y) => x ** y) },
  log: { params: 'x', doc: 'Natural logarithm; null for x <= 0.', min: 1, max: 1, call: num1(Math.log) },
  log10: { params: 'x', doc: 'Base-10 logarithm; null for x <= 0.', min: 1, max: 1, call: num1(Math.log10) },
  exp: { params: 'x', doc: 'e to the power x.', min: 1, max: 1, call: num1(Math.exp) },
  sin: { params: 'x', doc: 'Sine of x radians.', min: 1, max: 1, call: num1(Math.sin) },
  cos: { params: 'x', doc: 'Cosine of x radians.', min: 1, max: 1, call: num1(Math.cos) },
}

/** Lookup by lower-case name; a Map, so names like `constructor` never reach Object.prototype. */
export const FUNCTIONS: ReadonlyMap<string, ExprFunction> = new Map(Object.entries(table))

/** Names of all expression functions, for completion in the editor. */
export const ExprFunctions: readonly string[] = Object.freeze([...FUNCTIONS.keys()])

/** Signature and documentation of a function (case-insensitive), or undefined. */
export function getExprFunction(name: string): Pick<ExprFunction, 'params' | 'doc' | 'min' | 'max'> | undefined {
  const f = FUNCTIONS.get(name.toLowerCase())
  return f && { params: f.params, doc: f.doc, min: f.min, max: f.max }
}
