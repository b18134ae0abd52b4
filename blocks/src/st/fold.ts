import type { BinOp } from './ast.js'
import { bit64, idiv, imod, imul, wrap, WRAP_CODES, WRAP_NONE } from './arith.js'
import { intInfo, isBool, type IntName, type StType } from './types.js'

/** Wrap code of an integer type (see arith.ts); WRAP_NONE for everything else, untyped literals included. */
export function wrapCode(t: StType): number {
  return t.kind === 'elem' && t.name in WRAP_CODES ? WRAP_CODES[t.name as IntName] : WRAP_NONE
}

export const is64 = (t: StType): boolean => (intInfo(t)?.bits ?? 0) === 64

export type Folded = number | string | { error: 'div0' }

/**
 * Folds a binary operation whose operands are constants. `ot` is the operand type the checker chose; the result
 * matches what the VM computes for the same operands.
 */
export function foldBin(op: BinOp, ot: StType, a: number | string, b: number | string): Folded {
  if (typeof a === 'string' || typeof b === 'string') {
    const x = String(a)
    const y = String(b)
    switch (op) {
      case '=': return x === y ? 1 : 0
      case '<>': return x !== y ? 1 : 0
      case '<': return x < y ? 1 : 0
      case '>': return x > y ? 1 : 0
      case '<=': return x <= y ? 1 : 0
      case '>=': return x >= y ? 1 : 0
      default: return 0
    }
  }
  const info = intInfo(ot)
  const isIntOp = info !== undefined || ot.name === 'ANY_INT'
  const code = wrapCode(ot)
  switch (op) {
    case '+': return wrap(a + b, code)
    case '-': return wrap(a - b, code)
    case '*': return isIntOp ? (code === WRAP_NONE ? a * b : imul(a, b, code)) : a * b
    case '/':
      if (!isIntOp) return a / b
      if (b === 0) return { error: 'div0' }
      return wrap(idiv(a, b), code)
    case 'MOD':
      if (b === 0) return { error: 'div0' }
      return imod(a, b)
    case '**': return Math.pow(a, b)
    case '=': return a === b ? 1 : 0
    case '<>': return a !== b ? 1 : 0
    case '<': return a < b ? 1 : 0
    case '>': return a > b ? 1 : 0
    case '<=': return a <= b ? 1 : 0
    case '>=': return a >= b ? 1 : 0
    case 'AND':
    case 'OR':
    case 'XOR': {
      if (isBool(ot)) return op === 'AND' ? a & b : op === 'OR' ? a | b : a ^ b
      if (is64(ot)) return bit64(op === 'AND' ? 'and' : op === 'OR' ? 'or' : 'xor', a, b, info!.signed)
      return wrap(op === 'AND' ? a & b : op === 'OR' ? a | b : a ^ b, code)
    }
  }
}

export function foldNeg(t: StType, a: number): number {
  return wrap(-a, wrapCode(t))
}

export function foldNot(t: StType, a: number): number {
  if (isBool(t)) return a === 0 ? 1 : 0
  if (is64(t)) return bit64('not', a, 0, intInfo(t)!.signed)
  return wrap(~a, wrapCode(t))
}
