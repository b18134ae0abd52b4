/**
 * Structured Text throughput and compile time. The 10,000-block network of fb-engine.ts (ADD / GT / TON / PID in
 * short chains closed by feedback) is written three ways from one generated description: an ST PROGRAM, the same
 * FBD network, and a hand-written struct-of-arrays loop. All run interleaved on one virtual timeline; an untimed pass
 * first checks that the three produce identical chain values scan by scan, so none can be doing less work.
 * Compile time is measured on a generated 5,000-line ST program with a typical mix of statements.
 */
import {
  compileNetwork, compileSt, createInstance, createStInstance, formatDiagnostic, type FbdProgram, type StInstance,
} from '@takt/blocks'
import { median, report } from './util.js'
import { Baseline, interleavedScanUs, SCAN_RUNS, K_ADD, K_GT, K_PID, K_TON, rng, type Chains as Net } from './chains.js'

const BLOCKS = 10_000
const VERIFY_SCANS = 300
const COMPILE_LINES = 5000
const COMPILE_RUNS = 7
/** The compiler's code paths are cold after the scan bench; the first compiles also tier up the JIT. */
const COMPILE_WARMUP = 3

/** Chains of 6..14 blocks, the same mix as fb-engine.ts: every chain holds a PID, GT feeds a TON feeding PID.MAN. */
function generate(): Net {
  const rand = rng(61131)
  const kinds: number[] = []
  const p0: number[] = []
  const p1: number[] = []
  const p2: number[] = []
  const chainStart: number[] = []
  const round = (x: number): number => Math.round(x * 1000) / 1000
  while (kinds.length < BLOCKS) {
    chainStart.push(kinds.length)
    const length = Math.min(6 + Math.floor(rand() * 9), BLOCKS - kinds.length)
    let n = 0
    let hasPid = false
    const push = (kind: number, a: number, b = 0, d = 0): void => {
      kinds.push(kind)
      p0.push(a)
      p1.push(b)
      p2.push(d)
      n++
    }
    push(K_ADD, round(rand() * 2 - 1))
    while (n < length) {
      const left = length - n
      const r = rand()
      if ((left === 1 && !hasPid) || (r < 0.3 && left >= 1)) {
        push(K_PID, round(20 + rand() * 60), round(0.5 + rand() * 1.5), round(1 + rand() * 9))
        hasPid = true
      } else if (r < 0.6 && left >= 2) {
        push(K_GT, round(rand() * 100))
        push(K_TON, [50, 100, 200, 500][Math.floor(rand() * 4)]!)
      } else {
        push(K_ADD, round(rand() * 2 - 1))
      }
    }
  }
  return {
    kind: Uint8Array.from(kinds), chainStart: Int32Array.from([...chainStart, kinds.length]),
    p0: Float64Array.from(p0), p1: Float64Array.from(p1), p2: Float64Array.from(p2),
  }
}

