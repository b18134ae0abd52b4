import type { Arg, Expr, Stmt } from './ast.js'
import { WRAP_NONE } from './arith.js'
import { fbParams, type CallTarget } from './check-call.js'
import { aggPlace, copyAgg, num, place, store, storeStr, str, type G, type Place } from './emit-expr.js'
import type { Emitter, FnFrame } from './emit.js'
import { wrapCode } from './fold.js'
import { HOT_KERNELS } from './hot.js'
import { initFrame } from './image.js'
import { numConv, Conv } from './natives.js'
import { Nat, Op } from './ops.js'
import type { StdCall } from './stdlib.js'
import type { PouInfo, Sym } from './symbols.js'
import { isScalarNum, isString, MAX_STRING, type FbType, type StType } from './types.js'

type CallX = Expr & { k: 'call' }

/** Temporaries hold strings of any length; variables cut on store. */
const ANY_LEN = 0x3fffffff

const maxLen = (t: StType): number => (t.kind === 'elem' && t.name === 'STRING' ? t.maxLen : MAX_STRING)

/** The static frame of a FUNCTION, allocated (and its body queued) on first use. */
export function fnFrame(E: Emitter, pou: PouInfo): FnFrame {
  let F = E.functions.get(pou)
  if (!F) {
    const base = E.allocNum(pou.size)
    const sbase = E.allocStr(pou.ssize)
    initFrame(E, pou, base, sbase)
    const pristine = E.allocNum(pou.size)
    const spristine = E.allocStr(pou.ssize)
    E.img.copyWithin(pristine, base, base + pou.size)
    for (let i = 0; i < pou.ssize; i++) E.simg[spristine + i] = E.simg[sbase + i]!
    F = { base, sbase, pristine, spristine, entry: E.label() }
    E.functions.set(pou, F)
  }
  return F
}

/** Argument moves into a frame or an instance, gathered so numbers travel inside the one CALLA/KCALL instruction. */
interface Moves {
  pairs: number[]
  strs: number[][]
  aggs: { dst: Place; src: Place }[]
}

/** Evaluates an input or in-out argument for parameter `s` whose storage is `dst`. */
function argMove(g: G, mv: Moves, s: Sym, a: Arg, dst: Place): void {
  const { E, B } = g
  if (s.vk === 'inout') {
    const p = place(g, a.value)
    const addr = (b: number, r: number): number => {
      if (r < 0) return E.konst(b)
      const t = B.n.take()
      E.emit(Op.ADDR, t, b, r)
      return t
    }
    mv.pairs.push(dst.nb, addr(p.nb, p.nr), dst.nb + 1, addr(p.sb, p.sr))
    return
  }
  if (isScalarNum(s.type)) mv.pairs.push(dst.nb, num(g, a.value))
  else if (isString(s.type)) mv.strs.push([dst.sb, str(g, a.value), maxLen(s.type)])
  else mv.aggs.push({ dst, src: aggPlace(g, a.value) })
}

function flushSide(g: G, mv: Moves): void {
  for (const [d, v, max] of mv.strs) g.E.emit(Op.SMOV, d!, v!, max!)
  for (const c of mv.aggs) copyAgg(g, c.dst, c.src)
}

/** Copies `=>` outputs from their storage (`src(s)`) to the bound variables. */
function outputs(g: G, params: Sym[], bound: (Arg | undefined)[], src: (s: Sym) => Place): void {
  params.forEach((s, i) => {
    const a = bound[i]
    if (!a || s.vk !== 'output') return
    const from = src(s)
    const to = place(g, a.value)
    if (isScalarNum(s.type)) {
      const v = from.nr < 0 ? from.nb : g.B.n.take()
      if (from.nr >= 0) g.E.emit(Op.LDI, v, from.nb, from.nr)
      store(g, to, v)
    } else if (isString(s.type)) {
      const v = from.sr < 0 ? from.sb : g.B.s.take()
      if (from.sr >= 0) g.E.emit(Op.SLDI, v, from.sb, from.sr)
      storeStr(g, to, v, maxLen(to.ty))
    } else copyAgg(g, to, from)
  })
}

