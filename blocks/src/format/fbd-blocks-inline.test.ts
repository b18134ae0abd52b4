import { describe, expect, it } from 'vitest'
import { compileNetwork } from '../engine/compile.js'
import { createInstance } from '../engine/instance.js'
import { Runner } from '../engine/__tests__/net.js'
import { accumulator, build, fb, fbIn, fbOut, latchDelay, programPlan, tagIn, tagOut } from './__tests__/fb-fixture.js'

describe('FBD function blocks inlined into a program', () => {
  const { library } = build([latchDelay()])
  const plan = () => programPlan(library, [
    tagIn('a', 'In/Set', 'BOOL'), tagIn('b', 'In/Reset', 'BOOL'),
    { id: 'm1', type: 'LATCH_DELAY', inputs: { PT: 300 } },
    { id: 'm2', type: 'LATCH_DELAY' },
    tagOut('q1', 'Out/Q1'), tagOut('q2', 'Out/Q2'),
  ], [['a.OUT', 'm1.SET'], ['b.OUT', 'm1.RESET'], ['a.OUT', 'm2.SET'], ['m1.Q', 'q1.IN'], ['m2.Q', 'q2.IN']])

  it('runs each instance on its own, with the constant or the interface default on unwired inputs', () => {
    const r = new Runner(plan())
    r.set({ 'In/Set': true }).scan(0)
    expect([r.tag('Out/Q1'), r.tag('Out/Q2')]).toEqual([false, false])
    r.set({ 'In/Set': false }).scan(300)
    expect([r.tag('Out/Q1'), r.tag('Out/Q2'), r.pin('m2.ET')]).toEqual([true, false, 300])
    r.scan(700)
    expect([r.tag('Out/Q1'), r.tag('Out/Q2')]).toEqual([true, true])
    r.set({ 'In/Reset': true }).scan(10)
    expect([r.tag('Out/Q1'), r.tag('Out/Q2')]).toEqual([false, true])
  })

  it('keeps the plan flat and shows the instance pins for monitoring', () => {
    const p = plan()
    const kernels = p.exec.kernels.length
    expect(p.order).toEqual(expect.arrayContaining(['m1', 'm1/rs', 'm1/t', 'm2/t']))
    expect(p.order.indexOf('m1')).toBeLessThan(p.order.indexOf('m1/rs'))
    expect(p.order.some((id) => id.endsWith('/s') || id.endsWith('/q'))).toBe(false) // FB_IN / FB_OUT vanish
    expect(kernels).toBeLessThanOrEqual(2) // RS and TON, each instance in one group
    expect(p.pinSignal('m1', 'Q')).toBe(p.pinSignal('m1/t', 'Q'))
    expect(p.pinSignal('m1', 'SET')).toBe(p.pinSignal('a', 'OUT'))
    expect(p.pinSignal('m1', 'SET')).toBe(p.pinSignal('m1/rs', 'S'))
    expect(p.pinType('m1', 'PT')).toBe('TIME')
    const r = new Runner(p)
    r.set({ 'In/Set': true }).scan(0)
    expect([r.pin('m1.SET'), r.pin('m1.PT'), r.pin('m2.PT'), r.pin('m1.Q')]).toEqual([true, 300, 1000, false])
    expect(p.blockTypes.get('m1')).toBe('LATCH_DELAY')
    expect(p.blockTypes.get('m1/t')).toBe('TON')
  })

  it('nests function blocks two levels deep', () => {
    const inner = latchDelay()
    const middle = fb('DELAY2', { inputs: [{ name: 'GO', type: 'BOOL' }], outputs: [{ name: 'DONE', type: 'BOOL' }] },
      [fbIn('go', 'GO'), { id: 'ld', type: 'LATCH_DELAY', inputs: { PT: 100 } }, fbOut('done', 'DONE')],
      [['go.OUT', 'ld.SET'], ['ld.Q', 'done.IN']])
    const outer = fb('DELAY3', { inputs: [{ name: 'GO', type: 'BOOL' }], outputs: [{ name: 'DONE', type: 'BOOL' }] },
      [fbIn('go', 'GO'), { id: 'a', type: 'DELAY2' }, { id: 'b', type: 'DELAY2' }, fbOut('done', 'DONE')],
      [['go.OUT', 'a.GO'], ['a.DONE', 'b.GO'], ['b.DONE', 'done.IN']])
    // Files in any order: the nested block is built first.
    const built = build([outer, middle, inner])
    expect(built.diagnostics).toEqual([])
    expect(built.defs.map((d) => d.type)).toEqual(['DELAY3', 'DELAY2', 'LATCH_DELAY'])
    const p = programPlan(built.library, [tagIn('go', 'Go', 'BOOL'), { id: 'x', type: 'DELAY3' }, tagOut('done', 'Done')],
      [['go.OUT', 'x.GO'], ['x.DONE', 'done.IN']])
    expect(p.order).toEqual(expect.arrayContaining(['x', 'x/a', 'x/a/ld', 'x/a/ld/t', 'x/b/ld/rs']))
    const r = new Runner(p).set({ Go: true }).scan(0)
    r.scan(100)
    expect([r.pin('x/a.DONE'), r.tag('Done')]).toEqual([true, false])
    r.scan(100)
    expect([r.pin('x/b/ld.Q'), r.pin('x.DONE'), r.tag('Done')]).toEqual([true, true, true])
  })

  it('keeps feedback inside a function block, per instance', () => {
    const { library: lib } = build([accumulator()])
    const p = programPlan(lib, [{ id: 'a', type: 'ACC' }, { id: 'b', type: 'ACC', inputs: { STEP: 10 } }, tagOut('n', 'N')], [['b.N', 'n.IN']])
    expect(p.feedbackWires).toEqual([]) // the program itself has none
    const r = new Runner(p).scan(0).scan(10).scan(10)
    expect([r.pin('a.N'), r.pin('b.N'), r.tag('N')]).toEqual([3, 30, 30])
  })

  it('reads the previous scan through a feedback wire around an instance', () => {
    const { library: lib } = build([fb('INC', { inputs: [{ name: 'X', type: 'INT' }], outputs: [{ name: 'Y', type: 'INT' }] },
      [fbIn('x', 'X'), { id: 'add', type: 'ADD', inputs: { IN2: 1 } }, fbOut('y', 'Y')], [['x.OUT', 'add.IN1'], ['add.OUT', 'y.IN']])])
    const p = programPlan(lib, [{ id: 'i', type: 'INC' }], [['i.Y', 'i.X']])
    expect(p.feedbackWires).toEqual([0])
    const r = new Runner(p).scan(0).scan(1).scan(1)
    expect(r.pin('i.Y')).toBe(3)
  })

  it('passes a value straight through, and gives unwritten outputs their default', () => {
    const pass = fb('PASS', { inputs: [{ name: 'A', type: 'REAL', default: 2.5 }], outputs: [{ name: 'B', type: 'REAL' }, { name: 'C', type: 'BOOL' }] },
      [fbIn('a', 'A'), fbOut('b', 'B')], [['a.OUT', 'b.IN']])
    const built = build([pass])
    expect(built.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['E_REFERENCE', 'warning', '$.interface.outputs[1]']])
    const p = programPlan(built.library, [tagIn('v', 'V', 'REAL'), { id: 'p1', type: 'PASS' }, { id: 'p2', type: 'PASS' }, tagOut('o1', 'O1'), tagOut('o2', 'O2')],
      [['v.OUT', 'p1.A'], ['p1.B', 'o1.IN'], ['p2.B', 'o2.IN']])
    const r = new Runner(p).set({ V: 7 }).scan(0)
    expect([r.tag('O1'), r.tag('O2'), r.pin('p1.C'), r.pin('p2.B')]).toEqual([7, 2.5, false, 2.5])
  })
})

