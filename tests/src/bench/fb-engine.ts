/**
 * FB engine throughput: a generated 10,000-block network (ADD / GT / TON / PID in many short chains, each closed by a
 * feedback wire like a control loop around a process model) against a hand-written struct-of-arrays loop doing the
 * same arithmetic, timer and PID math. Both run in the same process, interleaved, on the same virtual timeline, and
 * both fold every chain's result into a checksum each scan. Before timing, an untimed pass checks that both produce
 * identical values, so the baseline cannot be doing less work.
 */
import { compileNetwork, createInstance, formatDiagnostic, type FbdProgram, type ProgramInstance } from '@takt/blocks'
import { median, report } from './util.js'
import { Baseline, interleavedScanUs, SCAN_RUNS, K_ADD, K_GT, K_PID, K_TON, rng, type Chains } from './chains.js'

const BLOCKS = 10_000
const VERIFY_SCANS = 300



/** The FBD program plus the same network as a chain layout for the hand-written loops. */
interface Network extends Chains {
  program: FbdProgram
  /** Per chain: the block whose OUT closes the loop (the last ADD or PID). */
  chainLast: string[]
}

function generate(): Network {
  const rand = rng(61131)
  const program: FbdProgram = { format: 1, name: 'bench', blocks: [], wires: [] }
  const kinds: number[] = []
  const p0: number[] = []
  const p1: number[] = []
  const p2: number[] = []
  const chainStart: number[] = []
  const chainLast: string[] = []
  const round = (x: number): number => Math.round(x * 1000) / 1000
  while (kinds.length < BLOCKS) {
    const c = chainStart.length
    chainStart.push(kinds.length)
    const length = Math.min(6 + Math.floor(rand() * 9), BLOCKS - kinds.length)
    let n = 0
    let x = '' // the chain's analog signal, `id.PIN`
    let q = '' // the latest TON output, drives PID.MAN
    let hasPid = false
    const id = (): string => `c${c}_${n}`
    const push = (kind: number, a: number, b = 0, d = 0): void => {
      kinds.push(kind)
      p0.push(a)
      p1.push(b)
      p2.push(d)
      n++
    }
    // The head ADD reads the chain's last value of the previous scan: a feedback wire added below.
    const k0 = round(rand() * 2 - 1)
    program.blocks.push({ id: id(), type: 'ADD', inputs: { IN2: k0 } })
    const head = id()
    x = `${head}.OUT`
    push(K_ADD, k0)
    while (n < length) {
      const left = length - n
      const r = rand()
      if ((left === 1 && !hasPid) || (r < 0.3 && left >= 1)) {
        const sp = round(20 + rand() * 60)
        const kp = round(0.5 + rand() * 1.5)
        const ti = round(1 + rand() * 9)
        const b = id()
        program.blocks.push({ id: b, type: 'PID', inputs: { SP: sp, KP: kp, TI: ti, MV_MAN: 50 } })
        program.wires.push({ from: x, to: `${b}.PV` })
        if (q) program.wires.push({ from: q, to: `${b}.MAN` })
        push(K_PID, sp, kp, ti)
        x = `${b}.OUT`
        hasPid = true
      } else if (r < 0.6 && left >= 2) {
        const th = round(rand() * 100)
        const pt = [50, 100, 200, 500][Math.floor(rand() * 4)]!
        const g = id()
        program.blocks.push({ id: g, type: 'GT', inputs: { IN2: th } })
        program.wires.push({ from: x, to: `${g}.IN1` })
        push(K_GT, th)
        const t = id()
        program.blocks.push({ id: t, type: 'TON', inputs: { PT: pt } })
        program.wires.push({ from: `${g}.OUT`, to: `${t}.IN` })
        push(K_TON, pt)
        q = `${t}.Q`
      } else {
        const k = round(rand() * 2 - 1)
        const a = id()
        program.blocks.push({ id: a, type: 'ADD', inputs: { IN2: k } })
        program.wires.push({ from: x, to: `${a}.IN1` })
        push(K_ADD, k)
        x = `${a}.OUT`
      }
    }
    program.wires.push({ from: x, to: `${head}.IN1` })
    chainLast.push(x.slice(0, x.indexOf('.')))
  }
  return {
    program, chainLast,
    kind: Uint8Array.from(kinds), chainStart: Int32Array.from([...chainStart, kinds.length]),
    p0: Float64Array.from(p0), p1: Float64Array.from(p1), p2: Float64Array.from(p2),
  }
}