/** Calls a user FUNCTION; returns the place of its result in the function's frame. */
export function emitUserCall(g: G, x: CallX): Place {
  const { E } = g
  const pou = (x.target as CallTarget & { k: 'user' }).pou
  const F = fnFrame(E, pou)
  const mv: Moves = { pairs: [], strs: [], aggs: [] }
  const at = (s: Sym): Place => ({ ty: s.type, nb: F.base + s.off, nr: -1, sb: F.sbase + s.soff, sr: -1 })
  pou.params.forEach((s, i) => {
    if (s.vk === 'output') return
    const a = x.bound![i]
    if (a) return argMove(g, mv, s, a, at(s))
    // An input left out starts from its declared initial value on every call.
    const pristine: Place = { ty: s.type, nb: F.pristine + s.off, nr: -1, sb: F.spristine + s.soff, sr: -1 }
    if (isScalarNum(s.type)) mv.pairs.push(F.base + s.off, pristine.nb)
    else mv.aggs.push({ dst: at(s), src: pristine })
  })
  flushSide(g, mv)
  E.emit(Op.CALLA)
  E.ref(F.entry)
  E.raw(mv.pairs.length / 2, ...mv.pairs)
  outputs(g, pou.params, x.bound!, at)
  const r = pou.vars.get(pou.name)
  return r ? at(r) : { ty: x.ty!, nb: F.base, nr: -1, sb: F.sbase, sr: -1 }
}

/** A call statement: FB instance call or a function called for its effects. */
export function emitCallStmt(g: G, s: Stmt & { k: 'call' }): void {
  const target = s.target as CallTarget
  if (target.k === 'fn') {
    const c = target.call
    const t = c.target as CallTarget | StdCall
    if (t.k === 'user') emitUserCall(g, c)
    else if (c.ty && isString(c.ty)) emitCallStr(g, c)
    else if (c.ty && isScalarNum(c.ty)) emitCallNum(g, c, -1)
    return
  }
  emitFbCall(g, s, (target as CallTarget & { k: 'fb' }).type)
}

function emitFbCall(g: G, s: Stmt & { k: 'call' }, t: FbType): void {
  const { E } = g
  const params = fbParams(t)
  const bound = s.bound!
  const p = place(g, s.callee)
  const mv: Moves = { pairs: [], strs: [], aggs: [] }
  const member = (m: Sym): Place => ({ ty: m.type, nb: p.nb + m.off, nr: p.nr, sb: p.sb + m.soff, sr: p.sr })
  const extra: number[] = []
  params.forEach((m, i) => {
    const a = bound[i]
    if (!a || m.vk === 'output') return
    const wired = p.nr < 0 && t.lib ? E.aliases.get(p.nb + m.off) : undefined
    if (wired === undefined) argMove(g, mv, m, a, member(m))
    else extra.push(wired)
  })
  if (p.nr < 0) {
    flushSide(g, mv)
    if (t.lib) {
      const { def, kOff, timeOff, stride } = t.lib
      const ki = E.kernel(def, stride, kOff, timeOff)
      const h = HOT_KERNELS.indexOf(def.kernel!)
      const k = E.img[p.nb + kOff]!
      const ts = p.nb + timeOff
      const n = mv.pairs.length / 2
      const words = h >= 0 ? [Op.KCALLH, h, k, ts, stride, n, ...mv.pairs] : [Op.KCALL, ki, k, ts, n, ...mv.pairs]
      const c = s.callee
      const solo = c.k === 'name' && !!c.sym && !!g.B.pou.solo?.has(c.sym)
      E.kcall({ ki, k, ts, stride, pairs: mv.pairs, lo: p.nb, hi: p.nb + t.size, wired: extra, solo, words })
    } else {
      E.emit(Op.CALLA)
      E.ref(E.instanceAt.get(p.nb)!)
      E.raw(mv.pairs.length / 2, ...mv.pairs)
    }
  } else {
    // Instance chosen at run time (array of FBs): write each argument through the instance's base.
    for (let i = 0; i < mv.pairs.length; i += 2) E.emit(Op.STI, mv.pairs[i]!, p.nr, mv.pairs[i + 1]!)
    for (const [d, v, max] of mv.strs) E.emit(Op.SSTI, d!, p.sr, v!, max!)
    for (const c of mv.aggs) copyAgg(g, c.dst, c.src)
    if (t.lib) {
      const { def, kOff, timeOff, stride } = t.lib
      E.emit(Op.KCALLD, E.kernel(def, stride, kOff, timeOff), p.nb, p.nr)
    } else E.emit(Op.CALLD, p.nb, p.nr, t.pou!.entryOff)
  }
  outputs(g, params, bound, member)
}

