import type { BinOp, Expr } from './ast.js'
import { checkCallExpr } from './check-call.js'
import { BAD, type Ctx, type Scope } from './ctx.js'
import { foldBin, foldNeg, foldNot } from './fold.js'
import {
  ANY_INT, ANY_REAL, commonType, concrete, ELEM_ALIASES, fits, intInfo, isBool, isInt, isNum, isReal, isString,
  isTime, T, typeName, type StType,
} from './types.js'

const ARITH = new Set<BinOp>(['+', '-', '*', '/'])
const COMPARE = new Set<BinOp>(['<', '>', '<=', '>=', '=', '<>'])

/**
 * Types an expression and annotates it in place: `ty` (its type), `cv` (its value when constant), `sym` on names,
 * `ot` (operand type) on binary operators. Returns BAD after reporting an error, so callers stay quiet.
 */
export function checkExpr(ctx: Ctx, x: Expr, scope: Scope): StType {
  const t = check(ctx, x, scope)
  if (t !== BAD) x.ty = t
  return t
}

function check(ctx: Ctx, x: Expr, scope: Scope): StType {
  switch (x.k) {
    case 'num': return checkNumber(ctx, x)
    case 'bool':
      x.cv = x.v ? 1 : 0
      return T.BOOL
    case 'time':
      x.cv = x.v
      return T.TIME
    case 'str':
      x.cv = x.v
      return T.STRING
    case 'name': return checkName(ctx, x, scope)
    case 'member': return checkMember(ctx, x, scope)
    case 'index': return checkIndex(ctx, x, scope)
    case 'call': return checkCallExpr(ctx, x, scope)
    case 'unary': return checkUnary(ctx, x, scope)
    case 'bin': return checkBin(ctx, x, scope)
  }
}

function checkNumber(ctx: Ctx, x: Expr & { k: 'num' }): StType {
  x.cv = x.v
  if (!x.typed) {
    if (!x.real && !Number.isSafeInteger(x.v)) ctx.warn('E_ST_TYPE', x, 'integer literal beyond 2^53 loses precision')
    return x.real ? ANY_REAL : ANY_INT
  }
  const t = ELEM_ALIASES.get(x.typed)
  if (!t || !isNum(t)) {
    ctx.err('E_ST_TYPE', x, `${x.typed}# does not take a number`)
    return BAD
  }
  if (isInt(t) && (x.real || !fits(x.v, t))) {
    ctx.err('E_ST_TYPE', x, `${x.v} does not fit ${t.name}`)
    return BAD
  }
  return t
}

function checkName(ctx: Ctx, x: Expr & { k: 'name' }, scope: Scope): StType {
  if (x.qual) {
    const et = ctx.types.get(x.qual)?.type
    const v = et?.kind === 'enum' ? et.values.get(x.name) : undefined
    if (!et || et.kind !== 'enum' || v === undefined) {
      ctx.err('E_ST_UNDECLARED', x, et?.kind === 'enum' ? `${et.name} has no value ${x.raw}` : `unknown enumeration ${x.qual}`)
      return BAD
    }
    x.cv = v
    return et
  }
  const sym = scope.vars.get(x.name)
  if (sym) {
    sym.used = true
    if (scope.constOnly && sym.cv === undefined) {
      ctx.err('E_ST_TYPE', x, `${x.raw} is not a constant`)
      return BAD
    }
    x.sym = sym
    if (sym.cv !== undefined) x.cv = sym.cv
    return sym.type
  }
  const values = ctx.enumValues.get(x.name)
  if (values && values.length === 1) {
    x.cv = values[0]!.value
    return values[0]!.type
  }
  if (values && values.length > 1) {
    ctx.err('E_ST_TYPE', x, `${x.raw} is a value of several enumerations; write ${values[0]!.type.name}#${x.raw}`)
    return BAD
  }
  if (ctx.pous.get(x.name)?.kind === 'FUNCTION') ctx.err('E_ST_TYPE', x, `${x.raw} is a function: call it with (...)`)
  else ctx.err('E_ST_UNDECLARED', x, `${x.raw} is not declared`)
  return BAD
}