/**
 * A second hand-written shape with no per-block switch: blocks sorted by chain position, then one tight loop per
 * block kind and position over index arrays (what one writes to avoid branch mispredictions). Inputs are found
 * through one index (`xin`, `bin`); the engine needs two (slot, then signal).
 */
class PassBaseline {
  /** Analog value after each block (ADD/PID: its OUT; GT/TON: unused), then one feedback slot per chain. */
  readonly xv: Float64Array
  /** BOOL value per block (GT: OUT, TON: Q), plus one constant FALSE slot at the end. */
  readonly bv: Float64Array
  readonly et: Float64Array
  readonly err: Float64Array
  readonly s0: Float64Array
  readonly s1: Float64Array
  readonly s2: Float64Array
  readonly s3: Float64Array
  private readonly xin: Int32Array
  private readonly bin: Int32Array
  private readonly lastOf: Int32Array
  /** passes[p] lists the blocks of one kind at one chain position; passKind[p] says which kind. */
  private readonly passes: Int32Array[]
  private readonly passKind: Uint8Array
  private last: number | undefined = undefined

  constructor(readonly net: Network) {
    const { kind, chainStart } = net
    const n = kind.length
    const chains = chainStart.length - 1
    this.xv = new Float64Array(n + chains)
    this.bv = new Float64Array(n + 1)
    this.et = new Float64Array(n)
    this.err = new Float64Array(n)
    this.s0 = new Float64Array(n)
    this.s1 = new Float64Array(n)
    this.s2 = new Float64Array(n)
    this.s3 = new Float64Array(n)
    this.xin = new Int32Array(n)
    this.bin = new Int32Array(n).fill(n)
    this.lastOf = new Int32Array(chains)
    const byPos: number[][][] = []
    for (let c = 0; c < chains; c++) {
      let x = n + c
      let b = n
      for (let j = chainStart[c]!; j < chainStart[c + 1]!; j++) {
        const pos = j - chainStart[c]!
        const k = kind[j]!
        this.xin[j] = x
        this.bin[j] = b
        ;((byPos[pos] ??= [[], [], [], []])[k]!).push(j)
        if (k === K_ADD || k === K_PID) x = j
        else if (k === K_GT) b = j
        else if (k === K_TON) b = j
      }
      this.lastOf[c] = x
    }
    this.passes = []
    const kinds: number[] = []
    for (const lists of byPos) {
      lists.forEach((l, k) => {
        if (l.length === 0) return
        this.passes.push(Int32Array.from(l))
        kinds.push(k)
      })
    }
    this.passKind = Uint8Array.from(kinds)
  }

