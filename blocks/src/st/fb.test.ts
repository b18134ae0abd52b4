import { describe, expect, it } from 'vitest'
import { compileNetwork, createInstance, defaultLibrary, FakeClock } from '../engine/index.js'
import type { FbdProgram } from '../format/program.js'
import { compileSt, createStInstance } from './index.js'
import { instance, prog } from './__tests__/helpers.js'

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FB_TYPES = ['TON', 'TOF', 'TP', 'R_TRIG', 'F_TRIG', 'CTU', 'CTD', 'CTUD', 'SR', 'RS', 'PID', 'RAMP', 'FILTER', 'HYSTERESIS', 'SCALE']

/**
 * The same block driven by the same random inputs on the same virtual timeline, once as an FBD network and once as
 * an ST program. `wired`: arguments are plain variables (the kernel reads them directly); otherwise expressions
 * that force a copy into the instance.
 */
function compare(type: string, wired: boolean, seed: number): void {
  const def = defaultLibrary.get(type)!
  const stType = (t: string): string => (t === 'ANY_NUM' || t === 'ANY' ? 'LREAL' : t)
  const fbd: FbdProgram = { format: 1, name: 'cmp', blocks: [{ id: 'f', type }], wires: [] }
  def.inputs.forEach((p) => {
    fbd.blocks.push({ id: `i_${p.name}`, type: 'TAG_IN', params: { tag: `in/${p.name}`, type: stType(p.type) } })
    fbd.wires.push({ from: `i_${p.name}.OUT`, to: `f.${p.name}` })
  })
  def.outputs.forEach((p) => {
    fbd.blocks.push({ id: `o_${p.name}`, type: 'TAG_OUT', params: { tag: `out/${p.name}` } })
    fbd.wires.push({ from: `f.${p.name}`, to: `o_${p.name}.IN` })
  })
  const { plan, diagnostics } = compileNetwork(fbd)
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const fi = createInstance(plan!)

  const arg = (p: { name: string; type: string }): string => {
    if (wired) return `in_${p.name}`
    return p.type === 'BOOL' ? `in_${p.name} OR FALSE` : `in_${p.name} * 1`
  }
  const src = `PROGRAM Cmp
VAR_INPUT ${def.inputs.map((p) => `in_${p.name} : ${stType(p.type)};`).join(' ')} END_VAR
VAR_OUTPUT ${def.outputs.map((p) => `out_${p.name} : ${stType(p.type)};`).join(' ')} END_VAR
VAR f : ${type}; END_VAR
f(${def.inputs.map((p) => `${p.name} := ${arg(p)}`).join(', ')});
${def.outputs.map((p) => `out_${p.name} := f.${p.name};`).join('\n')}
END_PROGRAM`
  const r = compileSt(src)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const si = createStInstance(r.pous[0]!)

  const rand = rng(seed)
  const clock = new FakeClock(1000)
  const values = new Map<string, number>()
  for (let scan = 0; scan < 300; scan++) {
    def.inputs.forEach((p, i) => {
      if (scan > 0 && rand() < 0.6) return
      let v: number
      if (p.type === 'BOOL') v = rand() < 0.5 ? 1 : 0
      else if (p.type === 'TIME') v = Math.floor(rand() * 200)
      else if (p.type === 'INT' || p.type === 'DINT') v = Math.floor(rand() * 6)
      else v = Math.round((rand() * 200 - 50) * 100) / 100
      if (p.name === 'OUT_MAX' || p.name === 'IN_MAX' || p.name === 'HIGH') v = Math.abs(v) + 60
      values.set(p.name, v)
      fi.setTagInput(i, v)
      si.set(`in_${p.name}`, p.type === 'BOOL' ? v === 1 : v)
    })
    clock.advance(rand() < 0.1 ? 0 : Math.floor(rand() * 40))
    fi.scan(clock.now())
    expect(si.scan(clock.now())).toBe(true)
    def.outputs.forEach((p, j) => {
      const a = fi.getTagOutput(j)
      const b = si.get(`out_${p.name}`)
      if (a !== b) throw new Error(`${type} ${p.name} differs at scan ${scan}: FBD ${a}, ST ${b} (inputs ${JSON.stringify([...values])})`)
    })
  }
}

describe('ST FB calls behave as the FBD engine', () => {
  for (const type of FB_TYPES) {
    it(`${type}, wired and copied arguments`, () => {
      compare(type, true, 1)
      compare(type, false, 2)
    })
  }
})