function checkMember(ctx: Ctx, x: Expr & { k: 'member' }, scope: Scope): StType {
  const ot = checkExpr(ctx, x.obj, { ...scope, constOnly: false })
  if (ot === BAD) return BAD
  if (scope.constOnly) {
    ctx.err('E_ST_TYPE', x, 'an initial value must be a constant expression')
    return BAD
  }
  const at = { p: x.np, e: x.e }
  if (ot.kind === 'struct') {
    const f = ot.fields.get(x.name)
    if (!f) {
      ctx.err('E_ST_UNDECLARED', at, `${ot.name} has no member ${x.raw}`)
      return BAD
    }
    return f.type
  }
  if (ot.kind === 'fb') {
    const m = ot.members.get(x.name)
    if (!m || m.vk === 'return') {
      ctx.err('E_ST_UNDECLARED', at, `${ot.name} has no input or output ${x.raw}`)
      return BAD
    }
    if (m.vk !== 'input' && m.vk !== 'output') {
      ctx.err('E_ST_TYPE', at, `${x.raw} is internal to ${ot.name}; only inputs and outputs are visible outside`)
      return BAD
    }
    return m.type
  }
  ctx.err('E_ST_TYPE', at, `${typeName(ot)} has no members`)
  return BAD
}

function checkIndex(ctx: Ctx, x: Expr & { k: 'index' }, scope: Scope): StType {
  const ot = checkExpr(ctx, x.obj, { ...scope, constOnly: false })
  if (ot === BAD) return BAD
  if (scope.constOnly) {
    ctx.err('E_ST_TYPE', x, 'an initial value must be a constant expression')
    return BAD
  }
  if (ot.kind !== 'array') {
    ctx.err('E_ST_TYPE', x.obj, `${typeName(ot)} is not an array`)
    return BAD
  }
  if (x.idx.length !== ot.dims.length) {
    ctx.err('E_ST_TYPE', x, `${ot.name} takes ${ot.dims.length} index${ot.dims.length > 1 ? 'es' : ''}, not ${x.idx.length}`)
    return BAD
  }
  let ok = true
  x.idx.forEach((ix, i) => {
    const it = checkExpr(ctx, ix, scope)
    if (it === BAD) { ok = false; return }
    if (!isInt(it) && it.kind !== 'enum') {
      ctx.err('E_ST_TYPE', ix, `an array index must be an integer, not ${typeName(it)}`)
      ok = false
      return
    }
    const d = ot.dims[i]!
    if (typeof ix.cv === 'number' && (ix.cv < d.lo || ix.cv > d.hi)) {
      ctx.err('E_ST_INDEX', ix, `index ${ix.cv} is outside ${d.lo}..${d.hi}`)
      ok = false
    }
  })
  return ok ? ot.elem : BAD
}

function checkUnary(ctx: Ctx, x: Expr & { k: 'unary' }, scope: Scope): StType {
  const t = checkExpr(ctx, x.x, scope)
  if (t === BAD) return BAD
  const v = x.x.cv
  if (x.op === 'NOT') {
    if (isBool(t) || (isInt(t) && t !== ANY_INT)) {
      if (typeof v === 'number') x.cv = foldNot(t, v)
      return t
    }
    ctx.err('E_ST_TYPE', x, t === ANY_INT ? 'NOT of an untyped number is ambiguous; write e.g. WORD#5' : `NOT takes BOOL or an integer, not ${typeName(t)}`)
    return BAD
  }
  if (!isNum(t) && !isTime(t)) {
    ctx.err('E_ST_TYPE', x, `unary ${x.op} takes a number or TIME, not ${typeName(t)}`)
    return BAD
  }
  if (typeof v === 'number') x.cv = x.op === '-' ? foldNeg(t, v) : v
  return t
}

function checkBin(ctx: Ctx, x: Expr & { k: 'bin' }, scope: Scope): StType {
  const a = checkExpr(ctx, x.a, scope)
  const b = checkExpr(ctx, x.b, scope)
  if (a === BAD || b === BAD) return BAD
  const result = binType(ctx, x, a, b)
  if (result === BAD) return BAD
  const av = x.a.cv
  const bv = x.b.cv
  if (bv === 0 && (x.op === 'MOD' || (x.op === '/' && isInt(x.ot!)))) {
    ctx.err('E_ST_DIV_ZERO', x.b, 'integer division by zero')
    return BAD
  }
  if (av !== undefined && bv !== undefined) {
    const r = foldBin(x.op, x.ot!, av, bv)
    if (typeof r === 'object') {
      ctx.err('E_ST_DIV_ZERO', x.b, 'division by zero')
      return BAD
    }
    x.cv = r
  }
  return result
}

