import { Op } from './ops.js'

/**
 * Statement scheduling for straight-line code. A run of instructions without jumps, faults or dynamic addressing
 * is ordered by dependency level (longest chain of read-after-write, write-after-read and write-after-write on
 * memory slots), and same-kind instructions of one level become one vector instruction: `VEC op n tuples` for
 * arithmetic, `KCALLV` for library FB calls, whose kernel then runs over a contiguous slot run as in the FBD engine.
 * Every slot ends a run with the value sequential execution gives, so the result is that of the written order;
 * the gain is in dispatch: a mixed stream of 10,000 instructions mispredicts the VM's switch at nearly every step.
 */

/** Operand roles of schedulable scalar instructions: w = slot written, r = slot read, i = immediate. */
export const ROLES: Partial<Record<number, string>> = {
  [Op.MOV]: 'wr', [Op.ADD]: 'wrr', [Op.SUB]: 'wrr', [Op.MUL]: 'wrr', [Op.DIV]: 'wrr', [Op.NEG]: 'wr',
  [Op.WRAP]: 'wri', [Op.IMUL]: 'wrri', [Op.EXPT]: 'wrr', [Op.EQ]: 'wrr', [Op.NE]: 'wrr', [Op.LT]: 'wrr',
  [Op.LE]: 'wrr', [Op.GT]: 'wrr', [Op.GE]: 'wrr', [Op.BAND]: 'wrr', [Op.BOR]: 'wrr', [Op.BXOR]: 'wrr',
  [Op.BNOT]: 'wr', [Op.IAND]: 'wrri', [Op.IOR]: 'wrri', [Op.IXOR]: 'wrri', [Op.INOT]: 'wri', [Op.MATH]: 'wri',
  [Op.MIN]: 'wrr', [Op.MAX]: 'wrr', [Op.LIMIT]: 'wrrr', [Op.SEL]: 'wrrr', [Op.CONV]: 'wriirr', [Op.ADDR]: 'wir',
}

/** Instructions the VM runs in vector form (`VEC op n`); others are scheduled but emitted one by one. */
export const VECTOR_OPS = new Set<number>([
  Op.MOV, Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.BAND, Op.BOR, Op.BNOT,
  Op.NEG, Op.MIN, Op.MAX, Op.SEL, Op.LIMIT,
])

/** A library FB call in a straight-line run. */
export interface KCall {
  ki: number
  k: number
  ts: number
  stride: number
  /** `(dst, src)` argument moves done before the kernel runs. */
  pairs: number[]
  /** The instance's memory [lo, hi): pins, state, time cell. */
  lo: number
  hi: number
  /** Slots the kernel reads through wired inputs. */
  wired: number[]
  /** Called from this one place only, so its time cell is read by no other call. */
  solo: boolean
  /** The instruction as it would be emitted alone. */
  words: number[]
}

export interface SInstr {
  words: number[]
  reads: number[]
  writes: number[]
  kcall?: KCall
}

/** The instruction `words` (one whole instruction) as a schedulable unit, or null when it must stay in place. */
export function describe(words: number[]): SInstr | null {
  const roles = ROLES[words[0]!]
  if (!roles || words.length !== roles.length + 1) return null
  const reads: number[] = []
  const writes: number[] = []
  for (let i = 0; i < roles.length; i++) {
    const r = roles[i]
    if (r === 'r') reads.push(words[i + 1]!)
    else if (r === 'w') writes.push(words[i + 1]!)
  }
  return { words, reads, writes }
}

export function describeKCall(c: KCall): SInstr {
  const reads: number[] = []
  const writes: number[] = []
  for (let i = 0; i < c.pairs.length; i += 2) reads.push(c.pairs[i + 1]!)
  reads.push(...c.wired)
  for (let s = c.lo; s < c.hi; s++) {
    reads.push(s)
    writes.push(s)
  }
  return { words: c.words, reads, writes, kcall: c }
}

/**
 * Orders a run and emits it into `out`. `slots` is the library FB slot-layout table; a KCALLV group appends a
 * contiguous copy of its instances' layouts there.
 */
