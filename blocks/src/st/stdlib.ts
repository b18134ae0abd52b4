import type { BinOp, Expr } from './ast.js'
import { assignMessage, checkExpr } from './check-expr.js'
import { BAD, type Ctx, type Scope } from './ctx.js'
import { wrapCode } from './fold.js'
import { convNum, fromStr, MATH1, math1, numConv, shiftOp, STR_FNS, toStr, type StrFn } from './natives.js'
import { wrap } from './arith.js'
import {
  ANY_INT, ANY_REAL, assignable, commonType, ELEM_ALIASES, isBool, isInt, isNum, isReal, isString, isTime, T, typeName,
  type StType,
} from './types.js'

/** A standard function call after checking; the code generator switches on `k`. */
export type StdCall =
  | { k: 'lowered'; x: Expr }
  | { k: 'math'; fn: number; args: Expr[] }
  | { k: 'sel'; args: Expr[] }
  | { k: 'minmax'; max: boolean; args: Expr[] }
  | { k: 'limit'; args: Expr[] }
  | { k: 'mux'; args: Expr[] }
  | { k: 'conv'; from: StType; to: StType; trunc: boolean; args: Expr[] }
  | { k: 'shift'; op: 'shl' | 'shr' | 'rol' | 'ror'; args: Expr[] }
  | { k: 'str'; fn: StrFn; args: Expr[] }

type CallX = Expr & { k: 'call' }

const LOWER_BIN: Record<string, { op: BinOp; ext: boolean }> = {
  ADD: { op: '+', ext: true }, MUL: { op: '*', ext: true }, SUB: { op: '-', ext: false }, DIV: { op: '/', ext: false },
  MOD: { op: 'MOD', ext: false }, EXPT: { op: '**', ext: false }, AND: { op: 'AND', ext: true },
  OR: { op: 'OR', ext: true }, XOR: { op: 'XOR', ext: true },
}
const LOWER_CMP: Record<string, BinOp> = { GT: '>', GE: '>=', EQ: '=', LE: '<=', LT: '<', NE: '<>' }
const STR_FORMALS: Record<StrFn, string[] | 'ext'> = {
  LEN: ['IN'], LEFT: ['IN', 'L'], RIGHT: ['IN', 'L'], MID: ['IN', 'L', 'P'], CONCAT: 'ext', FIND: ['IN1', 'IN2'],
  INSERT: ['IN1', 'IN2', 'P'], DELETE: ['IN', 'L', 'P'], REPLACE: ['IN1', 'IN2', 'L', 'P'],
}

/** Is `name` a standard function (including conversions such as INT_TO_REAL, TO_LREAL, TRUNC_INT)? */
export function isStdFunction(name: string): boolean {
  return name in LOWER_BIN || name in LOWER_CMP || name === 'NOT' || name === 'MOVE' || (MATH1 as readonly string[]).includes(name)
    || ['SEL', 'MAX', 'MIN', 'LIMIT', 'MUX', 'SHL', 'SHR', 'ROL', 'ROR'].includes(name)
    || (STR_FNS as readonly string[]).includes(name) || parseConv(name) !== null
}

function parseConv(name: string): { from?: StType; to: StType; trunc: boolean } | null {
  if (name === 'TRUNC') return { to: T.DINT, trunc: true }
  const m = /^(?:([A-Z]+)_)?(TO|TRUNC)_([A-Z]+)$/.exec(name)
  if (!m) return null
  const to = ELEM_ALIASES.get(m[3]!)
  const from = m[1] !== undefined ? ELEM_ALIASES.get(m[1]) : undefined
  if (!to || (m[1] !== undefined && !from)) return null
  const trunc = m[2] === 'TRUNC'
  if (trunc && (!isInt(to) || (from && !isReal(from)))) return null
  return { from, to, trunc }
}

/** Binds arguments to formal names (or IN1..INn for extensible functions); null after reporting. */
/** Extensible functions take at most this many arguments (their lowered operator chains are walked recursively). */
const MAX_EXT_ARGS = 128

