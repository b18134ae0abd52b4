import type { CaseArm, Expr, Stmt } from './ast.js'
import { WRAP_NONE } from './arith.js'
import { emitCallStmt } from './emit-call.js'
import { aggPlace, cond, copyAgg, num, place, store, storeStr, str, type G } from './emit-expr.js'
import type { Label } from './emit.js'
import { wrapCode } from './fold.js'
import { Op } from './ops.js'
import { isScalarNum, isString, MAX_STRING } from './types.js'

/** Dense CASE labels become one jump table when the span is at most this many times the label count (+16). */
const JTAB_DENSITY = 4
const JTAB_MAX = 4096

export function block(g: G, stmts: Stmt[]): void {
  const { n, s } = g.B
  for (const st of stmts) {
    const nm = n.used
    const sm = s.used
    stmt(g, st)
    n.used = nm
    s.used = sm
  }
}

function jump(g: G, l: Label): void {
  g.E.emit(Op.JMP)
  g.E.ref(l)
}

function stmt(g: G, s: Stmt): void {
  const { E, B } = g
  switch (s.k) {
    case 'assign': return assign(g, s.target, s.value)
    case 'call': return emitCallStmt(g, s)
    case 'if': {
      const end = E.label()
      s.arms.forEach((arm, i) => {
        const next = E.label()
        cond(g, arm.cond, next)
        block(g, arm.body)
        if (i < s.arms.length - 1 || s.else) jump(g, end)
        E.bind(next)
      })
      if (s.else) block(g, s.else)
      E.bind(end)
      return
    }
    case 'case': return caseStmt(g, s)
    case 'for': return forStmt(g, s)
    case 'while': {
      const head = E.label()
      const exit = E.label()
      E.bind(head)
      cond(g, s.cond, exit)
      B.loops.push({ exit, cont: head })
      block(g, s.body)
      B.loops.pop()
      E.emit(Op.LOOPJ)
      E.ref(head)
      E.raw(E.site(s))
      E.bind(exit)
      return
    }
    case 'repeat': {
      const head = E.label()
      const test = E.label()
      const again = E.label()
      const exit = E.label()
      E.bind(head)
      B.loops.push({ exit, cont: test })
      block(g, s.body)
      B.loops.pop()
      E.bind(test)
      cond(g, s.cond, again)
      jump(g, exit)
      E.bind(again)
      E.emit(Op.LOOPJ)
      E.ref(head)
      E.raw(E.site(s))
      E.bind(exit)
      return
    }
    case 'exit': return jump(g, B.loops[B.loops.length - 1]!.exit)
    case 'continue': return jump(g, B.loops[B.loops.length - 1]!.cont)
    case 'return': return jump(g, B.ret)
    case 'empty': return
  }
}

function assign(g: G, target: Expr, value: Expr): void {
  const t = target.ty!
  const p = place(g, target)
  if (isScalarNum(t)) {
    if (p.nr < 0) num(g, value, p.nb)
    else store(g, p, num(g, value))
  } else if (isString(t)) {
    storeStr(g, p, str(g, value), t.kind === 'elem' ? t.maxLen : MAX_STRING)
  } else {
    copyAgg(g, p, aggPlace(g, value))
  }
}

function caseStmt(g: G, s: Stmt & { k: 'case' }): void {
  const { E } = g
  const sel = num(g, s.sel)
  const end = E.label()
  const other = E.label()
  const armLabels = s.arms.map(() => E.label())
  const singles: { v: number; arm: number }[] = []
  let ranges = false
  s.arms.forEach((arm, i) => {
    for (const l of arm.labels) {
      const lo = l.lo.cv as number
      const hi = l.hi ? (l.hi.cv as number) : lo
      if (hi - lo > 64) ranges = true
      else for (let v = lo; v <= hi; v++) singles.push({ v, arm: i })
    }
  })
  const min = Math.min(...singles.map((x) => x.v))
  const max = Math.max(...singles.map((x) => x.v))
  const span = max - min + 1
  if (!ranges && singles.length > 3 && span <= JTAB_MAX && span <= JTAB_DENSITY * singles.length + 16) {
    const table: Label[] = new Array<Label>(span).fill(other)
    // First label wins where ranges overlap; the checker has already reported the overlap.
    for (const x of [...singles].reverse()) table[x.v - min] = armLabels[x.arm]!
    E.emit(Op.JTAB, sel, min, span)
    E.ref(other)
    for (const l of table) E.ref(l)
  } else {
    s.arms.forEach((arm: CaseArm, i) => {
      for (const l of arm.labels) {
        if (!l.hi) {
          E.emit(Op.JEQ, sel, E.konst(l.lo.cv as number))
        } else {
          E.emit(Op.JRNG, sel, E.konst(l.lo.cv as number), E.konst(l.hi.cv as number))
        }
        E.ref(armLabels[i]!)
      }
    })
    jump(g, other)
  }
  s.arms.forEach((arm, i) => {
    E.bind(armLabels[i]!)
    block(g, arm.body)
    jump(g, end)
  })
  E.bind(other)
  if (s.else) block(g, s.else)
  E.bind(end)
}

/**
 * FOR v := a TO b BY c: b and c are evaluated once, before the first iteration (IEC leaves this open). The loop
 * runs while v <= b (v >= b for a negative step); v is wrapped to its type like any assignment, so a loop up to the
 * type's maximum never ends and is stopped by the iteration budget, as on a PLC.
 */
function forStmt(g: G, s: Stmt & { k: 'for' }): void {
  const { E, B } = g
  const v = place(g, s.v)
  if (v.nr >= 0) throw new Error('internal: FOR variable must be static')
  const vs = v.nb
  const hold = (x: Expr): number => {
    if (typeof x.cv === 'number') return E.konst(x.cv)
    const t = B.n.take()
    num(g, x, t)
    return t
  }
  const end = hold(s.to)
  const step = s.by ? hold(s.by) : E.konst(1)
  num(g, s.from, vs)
  const head = E.label()
  const next = E.label()
  const exit = E.label()
  E.bind(head)
  const c = s.by ? s.by.cv : 1
  if (typeof c === 'number' && c > 0) E.emit(Op.JFLE, vs, end)
  else if (typeof c === 'number' && c < 0) E.emit(Op.JFGE, vs, end)
  else E.emit(Op.FORCHK, vs, end, step)
  E.ref(exit)
  B.loops.push({ exit, cont: next })
  block(g, s.body)
  B.loops.pop()
  E.bind(next)
  const code = wrapCode(s.v.ty!)
  E.emit(Op.FORNEXT, vs, step, code === WRAP_NONE ? 0 : code)
  E.ref(head)
  E.raw(E.site(s))
  E.bind(exit)
}

