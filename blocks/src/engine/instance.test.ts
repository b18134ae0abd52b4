import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock.js'
import { createInstance } from './instance.js'
import { net, Runner } from './__tests__/net.js'

describe('ProgramInstance', () => {
  it('moves tags in and out; BOOL outputs come back as booleans', () => {
    const plan = net().tagIn('lvl', 'Tank/Level', 'REAL').block('hi', 'GT', { IN2: 80 }).tagOut('alarm', 'Tank/High')
      .block('sc', 'SCALE', { OUT_MAX: 1 }).tagOut('frac', 'Tank/Frac')
      .wire('lvl.OUT', 'hi.IN1').wire('hi.OUT', 'alarm.IN').wire('lvl.OUT', 'sc.IN').wire('sc.OUT', 'frac.IN')
      .plan()
    expect(plan.tagInputs).toEqual([{ tag: 'Tank/Level', signal: plan.pinSignal('lvl', 'OUT'), blockId: 'lvl', dataType: 'REAL' }])
    expect(plan.tagOutputs.map((t) => [t.tag, t.dataType])).toEqual([['Tank/High', 'BOOL'], ['Tank/Frac', 'REAL']])
    const inst = createInstance(plan)
    inst.setTagInput(0, 85)
    inst.scan(0)
    expect([inst.getTagOutput(0), inst.getTagOutput(1)]).toEqual([true, 0.85])
    inst.signals[plan.tagInputs[0]!.signal] = 50 // direct signal access works too
    inst.scan(10)
    expect(inst.getTagOutput(0)).toBe(false)
    expect(inst.readPin('hi', 'OUT')).toBe(false)
    expect(inst.readPin('hi', 'IN2')).toBe(80)
    expect(inst.readPin('nope', 'OUT')).toBeUndefined()
    expect(() => inst.setTagInput(5, 1)).toThrow(RangeError)
  })

  it('a clock running backwards gives dt = 0, not negative time', () => {
    const r = new Runner(net().block('t', 'TON', { IN: true, PT: 1000 }).plan())
    r.inst.scan(5000)
    r.inst.scan(5600)
    r.inst.scan(100)
    expect(r.pin('t.ET')).toBe(600)
    r.inst.scan(600)
    expect(r.pin('t.ET')).toBe(1000)
    expect(r.inst.scanCount).toBe(4)
  })

  it('instances of one plan are independent', () => {
    const plan = net().block('acc', 'ADD', { IN2: 1 }).wire('acc.OUT', 'acc.IN1').plan()
    const a = createInstance(plan)
    const b = createInstance(plan)
    a.scan(0)
    a.scan(1)
    b.scan(0)
    expect([a.readPin('acc', 'OUT'), b.readPin('acc', 'OUT')]).toEqual([2, 1])
  })
})

describe('online change', () => {
  const v1 = () => net()
    .tagIn('run', 'Run').block('t', 'TON', { PT: 1000 }).block('c', 'CTU', { PV: 10 }).block('l', 'SR').block('old', 'NOT')
    .wire('run.OUT', 't.IN').wire('run.OUT', 'c.CU').wire('run.OUT', 'l.S1')
  const v2 = () => net()
    .tagIn('run', 'Run').block('t', 'TON', { PT: 1000 }).block('c', 'CTD', { PV: 10 }).block('l', 'SR').block('n', 'NOT')
    .block('extra', 'ADD', { IN1: 1 })
    .wire('run.OUT', 't.IN').wire('run.OUT', 'c.CD').wire('run.OUT', 'l.S1')

  it('keeps state of blocks with the same id and type, resets the others', () => {
    const r1 = new Runner(v1().plan())
    r1.set({ Run: true }).scan(0).scan(600).set({ Run: false }).scan(10)
    r1.set({ Run: true }).scan(10)
    expect([r1.pin('t.ET'), r1.pin('c.CV'), r1.pin('l.Q1')]).toEqual([0, 2, true])
    r1.scan(400)

    const plan2 = v2().plan()
    const inst2 = createInstance(plan2, { previous: { plan: r1.plan, instance: r1.inst } })
    expect(inst2.change).toEqual({ kept: ['run', 't', 'l'], reset: ['c', 'n', 'extra'], removed: ['old'] })
    expect(inst2.lastScanMs).toBe(r1.inst.lastScanMs)
    // Before the first scan the kept outputs already show their last values.
    expect(inst2.readPin('l', 'Q1')).toBe(true)
    expect(inst2.readPin('t', 'ET')).toBe(400)

    const r2 = new Runner(plan2, inst2)
    r2.clock.set(r1.clock.now())
    r2.scan(600)
    // The timer kept running across the change (400 + 600 ms). The counter changed type and restarted from CV = 0
    // with a fresh edge memory, so CD (already TRUE) counts once.
    expect([r2.pin('t.Q'), r2.pin('t.ET')]).toEqual([true, 1000])
    expect(r2.pin('c.CV')).toBe(-1)
    expect(r2.pin('l.Q1')).toBe(true)
  })

  it('without previous, everything is reset', () => {
    const plan = v1().plan()
    expect(createInstance(plan).change).toEqual({ kept: [], reset: plan.order, removed: [] })
  })

  it('keeps feedback values across the change', () => {
    const p = () => net().block('acc', 'ADD', { IN2: 1 }).wire('acc.OUT', 'acc.IN1').plan()
    const a = createInstance(p())
    for (let i = 0; i < 5; i++) a.scan(i)
    const b = createInstance(p(), { previous: { plan: a.plan, instance: a } })
    b.scan(5)
    expect(b.readPin('acc', 'OUT')).toBe(6)
  })
})

describe('FakeClock', () => {
  it('advances and sets', () => {
    const c = new FakeClock(5)
    expect(c.advance(10)).toBe(15)
    c.set(100)
    expect(c.now()).toBe(100)
    expect(() => c.advance(-1)).toThrow(RangeError)
  })
})