function bind(ctx: Ctx, x: CallX, formals: string[] | 'ext', min: number, extPrefix = 'IN', extStart = 1, lead: string[] = []): Expr[] | null {
  if (x.args.length > MAX_EXT_ARGS) {
    ctx.err('E_ST_LIMIT', x, `${x.raw} takes at most ${MAX_EXT_ARGS} arguments`)
    return null
  }
  const out: Expr[] = []
  const byName = (n: string): number => {
    const li = lead.indexOf(n)
    if (li >= 0) return li
    if (formals === 'ext') {
      const m = new RegExp(`^${extPrefix}(\\d+)$`).exec(n)
      return m ? lead.length + Number(m[1]) - extStart : -1
    }
    return formals.indexOf(n)
  }
  let named = false
  for (const [i, a] of x.args.entries()) {
    if (a.out) {
      ctx.err('E_ST_TYPE', a, `${x.raw} has no outputs to bind with =>`)
      return null
    }
    if (a.name === 'EN' || a.name === 'ENO') {
      ctx.err('E_UNSUPPORTED', a, 'EN/ENO are not supported')
      return null
    }
    if (a.name !== undefined) {
      named = true
      const k = byName(a.name)
      if (k < 0 || (formals !== 'ext' && k >= formals.length)) {
        ctx.err('E_ST_UNDECLARED', a, `${x.raw} has no parameter ${a.raw}`)
        return null
      }
      if (out[k]) {
        ctx.err('E_DUPLICATE', a, `${a.raw} is given twice`)
        return null
      }
      out[k] = a.value
    } else {
      if (named) {
        ctx.err('E_ST_SYNTAX', a, 'positional arguments cannot follow named ones')
        return null
      }
      out[i] = a.value
    }
  }
  const max = formals === 'ext' ? Infinity : formals.length
  const n = out.length
  for (let i = 0; i < n; i++) {
    if (!out[i]) {
      ctx.err('E_ST_TYPE', x, `${x.raw}: parameter ${i + 1} is missing`)
      return null
    }
  }
  if (n < min || n > max) {
    ctx.err('E_ST_TYPE', x, `${x.raw} takes ${max === Infinity ? `at least ${min}` : min === max ? min : `${min} to ${max}`} argument${min === 1 && max === 1 ? '' : 's'}, not ${n}`)
    return null
  }
  return out
}

function all(ctx: Ctx, args: Expr[], scope: Scope): StType[] | null {
  const ts = args.map((a) => checkExpr(ctx, a, scope))
  return ts.includes(BAD) ? null : ts
}

/** Common type of several arguments, or null after reporting. */
function common(ctx: Ctx, x: CallX, args: Expr[], ts: StType[], allow: (t: StType) => boolean): StType | null {
  let c: StType | null = ts[0]!
  let cv = args[0]!.cv
  for (let i = 1; i < ts.length && c; i++) {
    const t = ts[i]!
    if (isNum(c) && isNum(t)) c = commonType(c, t, cv, args[i]!.cv)
    else c = c === t || (c.kind === 'elem' && t.kind === 'elem' && c.name === t.name) ? c : null
    cv = cv !== undefined && args[i]!.cv !== undefined ? cv : undefined
  }
  if (!c || !allow(c)) {
    ctx.err('E_ST_TYPE', x, `${x.raw} cannot combine ${ts.map(typeName).join(', ')}`)
    return null
  }
  return c
}

const consts = (args: Expr[]): boolean => args.every((a) => a.cv !== undefined)

/** Checks a call of a standard function; returns its result type, annotating `x.target` and `x.cv`. */
export function checkStd(ctx: Ctx, x: CallX, scope: Scope): StType {
  const r = checkStdInner(ctx, x, scope)
  return r ?? BAD
}