describe('ST timers through virtual time', () => {
  it('TON measures the time since its previous call, also when not called every scan', () => {
    const inst = instance(prog('go : BOOL; every : BOOL; t1 : TON; t2 : TON; n : INT; q1 : BOOL; q2 : BOOL; e2 : TIME;',
      `n := n + 1; t1(IN := go, PT := T#1s); IF n MOD 3 = 0 THEN t2(IN := go, PT := T#1s); END_IF; q1 := t1.Q; q2 := t2.Q; e2 := t2.ET;`))
    const clock = new FakeClock()
    inst.set('go', true)
    const seen: [number, boolean, boolean][] = []
    for (let i = 0; i < 12; i++) {
      inst.scan(clock.now())
      seen.push([clock.now(), inst.get('q1') as boolean, inst.get('q2') as boolean])
      clock.advance(100)
    }
    // t1 runs every scan from t = 0: Q at 1000 ms. t2 first runs at 200 ms (n = 3), then every 300 ms: Q at 1400 ms.
    expect(seen.find(([, q]) => q)?.[0]).toBe(1000)
    expect(inst.get('e2')).toBe(900)
    inst.scan(1400)
    expect(inst.get('q2')).toBe(false)
    inst.set('n', 2)
    inst.scan(1400)
    expect(inst.get('q2')).toBe(true)
  })

  it('counts edges with CTU and R_TRIG across scans', () => {
    const inst = instance(prog('b : BOOL; c : CTU; e : R_TRIG; n : INT; rises : INT;',
      'c(CU := b, R := FALSE, PV := 3); e(CLK := b); IF e.Q THEN rises := rises + 1; END_IF; n := c.CV;'))
    for (const v of [true, true, false, true, false, true, true]) {
      inst.set('b', v)
      inst.scan(0)
    }
    expect([inst.get('n'), inst.get('rises'), inst.get('c.Q')]).toEqual([3, 3, true])
  })
})

describe('wired FB inputs', () => {
  it('read through to the variable and refuse writes', () => {
    const inst = instance(prog('go : BOOL; t : TON; k : TON;', 't(IN := go, PT := T#50ms); k(IN := go); k.PT := T#5ms; k(IN := NOT go);'))
    inst.set('go', true)
    inst.scan(0)
    expect(inst.get('t.IN')).toBe(true)
    expect(inst.get('t.PT')).toBe(50)
    expect(() => inst.set('t.IN', false)).toThrow(/wired/)
    inst.set('k.PT', 7)
    expect(inst.get('k.PT')).toBe(7)
  })
})

describe('RETAIN', () => {
  it('snapshots and restores retained variables and FB instances by path', () => {
    const src = `FUNCTION_BLOCK Tot VAR_INPUT x : REAL; END_VAR VAR RETAIN sum : REAL; END_VAR VAR n : INT; END_VAR sum := sum + x; n := n + 1; END_FUNCTION_BLOCK
PROGRAM P
VAR RETAIN hours : LREAL; c : CTU; label : STRING := 'a'; END_VAR
VAR plain : INT; t : Tot; END_VAR
hours := hours + 1.5; c(CU := plain MOD 2 = 0, PV := 10); plain := plain + 1; t(x := 2.0); label := CONCAT(label, 'b');
END_PROGRAM`
    const a = instance(src)
    for (let i = 0; i < 4; i++) a.scan(i)
    const snap = a.retainSnapshot()
    // c.PV is wired to the constant 10 by its only call, so it holds nothing of its own to keep.
    expect(Object.keys(snap.values).sort()).toEqual(['C.#S0', 'C.#S1', 'C.CU', 'C.CV', 'C.Q', 'C.R', 'HOURS', 'LABEL', 'T.SUM'])
    const b = instance(src)
    const r = b.restoreRetain(JSON.parse(JSON.stringify({ ...snap, values: { ...snap.values, GONE: 1 } })))
    expect(r).toEqual({ restored: 9, skipped: ['GONE'] })
    expect([b.get('hours'), b.get('c.CV'), b.get('label'), b.get('t.sum'), b.get('plain'), b.get('t.n')]).toEqual([6, 2, 'abbbb', 8, 0, 0])
    b.scan(10)
    expect(b.get('c.CV')).toBe(3)
  })
})
