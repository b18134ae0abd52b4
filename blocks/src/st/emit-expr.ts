import type { Expr } from './ast.js'
import { WRAP_NONE } from './arith.js'
import { emitCallNum, emitCallStr, emitUserCall } from './emit-call.js'
import type { Emitter, Label, Pool } from './emit.js'
import { is64, wrapCode } from './fold.js'
import { Nat, Op } from './ops.js'
import type { PouInfo, Sym } from './symbols.js'
import { isBool, isString, type ArrayType, type StType } from './types.js'

/** Where code of one POU body runs: its frame's absolute position and its scratch pools. */
export interface Body {
  pou: PouInfo
  base: number
  sbase: number
  n: Pool
  s: Pool
  ret: Label
  loops: { exit: Label; cont: Label }[]
}

export interface G {
  E: Emitter
  B: Body
}

/**
 * A variable's location: `nb` (+ m[nr] when nr >= 0) in number memory, `sb` (+ m[sr]) in string memory. Static
 * places (nr = sr = -1) are plain slots; dynamic ones come from array indexes and VAR_IN_OUT references.
 */
export interface Place {
  ty: StType
  nb: number
  nr: number
  sb: number
  sr: number
}

const REL: Record<string, number> = { '=': Op.EQ, '<>': Op.NE, '<': Op.LT, '<=': Op.LE, '>': Op.GT, '>=': Op.GE }
const JF: Record<string, number> = { '=': Op.JFEQ, '<>': Op.JFNE, '<': Op.JFLT, '<=': Op.JFLE, '>': Op.JFGT, '>=': Op.JFGE }
const SREL: Record<string, number> = { '=': 0, '<>': 1, '<': 2, '>': 3, '<=': 4, '>=': 5 }

export function symPlace(B: Body, sym: Sym): Place {
  if (sym.vk === 'inout') return { ty: sym.type, nb: 0, nr: B.base + sym.off, sb: 0, sr: B.base + sym.off + 1 }
  return { ty: sym.type, nb: B.base + sym.off, nr: -1, sb: B.sbase + sym.soff, sr: -1 }
}

const out = (g: G, dst: number): number => (dst >= 0 ? dst : g.B.n.take())

/** Location of an lvalue-like expression (name, member, index). */
export function place(g: G, x: Expr): Place {
  const { E, B } = g
  switch (x.k) {
    case 'name': return symPlace(B, x.sym!)
    case 'member': {
      const p = place(g, x.obj)
      const ot = x.obj.ty!
      const m = ot.kind === 'struct' ? ot.fields.get(x.name)! : ot.kind === 'fb' ? ot.members.get(x.name)! : null
      if (!m) throw new Error(`internal: member of ${ot.name}`)
      return { ty: x.ty!, nb: p.nb + m.off, nr: p.nr, sb: p.sb + m.soff, sr: p.sr }
    }
    case 'index': {
      const p = place(g, x.obj)
      const at = x.obj.ty as ArrayType
      let { nb, nr, sb, sr } = p
      x.idx.forEach((ix, i) => {
        const d = at.dims[i]!
        if (typeof ix.cv === 'number') {
          nb += (ix.cv - d.lo) * d.stride
          sb += (ix.cv - d.lo) * d.sstride
          return
        }
        const v = num(g, ix)
        const site = E.site(ix)
        const combine = (reg: number, stride: number): number => {
          const t = B.n.take()
          E.emit(Op.IDX, t, v, d.lo, d.len, stride, site)
          if (reg < 0) return t
          const u = B.n.take()
          E.emit(Op.ADD, u, reg, t)
          return u
        }
        if (at.elem.size > 0 || at.elem.ssize === 0) nr = combine(nr, d.stride)
        if (at.elem.ssize > 0) sr = combine(sr, d.sstride)
      })
      return { ty: x.ty!, nb, nr, sb, sr }
    }
    default:
      throw new Error(`internal: ${x.k} is not a place`)
  }
}

/** Reads a number from a place into a slot (static places need no code). */
export function load(g: G, p: Place, dst = -1): number {
  if (p.nr < 0) {
    if (dst >= 0 && dst !== p.nb) g.E.emit(Op.MOV, dst, p.nb)
    return dst >= 0 ? dst : p.nb
  }
  const d = out(g, dst)
  g.E.emit(Op.LDI, d, p.nb, p.nr)
  return d
}

export function store(g: G, p: Place, v: number): void {
  if (p.nr < 0) {
    if (v !== p.nb) g.E.emit(Op.MOV, p.nb, v)
  } else g.E.emit(Op.STI, p.nb, p.nr, v)
}

export function loadStr(g: G, p: Place): number {
  if (p.sr < 0) return p.sb
  const d = g.B.s.take()
  g.E.emit(Op.SLDI, d, p.sb, p.sr)
  return d
}

export function storeStr(g: G, p: Place, v: number, maxLen: number): void {
  if (p.sr < 0) g.E.emit(Op.SMOV, p.sb, v, maxLen)
  else g.E.emit(Op.SSTI, p.sb, p.sr, v, maxLen)
}

/** Copies an aggregate (array, STRUCT) between places. */
export function copyAgg(g: G, dst: Place, src: Place): void {
  const { E } = g
  const r = (x: number): number => (x < 0 ? E.zero : x)
  if (dst.ty.size > 0) E.emit(Op.COPY, dst.nb, r(dst.nr), src.nb, r(src.nr), dst.ty.size)
  if (dst.ty.ssize > 0) E.emit(Op.SCOPY, dst.sb, r(dst.sr), src.sb, r(src.sr), dst.ty.ssize)
}

