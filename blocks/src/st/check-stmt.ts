import type { Expr, Stmt } from './ast.js'
import { checkCallStmt, checkPlace } from './check-call.js'
import { assignMessage, checkExpr } from './check-expr.js'
import { BAD, type Ctx, type Scope } from './ctx.js'
import type { PouInfo } from './symbols.js'
import { assignable, isBool, isInt, isString, typeName, type StType } from './types.js'

/** Checks a POU body and warns about local variables that are never used. */
export function checkPou(ctx: Ctx, pou: PouInfo): void {
  const scope: Scope = { vars: pou.vars, pou, constOnly: false }
  new StmtChecker(ctx, scope).block(pou.decl.body)
  for (const s of pou.order) {
    if (!s.used && s.decl && (s.vk === 'var' || s.vk === 'temp')) ctx.warn('E_ST_UNUSED', s.decl, `${s.raw} is declared but never used`)
  }
}

class StmtChecker {
  private loops = 0

  constructor(private readonly ctx: Ctx, private readonly scope: Scope) {}

  block(stmts: Stmt[]): void {
    for (const s of stmts) this.stmt(s)
  }

  private cond(x: Expr, what: string): void {
    const t = checkExpr(this.ctx, x, this.scope)
    if (t !== BAD && !isBool(t)) this.ctx.err('E_ST_TYPE', x, `${what} must be BOOL, not ${typeName(t)}`)
  }

  private loop(body: Stmt[]): void {
    this.loops++
    this.block(body)
    this.loops--
  }

  private stmt(s: Stmt): void {
    const { ctx, scope } = this
    switch (s.k) {
      case 'assign': {
        const tt = checkPlace(ctx, s.target, scope)
        const vt = checkExpr(ctx, s.value, scope)
        if (tt === BAD || vt === BAD) return
        if (tt.kind === 'fb') {
          ctx.err('E_ST_TYPE', s.target, 'function block instances cannot be assigned')
          return
        }
        if (!assignable(vt, tt, s.value.cv)) {
          ctx.err('E_ST_TYPE', s.value, assignMessage(vt, tt, s.value.cv, `assignment to ${this.text(s.target)}`))
          return
        }
        if (isString(tt) && tt.kind === 'elem' && typeof s.value.cv === 'string' && s.value.cv.length > tt.maxLen) {
          ctx.warn('E_ST_TYPE', s.value, `string is longer than ${tt.maxLen} characters and will be cut`)
        }
        return
      }
      case 'call': return checkCallStmt(ctx, s, scope)
      case 'if':
        for (const arm of s.arms) {
          this.cond(arm.cond, 'an IF condition')
          this.block(arm.body)
        }
        if (s.else) this.block(s.else)
        return
      case 'case': return this.caseStmt(s)
      case 'for': return this.forStmt(s)
      case 'while':
        this.cond(s.cond, 'a WHILE condition')
        return this.loop(s.body)
      case 'repeat':
        this.loop(s.body)
        return this.cond(s.cond, 'an UNTIL condition')
      case 'exit':
      case 'continue':
        if (this.loops === 0) ctx.err('E_ST_SYNTAX', s, `${s.k.toUpperCase()} outside a loop`)
        return
      case 'return':
      case 'empty':
        return
    }
  }

  private text(x: Expr): string {
    return x.k === 'name' ? x.raw : x.k === 'member' ? x.raw : 'element'
  }

  private caseStmt(s: Stmt & { k: 'case' }): void {
    const { ctx, scope } = this
    const st = checkExpr(ctx, s.sel, scope)
    const selOk = st !== BAD && (isInt(st) || st.kind === 'enum')
    if (st !== BAD && !selOk) ctx.err('E_ST_TYPE', s.sel, `CASE selects on an integer or enumeration, not ${typeName(st)}`)
    const seen: { lo: number; hi: number }[] = []
    for (const arm of s.arms) {
      for (const l of arm.labels) {
        const lo = this.label(l.lo, selOk ? st : null)
        const hi = l.hi ? this.label(l.hi, selOk ? st : null) : lo
        if (lo === null || hi === null) continue
        if (hi < lo) {
          ctx.err('E_ST_TYPE', l.hi ?? l.lo, `empty range ${lo}..${hi}`)
          continue
        }
        if (seen.some((r) => lo <= r.hi && hi >= r.lo)) ctx.err('E_DUPLICATE', l.lo, `case ${lo === hi ? `label ${lo}` : `range ${lo}..${hi}`} overlaps an earlier one`)
        seen.push({ lo, hi })
      }
      this.block(arm.body)
    }
    if (s.else) this.block(s.else)
  }

  private label(x: Expr, sel: StType | null): number | null {
    const t = checkExpr(this.ctx, x, { ...this.scope, constOnly: true })
    if (t === BAD || sel === null) return null
    if (typeof x.cv !== 'number' || !assignable(t, sel, x.cv)) {
      this.ctx.err('E_ST_TYPE', x, typeof x.cv !== 'number' ? 'a case label must be a constant' : assignMessage(t, sel, x.cv, 'case label'))
      return null
    }
    return x.cv
  }

  private forStmt(s: Stmt & { k: 'for' }): void {
    const { ctx, scope } = this
    const vt = checkPlace(ctx, s.v, scope)
    if (vt !== BAD && s.v.k === 'name' && s.v.sym?.vk === 'inout') {
      ctx.err('E_UNSUPPORTED', s.v, 'a FOR variable must be a local variable, not a VAR_IN_OUT')
      return
    }
    const ok = vt !== BAD && isInt(vt)
    if (vt !== BAD && !ok) ctx.err('E_ST_TYPE', s.v, `a FOR variable must be an integer, not ${typeName(vt)}`)
    for (const [x, what] of [[s.from, 'start'], [s.to, 'end'], [s.by, 'step']] as const) {
      if (!x) continue
      const t = checkExpr(ctx, x, scope)
      if (t !== BAD && ok && !assignable(t, vt, x.cv)) ctx.err('E_ST_TYPE', x, assignMessage(t, vt, x.cv, `FOR ${what}`))
    }
    if (s.by && s.by.cv === 0) ctx.warn('E_ST_TYPE', s.by, 'BY 0 never ends the loop; the iteration budget will stop it')
    this.loop(s.body)
  }
}