/** The network as ST (`stLast`: the expression holding each chain's result) and as FBD (`fbdLast`: block ids). */
function toSources(net: Net): { st: string; stLast: string[]; fbd: FbdProgram; fbdLast: string[] } {
  const decl: string[] = []
  const body: string[] = []
  const stLast: string[] = []
  const fbd: FbdProgram = { format: 1, name: 'bench', blocks: [], wires: [] }
  const fbdLast: string[] = []
  const { kind, chainStart, p0, p1, p2 } = net
  for (let c = 0; c + 1 < chainStart.length; c++) {
    decl.push(`fb${c} : REAL;`)
    let x = `fb${c}`
    let fx = ''
    let q = ''
    let fq = ''
    for (let j = chainStart[c]!; j < chainStart[c + 1]!; j++) {
      const id = `b${j}`
      switch (kind[j]) {
        case K_ADD:
          decl.push(`${id} : REAL;`)
          body.push(`${id} := ${x} + ${p0[j]};`)
          fbd.blocks.push({ id, type: 'ADD', inputs: { IN2: p0[j]! } })
          if (fx) fbd.wires.push({ from: fx, to: `${id}.IN1` })
          x = id
          fx = `${id}.OUT`
          break
        case K_GT:
          decl.push(`${id} : BOOL;`)
          body.push(`${id} := ${x} > ${p0[j]};`)
          fbd.blocks.push({ id, type: 'GT', inputs: { IN2: p0[j]! } })
          fbd.wires.push({ from: fx, to: `${id}.IN1` })
          break
        case K_TON:
          decl.push(`${id} : TON;`)
          body.push(`${id}(IN := b${j - 1}, PT := T#${p0[j]}ms);`)
          fbd.blocks.push({ id, type: 'TON', inputs: { PT: p0[j]! } })
          fbd.wires.push({ from: `b${j - 1}.OUT`, to: `${id}.IN` })
          q = `${id}.Q`
          fq = `${id}.Q`
          break
        case K_PID:
          decl.push(`${id} : PID;`)
          body.push(`${id}(PV := ${x}, SP := ${p0[j]}, KP := ${p1[j]}, TI := ${p2[j]}, MV_MAN := 50${q ? `, MAN := ${q}` : ''});`)
          fbd.blocks.push({ id, type: 'PID', inputs: { SP: p0[j]!, KP: p1[j]!, TI: p2[j]!, MV_MAN: 50 } })
          fbd.wires.push({ from: fx, to: `${id}.PV` })
          if (fq) fbd.wires.push({ from: fq, to: `${id}.MAN` })
          x = `${id}.OUT`
          fx = `${id}.OUT`
          break
      }
    }
    body.push(`fb${c} := ${x};`)
    stLast.push(x)
    fbd.wires.push({ from: fx, to: `b${chainStart[c]}.IN1` })
    fbdLast.push(fx.slice(0, fx.indexOf('.')))
  }
  const st = `PROGRAM Bench\nVAR\n${decl.join('\n')}\nEND_VAR\n${body.join('\n')}\nEND_PROGRAM\n`
  return { st, stLast, fbd, fbdLast }
}


/** A 5,000-line program: declarations, then IF / CASE / FOR / assignments / FB calls / function calls. */
function compileSource(): string {
  const rand = rng(3)
  const lines: string[] = [
    'FUNCTION Clamp : REAL', 'VAR_INPUT v, lo, hi : REAL; END_VAR', 'Clamp := LIMIT(lo, v, hi);', 'END_FUNCTION',
    'PROGRAM Big', 'VAR',
  ]
  const groups = 120
  for (let i = 0; i < groups; i++) {
    lines.push(`a${i}, b${i} : REAL; n${i} : INT; f${i} : BOOL; t${i} : TON; arr${i} : ARRAY[0..9] OF DINT;`)
  }
  lines.push('k : INT;', 'END_VAR')
  let i = 0
  while (lines.length < COMPILE_LINES - 1) {
    const g = i++ % groups
    const r = rand()
    if (r < 0.3) lines.push(`a${g} := b${g} * 1.5 + Clamp(a${g}, 0.0, 100.0) - REAL#2.0;`)
    else if (r < 0.45) lines.push(`IF a${g} > ${Math.floor(rand() * 100)}.0 AND NOT f${g} THEN`, `  n${g} := n${g} + 1;`, 'ELSE', `  n${g} := 0;`, 'END_IF;')
    else if (r < 0.6) lines.push(`t${g}(IN := f${g}, PT := T#${1 + Math.floor(rand() * 9)}s);`, `f${g} := NOT t${g}.Q;`)
    else if (r < 0.75) lines.push(`FOR k := 0 TO 9 DO`, `  arr${g}[k] := arr${g}[k] + INT_TO_DINT(n${g});`, 'END_FOR;')
    else if (r < 0.9) lines.push(`CASE n${g} OF`, '  0: b' + g + ' := 0.0;', `  1..5: b${g} := b${g} + 0.5;`, `ELSE b${g} := SQRT(ABS(b${g}));`, 'END_CASE;')
    else lines.push(`(* group ${g} *) b${g} := MAX(a${g}, b${g}); // keep the larger`)
  }
  lines.push('END_PROGRAM')
  return lines.join('\n')
}