/**
 * Emits a numeric (or BOOL, TIME, enum) expression; returns the slot holding its value. With `dst`, the value
 * lands there, written only by the last instruction, so `x := x + 1` may target x directly.
 */
export function num(g: G, x: Expr, dst = -1): number {
  const { E } = g
  if (typeof x.cv === 'number') {
    const c = E.konst(x.cv)
    if (dst >= 0 && dst !== c) {
      E.emit(Op.MOV, dst, c)
      return dst
    }
    return c
  }
  switch (x.k) {
    case 'name':
    case 'member':
    case 'index':
      return load(g, place(g, x), dst)
    case 'call':
      return emitCallNum(g, x, dst)
    case 'unary': {
      if (x.op === '+') return num(g, x.x, dst)
      const a = num(g, x.x)
      const d = out(g, dst)
      const t = x.ty!
      if (x.op === '-') {
        E.emit(Op.NEG, d, a)
        const code = wrapCode(t)
        if (code !== WRAP_NONE) E.emit(Op.WRAP, d, d, code)
      } else if (isBool(t)) E.emit(Op.BNOT, d, a)
      else if (is64(t)) E.emit(Op.NAT, Nat.NOT64, d, a, E.zero, 0, E.typeIdx(t))
      else E.emit(Op.INOT, d, a, wrapCode(t))
      return d
    }
    case 'bin': return bin(g, x, dst)
    default:
      throw new Error(`internal: ${x.k} has no numeric code`)
  }
}

function bin(g: G, x: Expr & { k: 'bin' }, dst: number): number {
  const { E } = g
  const ot = x.ot!
  if (REL[x.op] !== undefined && isString(ot)) {
    const a = str(g, x.a)
    const b = str(g, x.b)
    const d = out(g, dst)
    E.emit(Op.SCMP, d, a, b, SREL[x.op]!)
    return d
  }
  const a = num(g, x.a)
  const b = num(g, x.b)
  const d = out(g, dst)
  const code = wrapCode(ot)
  switch (x.op) {
    case '+':
    case '-':
      E.emit(x.op === '+' ? Op.ADD : Op.SUB, d, a, b)
      if (code !== WRAP_NONE) E.emit(Op.WRAP, d, d, code)
      return d
    case '*':
      if (code !== WRAP_NONE) E.emit(Op.IMUL, d, a, b, code)
      else E.emit(Op.MUL, d, a, b)
      return d
    case '/':
      if (code !== WRAP_NONE) E.emit(Op.IDIV, d, a, b, code, E.site(x))
      else E.emit(Op.DIV, d, a, b)
      return d
    case 'MOD':
      E.emit(Op.IMOD, d, a, b, E.site(x))
      return d
    case '**':
      E.emit(Op.EXPT, d, a, b)
      return d
    case 'AND':
    case 'OR':
    case 'XOR':
      if (isBool(ot)) E.emit(x.op === 'AND' ? Op.BAND : x.op === 'OR' ? Op.BOR : Op.BXOR, d, a, b)
      else if (is64(ot)) E.emit(Op.NAT, x.op === 'AND' ? Nat.AND64 : x.op === 'OR' ? Nat.OR64 : Nat.XOR64, d, a, b, 0, E.typeIdx(ot))
      else E.emit(x.op === 'AND' ? Op.IAND : x.op === 'OR' ? Op.IOR : Op.IXOR, d, a, b, code)
      return d
    default:
      E.emit(REL[x.op]!, d, a, b)
      return d
  }
}

/** Emits a STRING expression; returns its string slot. */
export function str(g: G, x: Expr): number {
  if (typeof x.cv === 'string') return g.E.skonst(x.cv)
  switch (x.k) {
    case 'name':
    case 'member':
    case 'index':
      return loadStr(g, place(g, x))
    case 'call':
      return emitCallStr(g, x)
    default:
      throw new Error(`internal: ${x.k} has no string code`)
  }
}

/** An aggregate value as a place: a variable, or a function result copied out of the function's frame. */
export function aggPlace(g: G, x: Expr): Place {
  if (x.k !== 'call') return place(g, x)
  const frame = emitUserCall(g, x)
  const t = x.ty!
  // Copied to a region of its own: a later call of the same function would overwrite its frame.
  const tmp: Place = { ty: t, nb: g.E.allocNum(t.size), nr: -1, sb: g.E.allocStr(t.ssize), sr: -1 }
  copyAgg(g, tmp, frame)
  return tmp
}

/** Jumps to `no` when the BOOL expression is FALSE; comparisons fuse into one compare-and-branch. */
export function cond(g: G, x: Expr, no: Label): void {
  const { E } = g
  if (x.cv !== undefined) {
    if (x.cv === 0) {
      E.emit(Op.JMP)
      E.ref(no)
    }
    return
  }
  if (x.k === 'bin' && JF[x.op] !== undefined && !isString(x.ot!)) {
    const a = num(g, x.a)
    const b = num(g, x.b)
    E.emit(JF[x.op]!, a, b)
    E.ref(no)
    return
  }
  const v = num(g, x)
  E.emit(Op.JZ, v)
  E.ref(no)
}
