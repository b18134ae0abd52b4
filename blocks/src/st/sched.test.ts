import { describe, expect, it } from 'vitest'
import { defaultLibrary } from '../library/index.js'
import { disassemble } from './disasm.js'
import { analyse } from './frontend.js'
import { generate } from './generate.js'
import { createStInstance, type StInstance, type StPou } from './index.js'

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

/** The program's first POU compiled with or without statement scheduling. */
function build(src: string, schedule: boolean): StInstance {
  const fe = analyse(src, defaultLibrary)
  expect(fe.sink.diagnostics().filter((d) => d.severity === 'error')).toEqual([])
  const root = [...fe.ctx.pous.values()][0]!
  const exec = generate(fe.ctx, root, schedule)!
  const pou: StPou = { name: root.raw, kind: root.kind, variables: [], line: 1, column: 1, exec }
  return createStInstance(pou)
}

const VARS = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'b0', 'b1', 'b2', 'b3', 'r0', 'r1']

/** A random straight-line-heavy program over a few variables, timers and counters. */
function randomProgram(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const x = (): string => pick(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'in0', 'in1'])
  const b = (): string => pick(['b0', 'b1', 'b2', 'b3', 'inb'])
  const xs = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5']
  const bs = ['b0', 'b1', 'b2', 'b3']
  const lines: string[] = []
  for (let i = 0; i < 60; i++) {
    const r = rand()
    if (r < 0.2) lines.push(`${pick(xs)} := ${x()} ${pick(['+', '-', '*'])} ${x()};`)
    else if (r < 0.3) lines.push(`${pick(xs)} := ${pick(['MAX', 'MIN'])}(${x()}, ${x()}) + ${Math.floor(rand() * 5)};`)
    else if (r < 0.4) lines.push(`${pick(bs)} := ${x()} ${pick(['>', '<=', '=', '<>'])} ${x()};`)
    else if (r < 0.47) lines.push(`${pick(bs)} := ${b()} ${pick(['AND', 'OR', 'XOR'])} NOT ${b()};`)
    else if (r < 0.52) lines.push(`${pick(['r0', 'r1'])} := ${pick(['r0', 'r1'])} * 0.5 + DINT_TO_REAL(${x()});`)
    else if (r < 0.62) lines.push(`${pick(['t0', 't1', 't2'])}(IN := ${b()}, PT := T#${10 * (1 + Math.floor(rand() * 5))}ms);`)
    else if (r < 0.67) lines.push(`t3(IN := ${b()} AND ${b()}, PT := T#20ms);`)
    else if (r < 0.75) lines.push(`${pick(['c0', 'c1'])}(CU := ${b()}, PV := 3);`)
    else if (r < 0.82) lines.push(`${pick(xs)} := ${pick(['c0', 'c1'])}.CV + ${x()};`, `${pick(bs)} := ${pick(['t0', 't1', 't2', 't3'])}.Q;`)
    else if (r < 0.9) lines.push(`IF ${b()} THEN ${pick(xs)} := ${x()} + 1; ELSE ${pick(bs)} := NOT ${b()}; END_IF;`)
    else lines.push(`${pick(xs)} := SEL(${b()}, ${x()}, LIMIT(-100, ${x()}, 100));`)
  }
  return `PROGRAM R
VAR_INPUT in0, in1 : DINT; inb : BOOL; END_VAR
VAR x0, x1, x2, x3, x4, x5 : DINT; b0, b1, b2, b3 : BOOL; r0, r1 : REAL; t0, t1, t2, t3 : TON; c0, c1 : CTU; END_VAR
${lines.join('\n')}
END_PROGRAM`
}

describe('statement scheduling', () => {
  it('gives the results of the written order on random programs', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed)
      const src = randomProgram(rand)
      const a = build(src, true)
      const b = build(src, false)
      let now = 0
      for (let scan = 0; scan < 40; scan++) {
        for (const inst of [a, b]) {
          inst.set('in0', (scan * 7) % 11 - 5)
          inst.set('in1', (scan * 3) % 5)
          inst.set('inb', scan % 3 === 0)
        }
        now += Math.floor(rand() * 15)
        expect(a.scan(now)).toBe(true)
        expect(b.scan(now)).toBe(true)
        for (const v of [...VARS, 't0.Q', 't1.ET', 't3.Q', 'c0.CV', 'c1.Q']) {
          if (a.get(v) !== b.get(v)) throw new Error(`seed ${seed} scan ${scan}: ${v} is ${a.get(v)} scheduled, ${b.get(v)} in order\n${src}`)
        }
      }
    }
  })

  it('groups independent same-kind instructions into vector instructions', () => {
    const src = `PROGRAM V VAR a, b, c, d : REAL; t1, t2, t3 : TON; g : BOOL; END_VAR
a := a + 1.0; b := b + 2.0; c := c + 3.0; d := a + b;
t1(IN := g, PT := T#1s); t2(IN := g, PT := T#2s); t3(IN := t1.Q, PT := T#3s);
END_PROGRAM`
    const fe = analyse(src, defaultLibrary)
    const code = generate(fe.ctx, [...fe.ctx.pous.values()][0]!)!.code
    const lines = disassemble(code)
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['VEC', 'KCALLV', 'ADD', 'KCALLH', 'HALT'])
    // Three independent ADDs (a, b, c) in one VEC; d := a + b waits for them; t3 waits for t1.
    expect(lines[0]!.split(' ').slice(2, 4)).toEqual(['3', '3'])
  })
})