function checkStdInner(ctx: Ctx, x: CallX, scope: Scope): StType | null {
  const name = x.fn
  const lb = LOWER_BIN[name]
  const lc = LOWER_CMP[name]
  if (lb || lc || name === 'NOT' || name === 'MOVE') {
    const ext = lb ? lb.ext : !!lc
    const min = name === 'NOT' || name === 'MOVE' ? 1 : 2
    const args = bind(ctx, x, ext ? 'ext' : min === 1 ? ['IN'] : ['IN1', 'IN2'], min)
    if (!args) return null
    let low: Expr
    const at = { p: x.p, e: x.e }
    if (name === 'NOT') low = { k: 'unary', op: 'NOT', x: args[0]!, ...at }
    else if (name === 'MOVE') low = args[0]!
    else if (lb) low = args.slice(1).reduce<Expr>((a, b) => ({ k: 'bin', op: lb.op, a, b, ...at }), args[0]!)
    else {
      // GT(a, b, c) = a > b AND b > c: IEC's extensible comparison.
      low = { k: 'bin', op: lc!, a: args[0]!, b: args[1]!, ...at }
      for (let i = 2; i < args.length; i++) low = { k: 'bin', op: 'AND', a: low, b: { k: 'bin', op: lc!, a: args[i - 1]!, b: args[i]!, ...at }, ...at }
    }
    const t = checkExpr(ctx, low, scope)
    if (t === BAD) return null
    x.target = { k: 'lowered', x: low } satisfies StdCall
    x.cv = low.cv
    return t
  }
  const mi = (MATH1 as readonly string[]).indexOf(name)
  if (mi >= 0) {
    const args = bind(ctx, x, ['IN'], 1)
    const ts = args && all(ctx, args, scope)
    if (!args || !ts) return null
    let t = ts[0]!
    if (mi === 0 ? !isNum(t) : !(isReal(t) || t === ANY_INT)) {
      ctx.err('E_ST_TYPE', args[0]!, mi === 0 ? `ABS takes a number, not ${typeName(t)}` : `${name} takes REAL or LREAL, not ${typeName(t)}${isInt(t) ? `; use ${typeName(t)}_TO_LREAL` : ''}`)
      return null
    }
    if (mi > 0 && t === ANY_INT) t = ANY_REAL
    const v = args[0]!.cv
    if (typeof v === 'number') x.cv = mi === 0 ? wrap(math1(0, v), wrapCode(t)) : math1(mi, v)
    x.target = { k: 'math', fn: mi, args } satisfies StdCall
    x.ot = t
    return t
  }
  switch (name) {
    case 'SEL': {
      const args = bind(ctx, x, ['G', 'IN0', 'IN1'], 3)
      const ts = args && all(ctx, args, scope)
      if (!args || !ts) return null
      if (!isBool(ts[0]!)) {
        ctx.err('E_ST_TYPE', args[0]!, `SEL's G must be BOOL, not ${typeName(ts[0]!)}`)
        return null
      }
      const c = common(ctx, x, args.slice(1), ts.slice(1), (t) => t.kind === 'elem' || t.kind === 'lit' || t.kind === 'enum')
      if (!c) return null
      if (consts(args)) x.cv = args[0]!.cv ? args[2]!.cv : args[1]!.cv
      x.target = { k: 'sel', args } satisfies StdCall
      x.ot = c
      return c
    }
    case 'MAX':
    case 'MIN':
    case 'LIMIT': {
      const args = name === 'LIMIT' ? bind(ctx, x, ['MN', 'IN', 'MX'], 3) : bind(ctx, x, 'ext', 2)
      const ts = args && all(ctx, args, scope)
      if (!args || !ts) return null
      const c = common(ctx, x, args, ts, (t) => isNum(t) || isTime(t))
      if (!c) return null
      if (consts(args)) {
        const v = args.map((a) => a.cv as number)
        x.cv = name === 'MAX' ? Math.max(...v) : name === 'MIN' ? Math.min(...v) : Math.min(Math.max(v[1]!, v[0]!), v[2]!)
      }
      x.target = (name === 'LIMIT' ? { k: 'limit', args } : { k: 'minmax', max: name === 'MAX', args }) satisfies StdCall
      x.ot = c
      return c
    }
    case 'MUX': {
      const args = bind(ctx, x, 'ext', 3, 'IN', 0, ['K'])
      const ts = args && all(ctx, args, scope)
      if (!args || !ts) return null
      if (!isInt(ts[0]!)) {
        ctx.err('E_ST_TYPE', args[0]!, `MUX's K must be an integer, not ${typeName(ts[0]!)}`)
        return null
      }
      const c = common(ctx, x, args.slice(1), ts.slice(1), (t) => t.kind === 'elem' || t.kind === 'lit' || t.kind === 'enum')
      if (!c) return null
      if (consts(args)) {
        const k = Math.max(0, Math.min(args.length - 2, Math.trunc(args[0]!.cv as number)))
        x.cv = args[1 + k]!.cv
      }
      x.target = { k: 'mux', args } satisfies StdCall
      x.ot = c
      return c
    }
    case 'SHL':
    case 'SHR':
    case 'ROL':
    case 'ROR': {
      const args = bind(ctx, x, ['IN', 'N'], 2)
      const ts = args && all(ctx, args, scope)
      if (!args || !ts) return null
      if (!isInt(ts[0]!) || ts[0] === ANY_INT || !isInt(ts[1]!)) {
        ctx.err('E_ST_TYPE', x, ts[0] === ANY_INT ? `${name} needs a typed value, e.g. WORD#16#FF` : `${name} takes an integer and a shift count`)
        return null
      }
      const op = name.toLowerCase() as 'shl' | 'shr' | 'rol' | 'ror'
      if (consts(args)) x.cv = shiftOp(op, args[0]!.cv as number, args[1]!.cv as number, ts[0]!)
      x.target = { k: 'shift', op, args } satisfies StdCall
      x.ot = ts[0]!
      return ts[0]!
    }
  }
  const si = (STR_FNS as readonly string[]).indexOf(name)
  if (si >= 0) return checkStrFn(ctx, x, scope, name as StrFn)
  const conv = parseConv(name)
  if (conv) return checkConv(ctx, x, scope, conv)
  ctx.err('E_ST_UNDECLARED', { p: x.fp, e: x.fe }, `unknown function ${x.raw}`)
  return null
}

