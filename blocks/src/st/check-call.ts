import type { Arg, Expr, Stmt } from './ast.js'
import { assignMessage, checkExpr } from './check-expr.js'
import { BAD, type Ctx, type Scope } from './ctx.js'
import { layoutPou } from './declare.js'
import { checkStd, isStdFunction } from './stdlib.js'
import type { PouInfo, Sym } from './symbols.js'
import { assignable, sameType, typeName, VOID, type FbType, type StType } from './types.js'

type CallX = Expr & { k: 'call' }

/** What a checked call statement or user-function call resolved to. */
export type CallTarget =
  | { k: 'user'; pou: PouInfo }
  | { k: 'fb'; type: FbType }
  | { k: 'fn'; call: CallX }

/** The formal parameters of an FB type, in call order (library blocks: inputs then outputs). */
export function fbParams(t: FbType): Sym[] {
  return t.pou ? t.pou.params : [...t.members.values()]
}

/** A call in an expression: a user FUNCTION or a standard function. */
export function checkCallExpr(ctx: Ctx, x: CallX, scope: Scope): StType {
  const pou = ctx.pous.get(x.fn)
  const at = { p: x.fp, e: x.fe }
  if (pou) {
    if (pou.kind !== 'FUNCTION') {
      ctx.err('E_ST_TYPE', at, `${pou.raw} is a ${pou.kind}; ${pou.kind === 'FUNCTION_BLOCK' ? 'declare an instance and call that' : 'programs are not called from ST'}`)
      return BAD
    }
    if (scope.constOnly) {
      ctx.err('E_ST_TYPE', x, 'an initial value must be a constant expression')
      return BAD
    }
    layoutPou(ctx, pou)
    scope.pou?.uses.add(pou)
    const bound = bindParams(ctx, pou.raw, pou.params, x.args, true, scope, x)
    if (!bound) return BAD
    x.target = { k: 'user', pou } satisfies CallTarget
    x.bound = bound
    return pou.ret ?? VOID
  }
  const v = scope.vars.get(x.fn)
  if (v && v.type.kind === 'fb') {
    ctx.err('E_ST_TYPE', x, `call the instance ${v.raw} as a statement (${v.raw}(...);), then read its outputs (${v.raw}.Q)`)
    return BAD
  }
  if (isStdFunction(x.fn)) return checkStd(ctx, x, scope)
  if (ctx.libFb(x.fn)) ctx.err('E_ST_TYPE', at, `${x.raw} is a function block type: declare an instance (t : ${x.raw};) and call it`)
  else ctx.err('E_ST_UNDECLARED', at, `unknown function ${x.raw}`)
  return BAD
}

/** A call statement: an FB instance call `t1(IN := x, Q => y);` or a function called for its effects. */
export function checkCallStmt(ctx: Ctx, s: Stmt & { k: 'call' }, scope: Scope): void {
  const c = s.callee
  if (c.k === 'name' && !scope.vars.has(c.name)) {
    const call: CallX = { k: 'call', fn: c.name, raw: c.raw, fp: c.p, fe: c.e, args: s.args, p: s.p, e: s.e }
    const t = checkExpr(ctx, call, scope)
    if (t !== BAD) s.target = { k: 'fn', call } satisfies CallTarget
    return
  }
  const t = checkExpr(ctx, c, scope)
  if (t === BAD) return
  if (t.kind !== 'fb') {
    ctx.err('E_ST_TYPE', c, `${typeName(t)} cannot be called; only function block instances and functions can`)
    return
  }
  const bound = bindParams(ctx, t.name, fbParams(t), s.args, false, scope, s)
  if (!bound) return
  if (t.pou) scope.pou?.uses.add(t.pou)
  s.target = { k: 'fb', type: t } satisfies CallTarget
  s.bound = bound
}

/**
 * Binds call arguments to formal parameters (named `IN := x` / `Q => y`, or positional for functions: inputs and
 * in-outs in declaration order) and type-checks each. Returns the argument per parameter, or null after reporting.
 */