function mismatch(ctx: Ctx, x: Expr & { k: 'bin' }, a: StType, b: StType): StType {
  const bools = isBool(a) !== isBool(b)
  ctx.err('E_ST_TYPE', x, `${x.op} cannot combine ${typeName(a)} and ${typeName(b)}${bools ? ' (BOOL is not a number)' : ''}`)
  return BAD
}

/** Result type of a binary operator; sets `x.ot`, the type the operation is computed in. */
function binType(ctx: Ctx, x: Expr & { k: 'bin' }, a: StType, b: StType): StType {
  const op = x.op
  if (ARITH.has(op) && (isTime(a) || isTime(b))) {
    if ((op === '+' || op === '-') && isTime(a) && isTime(b)) return (x.ot = T.TIME)
    if (op === '*' && ((isTime(a) && isNum(b)) || (isNum(a) && isTime(b)))) return ((x.ot = T.LREAL), T.TIME)
    if (op === '/' && isTime(a) && isNum(b)) return ((x.ot = T.LREAL), T.TIME)
    return mismatch(ctx, x, a, b)
  }
  if (ARITH.has(op) || op === 'MOD') {
    if (!isNum(a) || !isNum(b)) return mismatch(ctx, x, a, b)
    const c = commonType(a, b, x.a.cv, x.b.cv)
    if (!c) return mismatch(ctx, x, a, b)
    if (op === 'MOD' && !isInt(c)) {
      ctx.err('E_ST_TYPE', x, `MOD takes integers, not ${typeName(c)}`)
      return BAD
    }
    x.ot = c
    return c
  }
  if (op === '**') {
    if (!isNum(a) || !isNum(b)) return mismatch(ctx, x, a, b)
    if (!isReal(a) && a !== ANY_INT) {
      ctx.err('E_ST_TYPE', x.a, `** needs a REAL or LREAL base, not ${typeName(a)}; convert it first (e.g. INT_TO_REAL)`)
      return BAD
    }
    const r = a === ANY_INT ? ANY_REAL : a
    x.ot = r
    return r
  }
  if (COMPARE.has(op)) {
    let c: StType | null = null
    if (isBool(a) || isBool(b)) c = isBool(a) && isBool(b) ? T.BOOL : null
    else if (isString(a) || isString(b)) c = isString(a) && isString(b) ? T.STRING : null
    else if (isTime(a) || isTime(b)) c = isTime(a) && isTime(b) ? T.TIME : null
    else if (a.kind === 'enum' || b.kind === 'enum') c = a === b ? a : null
    else if (isNum(a) && isNum(b)) c = commonType(a, b, x.a.cv, x.b.cv)
    if (!c) return mismatch(ctx, x, a, b)
    x.ot = c
    return T.BOOL
  }
  // AND / OR / XOR
  if (isBool(a) && isBool(b)) return (x.ot = T.BOOL)
  if (isInt(a) && isInt(b)) {
    const c = commonType(a, b, x.a.cv, x.b.cv)
    if (!c) return mismatch(ctx, x, a, b)
    if (c === ANY_INT && (x.a.cv === undefined || x.b.cv === undefined)) return mismatch(ctx, x, a, b)
    x.ot = c
    return c
  }
  return mismatch(ctx, x, a, b)
}

/** Message for a value of type `src` that cannot go where `dst` is expected. */
export function assignMessage(src: StType, dst: StType, cv: number | string | undefined, what: string): string {
  if (src.kind === 'lit' && typeof cv === 'number' && isInt(dst)) {
    if (src === ANY_REAL) return `${what}: ${cv} is a REAL literal, ${typeName(dst)} needs an integer`
    const info = intInfo(dst)!
    return `${what}: ${cv} does not fit ${typeName(dst)} (${info.min}..${info.max})`
  }
  if (isTime(dst) && src.kind === 'lit') return `${what}: TIME needs a duration literal such as T#${cv ?? 0}ms`
  const s = typeName(concrete(src))
  const d = typeName(dst)
  if (isNum(src) && isNum(dst)) return `${what}: ${s} does not convert implicitly to ${d}; use ${s}_TO_${d}`
  return `${what}: ${s} cannot be assigned to ${d}`
}