function checkStrFn(ctx: Ctx, x: CallX, scope: Scope, fn: StrFn): StType | null {
  const formals = STR_FORMALS[fn]
  const args = bind(ctx, x, formals, formals === 'ext' ? 2 : formals.length)
  const ts = args && all(ctx, args, scope)
  if (!args || !ts) return null
  const shape = formals === 'ext' ? args.map(() => 'IN') : formals
  for (const [i, f] of shape.entries()) {
    const wantString = f.startsWith('IN')
    const t = ts[i]!
    if (wantString ? !isString(t) : !isInt(t)) {
      ctx.err('E_ST_TYPE', args[i]!, `${fn}: ${f} must be ${wantString ? 'a STRING' : 'an integer'}, not ${typeName(t)}`)
      return null
    }
  }
  x.target = { k: 'str', fn, args } satisfies StdCall
  return fn === 'LEN' || fn === 'FIND' ? T.INT : T.STRING
}

function checkConv(ctx: Ctx, x: CallX, scope: Scope, conv: { from?: StType; to: StType; trunc: boolean }): StType | null {
  const args = bind(ctx, x, ['IN'], 1)
  const ts = args && all(ctx, args, scope)
  if (!args || !ts) return null
  const t = ts[0]!
  const a = args[0]!
  const scalar = t.kind === 'elem' || t.kind === 'lit' || t.kind === 'enum'
  if (!scalar || (conv.from && !assignable(t, conv.from, a.cv)) || (conv.trunc && !isReal(t))) {
    ctx.err('E_ST_TYPE', a, conv.from ? assignMessage(t, conv.from, a.cv, x.raw) : `${x.raw} cannot convert ${typeName(t)}`)
    return null
  }
  const from = conv.from ?? (t.kind === 'enum' ? T.DINT : t)
  if (a.cv !== undefined) x.cv = foldConv(a.cv, from, conv.to, conv.trunc)
  x.target = { k: 'conv', from, to: conv.to, trunc: conv.trunc, args } satisfies StdCall
  return conv.to
}

export function foldConv(v: number | string, from: StType, to: StType, trunc: boolean): number | string {
  if (isString(to)) return typeof v === 'string' ? v : toStr(v, from)
  if (typeof v === 'string') return fromStr(v, to)
  const c = numConv(from, to, trunc)
  return convNum(v, c.kind, c.code, c.lo, c.hi)
}