export async function benchSt(): Promise<void> {
  const net = generate()
  const { st, stLast, fbd, fbdLast } = toSources(net)
  const t0 = performance.now()
  const compiled = compileSt(st)
  const stCompileMs = performance.now() - t0
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(`bench ST does not compile:\n${errors.slice(0, 5).map(formatDiagnostic).join('\n')}`)
  const { plan, diagnostics } = compileNetwork(fbd)
  if (!plan) throw new Error(`bench FBD does not compile:\n${diagnostics.map(formatDiagnostic).join('\n')}`)
  const fbdSlots = Int32Array.from(fbdLast, (id) => plan.pinSignal(id, 'OUT')!)
  const pou = compiled.pous[0]!

  const stSlots = (inst: StInstance): Int32Array => Int32Array.from(stLast, (path) => inst.locate(path)!.slot)
  const stScan = (inst: StInstance, slots: Int32Array, now: number): number => {
    if (!inst.scan(now)) throw new Error(`ST fault: ${inst.fault?.message}`)
    const m = inst.memory
    let checksum = 0
    for (let c = 0; c < slots.length; c++) checksum += m[slots[c]!]!
    return checksum
  }
  const fbdScan = (inst: ReturnType<typeof createInstance>, now: number): number => {
    inst.scan(now)
    const sig = inst.signals
    let checksum = 0
    for (let c = 0; c < fbdSlots.length; c++) checksum += sig[fbdSlots[c]!]!
    return checksum
  }

  {
    const sti = createStInstance(pou)
    const slots = stSlots(sti)
    const fi = createInstance(plan)
    const loop = new Baseline(net)
    for (let s = 0; s < VERIFY_SCANS; s++) {
      const a = stScan(sti, slots, s * SCAN_RUNS.scanMs)
      const b = fbdScan(fi, s * SCAN_RUNS.scanMs)
      const c = loop.scan(s * SCAN_RUNS.scanMs)
      if (a !== b || a !== c) throw new Error(`ST, FBD and loop differ at scan ${s}: ${a} / ${b} / ${c}`)
    }
  }

  const sti = createStInstance(pou)
  const slots = stSlots(sti)
  const fi = createInstance(plan)
  const loop = new Baseline(net)
  const [stUs, fbdUs, loopUs] = interleavedScanUs([(t) => stScan(sti, slots, t), (t) => fbdScan(fi, t), (t) => loop.scan(t)]) as [number[], number[], number[]]
  const loopMed = median(loopUs)
  report('st_scan_10k_ratio', median(stUs) / loopMed, 'x', `ST ${median(stUs).toFixed(1)} us, loop ${loopMed.toFixed(1)} us, ${pou.exec!.code.length} code words, compile ${stCompileMs.toFixed(0)} ms`)
  report('fbd_scan_10k_ratio', median(fbdUs) / loopMed, 'x', `FBD ${median(fbdUs).toFixed(1)} us`)

  const big = compileSource()
  const ms: number[] = []
  for (let r = -COMPILE_WARMUP; r < COMPILE_RUNS; r++) {
    const t = performance.now()
    const res = compileSt(big)
    createStInstance(res.pous.find((p) => p.name === 'Big')!)
    if (r === -COMPILE_WARMUP && res.diagnostics.some((d) => d.severity === 'error')) {
      throw new Error(`compile bench source has errors:\n${res.diagnostics.slice(0, 5).map(formatDiagnostic).join('\n')}`)
    }
    if (r >= 0) ms.push(performance.now() - t)
  }
  report('st_compile_5000_ms', median(ms), 'ms', `${big.split('\n').length} lines, ${big.length} chars, compile + instantiate`)
}