function bindParams(ctx: Ctx, who: string, params: Sym[], args: Arg[], positional: boolean, scope: Scope, at: { p: number; e: number }): (Arg | undefined)[] | null {
  const bound: (Arg | undefined)[] = params.map(() => undefined)
  const inputs = params.map((p, i) => (p.vk === 'output' ? -1 : i)).filter((i) => i >= 0)
  let named = false
  let pos = 0
  for (const a of args) {
    let k: number
    if (a.name !== undefined) {
      named = true
      if (a.name === 'EN' || a.name === 'ENO') {
        ctx.err('E_UNSUPPORTED', a, 'EN/ENO are not supported')
        return null
      }
      k = params.findIndex((p) => p.name === a.name)
      if (k < 0) {
        ctx.err('E_ST_UNDECLARED', a, `${who} has no parameter ${a.raw}`)
        return null
      }
      const p = params[k]!
      if (a.out !== (p.vk === 'output')) {
        ctx.err('E_ST_SYNTAX', a, p.vk === 'output' ? `${p.raw} is an output: bind it with ${p.raw} => variable` : `${p.raw} is an input: pass it with ${p.raw} := value`)
        return null
      }
    } else {
      if (!positional) {
        ctx.err('E_ST_SYNTAX', a, `name the parameters of ${who}: ${who === 'TON' ? 'IN := x, PT := T#1s' : 'NAME := value'}`)
        return null
      }
      if (named) {
        ctx.err('E_ST_SYNTAX', a, 'positional arguments cannot follow named ones')
        return null
      }
      if (pos >= inputs.length) {
        ctx.err('E_ST_TYPE', a, `${who} takes ${inputs.length} argument${inputs.length === 1 ? '' : 's'}`)
        return null
      }
      k = inputs[pos++]!
    }
    if (bound[k]) {
      ctx.err('E_DUPLICATE', a, `${params[k]!.raw} is given twice`)
      return null
    }
    bound[k] = a
  }
  let ok = true
  params.forEach((p, i) => {
    const a = bound[i]
    if (!a) {
      if (p.vk === 'inout') {
        ctx.err('E_ST_TYPE', at, `${who}: VAR_IN_OUT ${p.raw} must be given`)
        ok = false
      }
      return
    }
    const what = `${who}.${p.raw}`
    if (p.vk === 'input') {
      const t = checkExpr(ctx, a.value, scope)
      if (t === BAD) ok = false
      else if (!assignable(t, p.type, a.value.cv)) {
        ctx.err('E_ST_TYPE', a.value, assignMessage(t, p.type, a.value.cv, what))
        ok = false
      }
      return
    }
    const t = checkPlace(ctx, a.value, scope)
    if (t === BAD) ok = false
    else if (p.vk === 'inout' ? !sameType(t, p.type) : !assignable(p.type, t)) {
      ctx.err('E_ST_TYPE', a.value, p.vk === 'inout'
        ? `${what} is VAR_IN_OUT ${typeName(p.type)}; pass a variable of exactly that type, not ${typeName(t)}`
        : assignMessage(p.type, t, undefined, what))
      ok = false
    }
  })
  return ok ? bound : null
}

/** Checks an expression that is written to; reports constants, inputs and FB outputs. */
export function checkPlace(ctx: Ctx, x: Expr, scope: Scope): StType {
  if (x.k !== 'name' && x.k !== 'member' && x.k !== 'index') {
    ctx.err('E_ST_TYPE', x, 'only a variable can be written')
    return BAD
  }
  const t = checkExpr(ctx, x, scope)
  if (t === BAD) return BAD
  const problem = writeProblem(x, scope)
  if (problem) {
    ctx.err('E_ST_READONLY', x, problem)
    return BAD
  }
  return t
}

function writeProblem(x: Expr, scope: Scope): string | null {
  let cur = x
  for (;;) {
    if (cur.k === 'member') {
      const ot = cur.obj.ty
      if (ot?.kind === 'fb' && ot.members.get(cur.name)?.vk === 'output') return `${cur.raw} is an output of ${ot.name} and is written by it`
      cur = cur.obj
    } else if (cur.k === 'index') {
      cur = cur.obj
    } else break
  }
  if (cur.k !== 'name') return 'only a variable can be written'
  const sym = cur.sym
  if (!sym) return `${cur.raw} is a constant`
  if (sym.constant) return `${sym.raw} is a CONSTANT`
  if (sym.vk === 'input' && scope.pou?.vars.get(sym.name) === sym) {
    return `${sym.raw} is a VAR_INPUT of ${scope.pou.raw}; inputs are read-only inside`
  }
  return null
}