function args(x: CallX): Expr[] {
  return (x.target as StdCall & { args: Expr[] }).args
}

/** A call whose value is a number (BOOL, TIME...). */
export function emitCallNum(g: G, x: CallX, dst: number): number {
  const { E, B } = g
  const t = x.target as CallTarget | StdCall
  const d = (): number => (dst >= 0 ? dst : B.n.take())
  switch (t.k) {
    case 'user': {
      const r = emitUserCall(g, x)
      const out = d()
      E.emit(Op.MOV, out, r.nb)
      return out
    }
    case 'lowered': return num(g, t.x, dst)
    case 'math': {
      const a = num(g, t.args[0]!)
      const out = d()
      E.emit(Op.MATH, out, a, t.fn)
      const code = wrapCode(x.ot!)
      if (t.fn === 0 && code !== WRAP_NONE) E.emit(Op.WRAP, out, out, code)
      return out
    }
    case 'sel': {
      const gg = num(g, t.args[0]!)
      const a = num(g, t.args[1]!)
      const b = num(g, t.args[2]!)
      const out = d()
      E.emit(Op.SEL, out, gg, a, b)
      return out
    }
    case 'minmax': {
      let acc = num(g, t.args[0]!)
      for (let i = 1; i < t.args.length; i++) {
        const b = num(g, t.args[i]!)
        const out = i === t.args.length - 1 ? d() : B.n.take()
        E.emit(t.max ? Op.MAX : Op.MIN, out, acc, b)
        acc = out
      }
      return acc
    }
    case 'limit': {
      const [mn, v, mx] = t.args.map((a) => num(g, a))
      const out = d()
      E.emit(Op.LIMIT, out, mn!, v!, mx!)
      return out
    }
    case 'mux': {
      const k = num(g, t.args[0]!)
      const ins = t.args.slice(1).map((a) => num(g, a))
      const out = d()
      E.emit(Op.MUX, out, k, ins.length, ...ins)
      return out
    }
    case 'conv': {
      if (isString(t.from)) {
        const a = str(g, t.args[0]!)
        const out = d()
        E.emit(Op.NAT, Nat.FROMSTR, out, a, 0, 0, E.typeIdx(t.to))
        return out
      }
      const c = numConv(t.from, t.to, t.trunc)
      if (c.kind === Conv.Copy) return num(g, t.args[0]!, dst)
      const a = num(g, t.args[0]!)
      const out = d()
      E.emit(Op.CONV, out, a, c.kind, c.code, E.konst(c.lo), E.konst(c.hi))
      return out
    }
    case 'shift': {
      const a = num(g, t.args[0]!)
      const n = num(g, t.args[1]!)
      const out = d()
      const id = { shl: Nat.SHL, shr: Nat.SHR, rol: Nat.ROL, ror: Nat.ROR }[t.op]
      E.emit(Op.NAT, id, out, a, n, 0, E.typeIdx(x.ot!))
      return out
    }
    case 'str': {
      const a = str(g, t.args[0]!)
      const out = d()
      if (t.fn === 'LEN') E.emit(Op.NAT, Nat.LEN, out, a, 0, 0, 0)
      else E.emit(Op.NAT, Nat.FIND, out, a, str(g, t.args[1]!), 0, 0)
      return out
    }
    case 'fb':
    case 'fn':
      throw new Error('internal: FB call in an expression')
  }
}

