import type { Kernel } from '../engine/types.js'
import type { Ctx } from './ctx.js'
import { block } from './emit-stmt.js'
import { copyAgg, type Body, type G, type Place } from './emit-expr.js'
import { CodegenLimit, Emitter } from './emit.js'
import { initFrame, initValue } from './image.js'
import { Op } from './ops.js'
import type { PouInfo, Sym } from './symbols.js'
import type { StType } from './types.js'

/** Source range of a fault site, in line/column form. */
export interface SiteRange {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** @internal The executable form of a root POU; its layout may change between versions. */
export interface StExec {
  readonly code: Int32Array
  readonly entry: number
  readonly initNum: Float64Array
  readonly initStr: readonly string[]
  readonly slots: Int32Array
  readonly kfn: readonly Kernel[]
  readonly kstride: Int32Array
  readonly kkoff: Int32Array
  readonly ktoff: Int32Array
  readonly types: readonly StType[]
  readonly sites: readonly SiteRange[]
  readonly stackSize: number
  readonly root: PouInfo
  /** Wired library FB inputs: pin slot -> the variable or constant slot it reads. */
  readonly aliases: ReadonlyMap<number, number>
}

/**
 * Generates code for `root` as the top of a program instance: its frame at slot 0, every FB instance inline,
 * then FUNCTION frames, temporaries and constants. Null after reporting a limit error.
 */
export function generate(ctx: Ctx, root: PouInfo, schedule = true): StExec | null {
  const E = new Emitter(ctx, schedule)
  try {
    return build(E, root)
  } catch (err) {
    if (!(err instanceof CodegenLimit)) throw err
    ctx.err('E_ST_LIMIT', { p: root.decl.np, e: root.decl.ne }, err.message)
    return null
  }
}

function build(E: Emitter, root: PouInfo): StExec {
  E.allocNum(root.size)
  E.allocStr(root.ssize)
  E.zero = E.konst(0)
  initFrame(E, root, 0, 0)
  // A root with VAR_IN_OUT (an FB or FUNCTION run on its own) gets storage for them, so they act as in-and-out.
  for (const s of root.order) {
    if (s.vk !== 'inout') continue
    const nb = E.allocNum(s.type.size)
    const sb = E.allocStr(s.type.ssize)
    initValue(E, s.type, nb, sb, undefined)
    E.img[s.off] = nb
    E.img[s.off + 1] = sb
  }
  const rootPristine = root.kind === 'FUNCTION' ? pristineCopy(E, root, 0, 0) : null
  const entry = E.pos()
  body(E, root, 0, 0, 'root', rootPristine)

  for (let i = 0; i < E.instances.length; i++) {
    const inst = E.instances[i]!
    E.bind(inst.entry)
    body(E, inst.pou, inst.nb, inst.sb, 'sub', null)
  }
  const done = new Set<PouInfo>()
  for (let again = true; again;) {
    again = false
    for (const [pou, F] of E.functions) {
      if (done.has(pou)) continue
      done.add(pou)
      again = true
      E.bind(F.entry)
      body(E, pou, F.base, F.sbase, 'sub', { n: F.pristine, s: F.spristine })
    }
  }
  for (const inst of E.instances) E.img[inst.nb + inst.pou.entryOff] = inst.entry.at

  const lines = E.ctx.sink
  return {
    code: Int32Array.from(E.code),
    entry,
    initNum: E.img.slice(0, E.numTop),
    initStr: E.simg.slice(0, E.strTop),
    slots: Int32Array.from(E.slots),
    kfn: E.kernels.map((k) => k.fn),
    kstride: Int32Array.from(E.kernels, (k) => k.stride),
    kkoff: Int32Array.from(E.kernels, (k) => k.kOff),
    ktoff: Int32Array.from(E.kernels, (k) => k.tOff),
    types: E.types,
    sites: E.sites.map((s) => {
      const d = lines.diagnostic('E_ST_RUNTIME', 'error', '', s.p, s.e)
      return { line: d.line!, column: d.column!, endLine: d.endLine!, endColumn: d.endColumn! }
    }),
    stackSize: 64 + E.ctx.pous.size * 2,
    root,
    aliases: E.aliases,
  }
}

function pristineCopy(E: Emitter, pou: PouInfo, nb: number, sb: number): { n: number; s: number } {
  const n = E.allocNum(pou.size)
  const s = E.allocStr(pou.ssize)
  E.img.copyWithin(n, nb, nb + pou.size)
  for (let i = 0; i < pou.ssize; i++) E.simg[s + i] = E.simg[sb + i]!
  return { n, s }
}

function resetFrom(g: G, s: Sym, from: Place): void {
  const dst: Place = { ty: s.type, nb: g.B.base + s.off, nr: -1, sb: g.B.sbase + s.soff, sr: -1 }
  if (s.type.size === 1 && s.type.ssize === 0) g.E.emit(Op.MOV, dst.nb, from.nb)
  else copyAgg(g, dst, from)
}

/**
 * One POU body. Prologue: VAR_TEMP starts from its initial value on every call; a FUNCTION's locals, outputs and
 * result too (`pristine`: its frame's initial image). RETURN jumps to the epilogue: HALT for the root, RET otherwise.
 */
function body(E: Emitter, pou: PouInfo, base: number, sbase: number, kind: 'root' | 'sub', pristine: { n: number; s: number } | null): void {
  const pool = E.pool(pou)
  const B: Body = { pou, base, sbase, n: pool.n, s: pool.s, ret: E.label(), loops: [] }
  const g: G = { E, B }
  for (const s of pou.order) {
    if (pristine) {
      if (s.vk === 'input' || s.vk === 'inout') continue
      resetFrom(g, s, { ty: s.type, nb: pristine.n + s.off, nr: -1, sb: pristine.s + s.soff, sr: -1 })
    } else if (s.vk === 'temp') {
      let p = E.tempCopies.get(s)
      if (!p) {
        p = { nb: E.allocNum(s.type.size), sb: E.allocStr(s.type.ssize) }
        initValue(E, s.type, p.nb, p.sb, s.decl?.init)
        E.tempCopies.set(s, p)
      }
      resetFrom(g, s, { ty: s.type, nb: p.nb, nr: -1, sb: p.sb, sr: -1 })
    }
  }
  block(g, pou.decl.body)
  E.bind(B.ret)
  E.emit(kind === 'root' ? Op.HALT : Op.RET)
}
