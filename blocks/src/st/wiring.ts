import type { Expr, Stmt } from './ast.js'
import type { CallTarget } from './check-call.js'
import type { PouInfo, Sym } from './symbols.js'

/**
 * Input wiring, the ST counterpart of an FBD wire. An input of a library FB instance that every call of the
 * instance binds to the same static variable or the same constant, and that the program never reads or writes as
 * `inst.PIN`, is read by the kernel straight from that variable: the copy into the pin would put there, at every
 * call, exactly the value the kernel now reads. Monitoring the pin shows the wired variable, as in FBD.
 * Instances inside arrays are never wired (their calls pick the instance at run time).
 */
export type Wiring = Map<Sym, Map<string, Expr>>

/** A key that is equal for two argument expressions exactly when they denote the same static slot; null if none. */
function staticKey(x: Expr): string | null {
  if (typeof x.cv === 'number') return Object.is(x.cv, -0) ? '#-0' : `#${x.cv}`
  if (x.cv !== undefined) return null
  switch (x.k) {
    case 'name': return x.sym && x.sym.vk !== 'inout' ? x.sym.name : null
    case 'member': {
      const o = staticKey(x.obj)
      return o === null ? null : `${o}.${x.name}`
    }
    case 'index': {
      const o = staticKey(x.obj)
      if (o === null || !x.idx.every((i) => typeof i.cv === 'number')) return null
      return `${o}[${x.idx.map((i) => i.cv).join(',')}]`
    }
    default: return null
  }
}

function eachExpr(x: Expr, f: (x: Expr) => void): void {
  f(x)
  switch (x.k) {
    case 'member': return eachExpr(x.obj, f)
    case 'index':
      eachExpr(x.obj, f)
      for (const i of x.idx) eachExpr(i, f)
      return
    case 'call':
      for (const a of x.args) eachExpr(a.value, f)
      return
    case 'unary': return eachExpr(x.x, f)
    case 'bin':
      eachExpr(x.a, f)
      eachExpr(x.b, f)
      return
    default:
  }
}

function eachStmt(stmts: Stmt[], f: (s: Stmt) => void): void {
  for (const s of stmts) {
    f(s)
    switch (s.k) {
      case 'if':
        for (const a of s.arms) eachStmt(a.body, f)
        if (s.else) eachStmt(s.else, f)
        break
      case 'case':
        for (const a of s.arms) eachStmt(a.body, f)
        if (s.else) eachStmt(s.else, f)
        break
      case 'for':
      case 'while':
      case 'repeat':
        eachStmt(s.body, f)
        break
      default:
    }
  }
}

/**
 * Finds the wirable inputs of the library FB instances declared in `pou`, and the instances called from exactly one
 * place (`solo`): a group of those, scheduled together, is always called together and can share one time cell.
 */
export function findWiring(pou: PouInfo): { wiring: Wiring; solo: Set<Sym> } {
  const keys = new Map<Sym, Map<string, { key: string | null; x: Expr }>>()
  const calls = new Map<Sym, number>()
  const touched = new Set<string>()
  const isLibInstance = (s: Sym | undefined): s is Sym => !!s && s.type.kind === 'fb' && !!s.type.lib && pou.vars.get(s.name) === s
  const visit = (x: Expr): void => {
    eachExpr(x, (e) => {
      if (e.k === 'member' && e.obj.k === 'name' && isLibInstance(e.obj.sym)) touched.add(`${e.obj.sym.name}.${e.name}`)
    })
  }
  eachStmt(pou.decl.body, (s) => {
    switch (s.k) {
      case 'assign':
        visit(s.target)
        visit(s.value)
        return
      case 'call': {
        const c = s.callee
        for (const a of s.args) visit(a.value)
        const t = s.target as CallTarget | undefined
        if (t?.k !== 'fb' || c.k !== 'name' || !isLibInstance(c.sym)) {
          visit(c)
          return
        }
        calls.set(c.sym, (calls.get(c.sym) ?? 0) + 1)
        const first = (calls.get(c.sym) ?? 0) === 1
        let m = keys.get(c.sym)
        if (!m) keys.set(c.sym, (m = new Map()))
        const bound = new Map(s.args.filter((a) => !a.out && a.name).map((a) => [a.name!, a.value]))
        for (const pin of c.sym.type.kind === 'fb' ? c.sym.type.members.values() : []) {
          if (pin.vk !== 'input') continue
          const v = bound.get(pin.name)
          const key = v ? staticKey(v) : null
          const prev = m.get(pin.name)
          if (first) m.set(pin.name, { key, x: v! })
          else if (!prev || prev.key !== key) m.set(pin.name, { key: null, x: v! })
        }
        return
      }
      case 'if':
        for (const a of s.arms) visit(a.cond)
        return
      case 'case':
        visit(s.sel)
        return
      case 'for':
        for (const x of [s.v, s.from, s.to, s.by]) if (x) visit(x)
        return
      case 'while':
      case 'repeat':
        visit(s.cond)
        return
      default:
    }
  })
  const solo = new Set<Sym>()
  for (const [sym, n] of calls) if (n === 1) solo.add(sym)
  const out: Wiring = new Map()
  for (const [sym, pins] of keys) {
    const w = new Map<string, Expr>()
    for (const [pin, { key, x }] of pins) {
      if (key !== null && !touched.has(`${sym.name}.${pin}`) && !key.startsWith(`${sym.name}.`)) w.set(pin, x)
    }
    if (w.size > 0) out.set(sym, w)
  }
  return { wiring: out, solo }
}