/** A call whose value is a STRING. */
export function emitCallStr(g: G, x: CallX): number {
  const { E, B } = g
  const t = x.target as CallTarget | StdCall
  switch (t.k) {
    case 'user': {
      const r = emitUserCall(g, x)
      const out = B.s.take()
      E.emit(Op.SMOV, out, r.sb, ANY_LEN)
      return out
    }
    case 'lowered': return str(g, t.x)
    case 'sel':
    case 'mux': {
      const sel = num(g, args(x)[0]!)
      const ins = args(x).slice(1).map((a) => str(g, a))
      const out = B.s.take()
      const k = t.k === 'sel' ? sel : B.n.take()
      if (t.k === 'mux') E.emit(Op.MUX, k, sel, ins.length, ...ins.map((_, i) => E.konst(i)))
      const end = E.label()
      const labels = ins.map(() => E.label())
      E.emit(Op.JTAB, k, 0, ins.length)
      E.ref(labels[0]!)
      for (const l of labels) E.ref(l)
      ins.forEach((v, i) => {
        E.bind(labels[i]!)
        E.emit(Op.SMOV, out, v, ANY_LEN, Op.JMP)
        E.ref(end)
      })
      E.bind(end)
      return out
    }
    case 'conv': {
      if (isString(t.from)) return str(g, t.args[0]!)
      const v = num(g, t.args[0]!)
      const out = B.s.take()
      E.emit(Op.NAT, Nat.TOSTR, out, v, 0, 0, E.typeIdx(t.from))
      return out
    }
    case 'str': {
      const a = t.args
      const out = B.s.take()
      switch (t.fn) {
        case 'LEFT':
        case 'RIGHT':
          E.emit(Op.NAT, t.fn === 'LEFT' ? Nat.LEFT : Nat.RIGHT, out, str(g, a[0]!), num(g, a[1]!), 0, 0)
          return out
        case 'MID': {
          const s0 = str(g, a[0]!)
          E.emit(Op.NAT, Nat.MID, out, s0, num(g, a[1]!), num(g, a[2]!), 0)
          return out
        }
        case 'CONCAT': {
          let acc = str(g, a[0]!)
          for (let i = 1; i < a.length; i++) {
            const dst = i === a.length - 1 ? out : B.s.take()
            E.emit(Op.NAT, Nat.CONCAT, dst, acc, str(g, a[i]!), 0, 0)
            acc = dst
          }
          return out
        }
        case 'INSERT': {
          const s0 = str(g, a[0]!)
          const s1 = str(g, a[1]!)
          E.emit(Op.NAT, Nat.INSERT, out, s0, s1, num(g, a[2]!), 0)
          return out
        }
        case 'DELETE': {
          const s0 = str(g, a[0]!)
          E.emit(Op.NAT, Nat.DELETE, out, s0, num(g, a[1]!), num(g, a[2]!), 0)
          return out
        }
        case 'REPLACE': {
          const s0 = str(g, a[0]!)
          const s1 = str(g, a[1]!)
          E.emit(Op.NAT, Nat.REPLACE, out, s0, s1, num(g, a[2]!), num(g, a[3]!))
          return out
        }
        default:
          throw new Error(`internal: ${t.fn} has no string result`)
      }
    }
    default:
      throw new Error(`internal: ${t.k} has no string result`)
  }
}