  scan(now: number): number {
    let dt = this.last === undefined ? 0 : now - this.last
    if (!(dt > 0)) dt = 0
    this.last = now
    const dts = dt * 0.001
    const { p0, p1, p2 } = this.net
    const { xv, bv, et, err, s0, s1, s2, s3, xin, bin, lastOf } = this
    const n = this.net.kind.length
    for (let c = 0; c < lastOf.length; c++) xv[n + c] = xv[lastOf[c]!]!
    const td = 0
    const lo = 0
    const hi = 100
    const mvMan = 50
    for (let p = 0; p < this.passes.length; p++) {
      const list = this.passes[p]!
      switch (this.passKind[p]) {
        case K_ADD:
          for (let i = 0; i < list.length; i++) {
            const j = list[i]!
            xv[j] = xv[xin[j]!]! + p0[j]!
          }
          break
        case K_GT:
          for (let i = 0; i < list.length; i++) {
            const j = list[i]!
            bv[j] = xv[xin[j]!]! > p0[j]! ? 1 : 0
          }
          break
        case K_TON:
          for (let i = 0; i < list.length; i++) {
            const j = list[i]!
            if (bv[bin[j]!] !== 0) {
              const el = s1[j] !== 0 ? s0[j]! + dt : 0
              s0[j] = el
              s1[j] = 1
              let pt = p0[j]!
              if (!(pt > 0)) pt = 0
              bv[j] = el >= pt ? 1 : 0
              et[j] = el < pt ? el : pt
            } else {
              s0[j] = 0
              s1[j] = 0
              bv[j] = 0
              et[j] = 0
            }
          }
          break
        case K_PID:
          for (let i = 0; i < list.length; i++) {
            const j = list[i]!
            const pv = xv[xin[j]!]!
            const sp = p0[j]!
            const kp = p1[j]!
            const ti = p2[j]!
            const e = sp - pv
            const init = s2[j] !== 0
            let d = s3[j]!
            if (!init) d = 0
            else if (dts > 0) d = td > 0 ? (kp * td * (s1[j]! - pv)) / dts : 0
            const pp = kp * e
            let ii = s0[j]!
            let o: number
            if (bv[bin[j]!] !== 0) {
              o = mvMan
              if (o > hi) o = hi
              if (o < lo) o = lo
              ii = o - pp - d
            } else {
              if (init && dts > 0 && ti > 0) {
                const inc = (kp * dts * e) / ti
                const u = pp + ii + inc + d
                if (!((u > hi && inc > 0) || (u < lo && inc < 0))) ii += inc
              }
              o = pp + ii + d
              if (o > hi) o = hi
              if (o < lo) o = lo
            }
            s0[j] = ii
            s1[j] = pv
            s2[j] = 1
            s3[j] = d
            xv[j] = o
            err[j] = e
          }
          break
      }
    }
    let checksum = 0
    for (let c = 0; c < lastOf.length; c++) checksum += xv[lastOf[c]!]!
    return checksum
  }
}

/** Engine side of one scan, with the same checksum over the chains' final values. */
function engineScan(inst: ProgramInstance, last: Int32Array, now: number): number {
  inst.scan(now)
  const sig = inst.signals
  let checksum = 0
  for (let c = 0; c < last.length; c++) checksum += sig[last[c]!]!
  return checksum
}

export async function benchFbEngine(): Promise<void> {
  const net = generate()
  const t0 = performance.now()
  const { plan, diagnostics } = compileNetwork(net.program)
  const compileMs = performance.now() - t0
  if (!plan) throw new Error(`bench network does not compile:\n${diagnostics.map(formatDiagnostic).join('\n')}`)
  const last = Int32Array.from(net.chainLast, (id) => plan.pinSignal(id, 'OUT')!)

  // Same work check: identical results scan by scan on a fresh set.
  {
    const inst = createInstance(plan)
    const chain = new Baseline(net)
    const pass = new PassBaseline(net)
    for (let s = 0; s < VERIFY_SCANS; s++) {
      const a = engineScan(inst, last, s * SCAN_RUNS.scanMs)
      const b = chain.scan(s * SCAN_RUNS.scanMs)
      const c = pass.scan(s * SCAN_RUNS.scanMs)
      if (a !== b || a !== c) throw new Error(`engine and baselines differ at scan ${s}: ${a} / ${b} / ${c}`)
    }
  }

  const inst = createInstance(plan)
  const chain = new Baseline(net)
  const pass = new PassBaseline(net)
  const [engineUs, chainUs, passUs] = interleavedScanUs([(t) => engineScan(inst, last, t), (t) => chain.scan(t), (t) => pass.scan(t)]) as [number[], number[], number[]]

  const eng = median(engineUs)
  const chainMed = median(chainUs)
  const passMed = median(passUs)
  // The ratio is against the faster hand-written loop, so a slow baseline cannot flatter the engine.
  const loop = Math.min(chainMed, passMed)
  const groups = plan.exec.kernels.length
  report('fb_scan_10k_us', eng, 'us', `${net.kind.length} blocks, ${groups} kernel groups, compile ${compileMs.toFixed(0)} ms`)
  report('fb_scan_10k_ratio', eng / loop, 'x', `vs faster hand-written loop; per-chain switch ${chainMed.toFixed(1)} us, per-kind passes ${passMed.toFixed(1)} us`)
}
