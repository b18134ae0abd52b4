import type { BlockDef, Kernel } from '../engine/types.js'
import type { Node } from './ast.js'
import type { Ctx } from './ctx.js'
import { MAX_MEMORY } from './ctx.js'
import { describe, describeKCall, schedule, type KCall, type SInstr } from './sched.js'
import type { PouInfo, Sym } from './symbols.js'
import type { StType } from './types.js'

/** A jump target; references are patched when it is bound. */
export interface Label {
  at: number
  refs: number[]
}

/** Reusable scratch slots of one POU type; statements release what they took. */
export class Pool {
  private readonly slots: number[] = []
  used = 0

  constructor(private readonly alloc: () => number) {}

  take(): number {
    if (this.used === this.slots.length) this.slots.push(this.alloc())
    return this.slots[this.used++]!
  }
}

/** Thrown when the generated program would exceed a memory or code limit; reported once by generate(). */
export class CodegenLimit extends Error {}

export const MAX_CODE = 16_000_000

/** Static frame of a FUNCTION plus a pristine copy its locals are reset from on every call. */
export interface FnFrame {
  base: number
  sbase: number
  pristine: number
  spristine: number
  entry: Label
}

/**
 * Code buffer, memory allocator and initial memory image of one compiled root POU. Memory holds, in order of
 * allocation: the root frame (with every FB instance inline), FUNCTION frames, temporaries and constants.
 */
export class Emitter {
  readonly code: number[] = []
  numTop = 0
  strTop = 0
  img = new Float64Array(1024)
  readonly simg: string[] = []
  readonly sites: Node[] = []
  readonly kernels: { def: BlockDef; fn: Kernel; stride: number; kOff: number; tOff: number }[] = []
  private readonly kIndex = new Map<BlockDef, number>()
  readonly slots: number[] = []
  readonly types: StType[] = []
  private readonly typeIndex = new Map<StType, number>()
  private readonly nConst = new Map<number, number>()
  private negZero = -1
  private readonly sConst = new Map<string, number>()
  private readonly pools = new Map<PouInfo, { n: Pool; s: Pool }>()
  readonly functions = new Map<PouInfo, FnFrame>()
  /** Wired library FB inputs: pin slot -> the slot the kernel reads instead (wiring.ts). */
  readonly aliases = new Map<number, number>()
  /** Pristine copies of VAR_TEMP variables, shared by all instances of a POU type. */
  readonly tempCopies = new Map<Sym, { nb: number; sb: number }>()
  /** User FB instances whose bodies still need code: entry label per instance base. */
  readonly instances: { pou: PouInfo; nb: number; sb: number; entry: Label }[] = []
  /** Entry label of the user FB instance at each base slot. */
  readonly instanceAt = new Map<number, Label>()
  /** Slot of the constant 0, used as the offset register of static places. */
  zero = -1
  private readonly pending: SInstr[] = []

  /** `schedule` false keeps instructions in written order (for tests comparing both). */
  constructor(readonly ctx: Ctx, private readonly schedule = true) {}

  /**
   * Emits one whole instruction. Side-effect-free scalar instructions on static slots wait in a straight-line run
   * that `flush` schedules (sched.ts); anything else first flushes the run, so program order holds around it.
   */
  emit(...ops: number[]): void {
    const s = describe(ops)
    if (s) {
      this.pending.push(s)
      return
    }
    this.flush()
    this.raw(...ops)
  }

  /** Words continuing the instruction just emitted (argument lists after a label reference, fault sites). */
  raw(...ops: number[]): void {
    for (const o of ops) this.code.push(o)
    if (this.code.length > MAX_CODE) throw new CodegenLimit(`generated code exceeds ${MAX_CODE} words`)
  }

  /** A library FB call; schedulable like arithmetic, since it touches only its arguments and its instance. */
  kcall(c: KCall): void {
    this.pending.push(describeKCall(c))
  }

  flush(): void {
    if (this.pending.length === 0) return
    if (this.schedule) {
      schedule(this.pending, this.code, this.slots, () => {
        const c = this.allocNum(1)
        this.img[c] = NaN
        return c
      })
    }
    else for (const s of this.pending) this.code.push(...s.words)
    this.pending.length = 0
    if (this.code.length > MAX_CODE) throw new CodegenLimit(`generated code exceeds ${MAX_CODE} words`)
  }

  pos(): number {
    this.flush()
    return this.code.length
  }

  label(): Label {
    return { at: -1, refs: [] }
  }

  /** Emits a reference to `l` (its address, or a placeholder patched by bind). */
  ref(l: Label): void {
    if (l.at >= 0) this.code.push(l.at)
    else {
      l.refs.push(this.code.length)
      this.code.push(-1)
    }
  }

  bind(l: Label): void {
    this.flush()
    l.at = this.code.length
    for (const r of l.refs) this.code[r] = l.at
    l.refs.length = 0
  }

  allocNum(n: number): number {
    const at = this.numTop
    this.numTop += n
    if (this.numTop > MAX_MEMORY) throw new CodegenLimit(`program needs more than ${MAX_MEMORY} memory slots`)
    if (this.numTop > this.img.length) {
      let size = this.img.length
      while (size < this.numTop) size *= 2
      const next = new Float64Array(size)
      next.set(this.img)
      this.img = next
    }
    return at
  }

  allocStr(n: number): number {
    const at = this.strTop
    this.strTop += n
    if (this.strTop > MAX_MEMORY) throw new CodegenLimit(`program needs more than ${MAX_MEMORY} string slots`)
    for (let i = at; i < this.strTop; i++) this.simg[i] = ''
    return at
  }

  /** The slot holding constant `v` (deduplicated; -0 kept apart from 0). */
  konst(v: number): number {
    if (v === 0 && 1 / v < 0) {
      if (this.negZero < 0) {
        this.negZero = this.allocNum(1)
        this.img[this.negZero] = -0
      }
      return this.negZero
    }
    let s = this.nConst.get(v)
    if (s === undefined) {
      s = this.allocNum(1)
      this.img[s] = v
      this.nConst.set(v, s)
    }
    return s
  }

  skonst(v: string): number {
    let s = this.sConst.get(v)
    if (s === undefined) {
      s = this.allocStr(1)
      this.simg[s] = v
      this.sConst.set(v, s)
    }
    return s
  }

  /** Scratch pools of a POU type: instances of one FB type never run nested, so they share them. */
  pool(pou: PouInfo): { n: Pool; s: Pool } {
    let p = this.pools.get(pou)
    if (!p) {
      p = { n: new Pool(() => this.allocNum(1)), s: new Pool(() => this.allocStr(1)) }
      this.pools.set(pou, p)
    }
    return p
  }

  site(at: Node): number {
    this.sites.push({ p: at.p, e: at.e })
    return this.sites.length - 1
  }

  typeIdx(t: StType): number {
    let i = this.typeIndex.get(t)
    if (i === undefined) {
      i = this.types.length
      this.types.push(t)
      this.typeIndex.set(t, i)
    }
    return i
  }

  kernel(def: BlockDef, stride: number, kOff: number, tOff: number): number {
    let i = this.kIndex.get(def)
    if (i === undefined) {
      i = this.kernels.length
      this.kernels.push({ def, fn: def.kernel!, stride, kOff, tOff })
      this.kIndex.set(def, i)
    }
    return i
  }
}