describe('types at the interface', () => {
  const div = (t: 'INT' | 'REAL') => fb(`DIV_${t}`, { inputs: [{ name: 'A', type: t }, { name: 'B', type: t, default: 2 }], outputs: [{ name: 'Q', type: t }] },
    [fbIn('a', 'A'), fbIn('b', 'B'), { id: 'd', type: 'DIV' }, fbOut('q', 'Q')], [['a.OUT', 'd.IN1'], ['b.OUT', 'd.IN2'], ['d.OUT', 'q.IN']])
  const { library } = build([div('INT'), div('REAL')])

  it('types generic blocks inside by the interface, whatever drives the instance', () => {
    const p = programPlan(library, [
      { id: 'i', type: 'DIV_INT', inputs: { A: 7 } }, { id: 'r', type: 'DIV_REAL' }, tagIn('x', 'X', 'INT'),
    ], [['x.OUT', 'r.A']])
    expect([p.pinType('i/d', 'OUT'), p.pinType('r/d', 'OUT')]).toEqual(['INT', 'REAL'])
    const r = new Runner(p).set({ X: 7 }).scan(0)
    expect([r.pin('i.Q'), r.pin('r.Q')]).toEqual([3, 3.5])
  })

  it('checks wires and constants against the interface types', () => {
    const r = compileNetwork({
      format: 1, name: 'main',
      blocks: [tagIn('b', 'B', 'BOOL'), tagIn('f', 'F', 'REAL'), { id: 'i', type: 'DIV_INT', inputs: { B: 2.5 } }, { id: 'j', type: 'DIV_INT' }],
      wires: [{ from: 'b.OUT', to: 'i.A' }, { from: 'f.OUT', to: 'j.A' }],
    }, library)
    expect(r.plan).toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['E_FB_TYPE_MISMATCH', '$.wires[0]'], ['E_FB_TYPE_MISMATCH', '$.wires[1]'], ['E_FB_TYPE_MISMATCH', '$.blocks[2].inputs.B'],
    ])
    expect(r.diagnostics[1]!.message).toBe('f.OUT (REAL) cannot drive j.A (INT)')
  })
})