export function schedule(run: SInstr[], out: number[], slots: number[], timeCell: () => number): void {
  if (run.length < 2) {
    for (const s of run) out.push(...s.words)
    return
  }
  const level = new Int32Array(run.length)
  const T = tables(run)
  const { lastWrite, lastRead, stamp } = T
  const gen = ++T.gen
  const lw = (x: number): number => (stamp[x] === gen ? lastWrite[x]! : -1)
  const lr = (x: number): number => (stamp[x] === gen ? lastRead[x]! : -1)
  const touch = (x: number): void => {
    if (stamp[x] !== gen) {
      stamp[x] = gen
      lastWrite[x] = -1
      lastRead[x] = -1
    }
  }
  let maxLevel = 0
  for (let i = 0; i < run.length; i++) {
    const s = run[i]!
    let l = 0
    for (const r of s.reads) {
      const w = lw(r)
      if (w >= 0 && w + 1 > l) l = w + 1
    }
    for (const w of s.writes) {
      const a = lw(w)
      if (a >= 0 && a + 1 > l) l = a + 1
      const b = lr(w)
      if (b >= 0 && b + 1 > l) l = b + 1
    }
    level[i] = l
    if (l > maxLevel) maxLevel = l
    for (const r of s.reads) {
      touch(r)
      if (lastRead[r]! < l) lastRead[r] = l
    }
    for (const w of s.writes) {
      touch(w)
      lastWrite[w] = l
      // Any later writer waits for the readers of this value, which are at level l or above.
      lastRead[w] = -1
    }
  }
  const byLevel: number[][] = Array.from({ length: maxLevel + 1 }, () => [])
  run.forEach((_, i) => byLevel[level[i]!]!.push(i))
  for (const ids of byLevel) {
    const groups = new Map<string, number[]>()
    for (const i of ids) {
      const s = run[i]!
      const op = s.words[0]!
      const key = s.kcall ? `k${s.kcall.ki}:${s.kcall.stride}` : VECTOR_OPS.has(op) ? `v${op}` : `i${i}`
      const g = groups.get(key)
      if (g) g.push(i)
      else groups.set(key, [i])
    }
    for (const g of groups.values()) emitGroup(g.map((i) => run[i]!), out, slots, timeCell)
  }
}

/** Per-slot tables reused across runs; a generation stamp marks which entries belong to the current run. */
interface Tables {
  lastWrite: Int32Array
  lastRead: Int32Array
  stamp: Int32Array
  gen: number
}
let shared: Tables = { lastWrite: new Int32Array(0), lastRead: new Int32Array(0), stamp: new Int32Array(0), gen: 0 }

function tables(run: SInstr[]): Tables {
  let max = 0
  for (const s of run) {
    for (const r of s.reads) if (r > max) max = r
    for (const w of s.writes) if (w > max) max = w
  }
  if (max >= shared.stamp.length || shared.gen > 0x3fffffff) {
    const n = Math.max(max + 1, shared.stamp.length * 2, 1024)
    shared = { lastWrite: new Int32Array(n), lastRead: new Int32Array(n), stamp: new Int32Array(n), gen: 0 }
  }
  return shared
}

function emitGroup(g: SInstr[], out: number[], slots: number[], timeCell: () => number): void {
  if (g.length === 1) {
    out.push(...g[0]!.words)
    return
  }
  const first = g[0]!
  if (first.kcall) {
    const { ki, stride } = first.kcall
    const kStart = slots.length
    for (const s of g) for (let j = 0; j < stride; j++) slots.push(slots[s.kcall!.k + j]!)
    const pairs = g.flatMap((s) => s.kcall!.pairs)
    // Instances called only from here always run together: one time cell serves them all.
    const shared = g.every((s) => s.kcall!.solo) ? timeCell() : -1
    out.push(Op.KCALLV, ki, stride, g.length, kStart, shared)
    for (const s of g) out.push(s.kcall!.k, s.kcall!.ts)
    out.push(pairs.length / 2, ...pairs)
    return
  }
  out.push(Op.VEC, first.words[0]!, g.length)
  for (const s of g) for (let j = 1; j < s.words.length; j++) out.push(s.words[j]!)
}