describe('online change of a program with function block instances', () => {
  const program = (extra: boolean) => [
    tagIn('a', 'In/Set', 'BOOL'), { id: 'm1', type: 'LATCH_DELAY', inputs: { PT: 1000 } }, tagOut('q', 'Out/Q'),
    ...(extra ? [{ id: 'n', type: 'NOT' }] : []),
  ]
  const wires: [string, string][] = [['a.OUT', 'm1.SET'], ['m1.Q', 'q.IN']]

  it('keeps the state of the blocks inside an unchanged instance as <instance>/<block>', () => {
    const { library } = build([latchDelay()])
    const p1 = programPlan(library, program(false), wires)
    const r1 = new Runner(p1).set({ 'In/Set': true }).scan(0).set({ 'In/Set': false }).scan(600)
    expect(r1.pin('m1.ET')).toBe(600)
    // Rebuilt from the same files, as a redeploy does: new definitions, same ids and types.
    const p2 = programPlan(build([latchDelay()]).library, program(true), wires)
    const inst = createInstance(p2, { previous: { plan: p1, instance: r1.inst } })
    expect(inst.change.kept).toEqual(expect.arrayContaining(['m1', 'm1/rs', 'm1/t']))
    expect(inst.change.reset).toEqual(['n'])
    const r2 = new Runner(p2, inst)
    r2.clock.set(r1.clock.now())
    r2.scan(400)
    expect([r2.pin('m1.ET'), r2.tag('Out/Q')]).toEqual([1000, true])
  })

  it('restarts an inner block whose type changed in the function block', () => {
    const p1 = programPlan(build([latchDelay()]).library, program(false), wires)
    const i1 = createInstance(p1)
    const p2 = programPlan(build([latchDelay('TOF')]).library, program(false), wires)
    const i2 = createInstance(p2, { previous: { plan: p1, instance: i1 } })
    expect(i2.change.reset).toEqual(['m1/t'])
    expect(i2.change.kept).toContain('m1/rs')
  })
})
