import { describe, expect, it } from 'vitest'
import { net, Runner } from './__tests__/net.js'

describe('execution order', () => {
  it('follows the data flow, not the declaration order', () => {
    const plan = net()
      .block('c', 'NOT').block('b', 'NOT').block('a', 'NOT').tagIn('x', 'X').tagOut('y', 'Y')
      .wire('x.OUT', 'a.IN').wire('a.OUT', 'b.IN').wire('b.OUT', 'c.IN').wire('c.OUT', 'y.IN')
      .plan()
    expect(plan.order).toEqual(['x', 'a', 'b', 'c', 'y'])
    expect(plan.feedbackWires).toEqual([])
    const r = new Runner(plan)
    expect(r.set({ X: true }).scan().tag('Y')).toBe(false)
    expect(r.pin('b.OUT')).toBe(true)
  })

  it('ties on one level keep declaration order within a type; a wired input reads its driver\'s slot', () => {
    const plan = net().tagIn('x', 'X').block('n2', 'NOT').block('g', 'GT').block('n1', 'NOT')
      .wire('x.OUT', 'n2.IN').wire('x.OUT', 'n1.IN').wire('x.OUT', 'g.IN1')
      .plan()
    expect(plan.order).toEqual(['x', 'n2', 'n1', 'g'])
    expect(plan.pinSignal('n1', 'IN')).toBe(plan.pinSignal('x', 'OUT'))
    expect(plan.pinSignal('n1', 'NOPE')).toBeUndefined()
    expect(plan.pinSignal('ghost', 'IN')).toBeUndefined()
  })

  it('runs same-type blocks on one level as one group', () => {
    const n = net()
    for (let i = 0; i < 50; i++) {
      n.tagIn(`x${i}`, `X${i}`).block(`a${i}`, 'ADD').block(`g${i}`, 'GT', { IN2: 10 })
        .wire(`x${i}.OUT`, `a${i}.IN1`).wire(`a${i}.OUT`, `g${i}.IN1`)
    }
    const plan = n.plan()
    expect(plan.exec.kernels.length).toBe(2)
    expect(plan.order.slice(50, 52)).toEqual(['a0', 'a1'])
  })

  it('shares one signal per distinct constant', () => {
    const plan = net().block('a', 'ADD', { IN1: 5, IN2: 5 }).block('b', 'ADD', { IN1: 5 }).plan()
    expect(plan.pinSignal('a', 'IN1')).toBe(plan.pinSignal('b', 'IN1'))
    expect(plan.pinSignal('a', 'IN1')).toBe(plan.pinSignal('a', 'IN2'))
  })
})

describe('feedback', () => {
  it('a self-loop reads the previous scan: an accumulator', () => {
    const plan = net().block('acc', 'ADD', { IN2: 1 }).wire('acc.OUT', 'acc.IN1').plan()
    expect(plan.feedbackWires).toEqual([0])
    const r = new Runner(plan)
    expect([1, 2, 3].map(() => r.scan(10).pin('acc.OUT'))).toEqual([1, 2, 3])
  })

  it('the back edge found by DFS in declaration order is the feedback wire', () => {
    // a -> b -> a: with a declared first, b.OUT -> a.IN1 closes the loop.
    const build = (first: 'a' | 'b') => {
      const n = net()
      for (const id of first === 'a' ? ['a', 'b'] : ['b', 'a']) n.block(id, 'ADD', { IN2: id === 'a' ? 1 : 10 })
      return n.wire('a.OUT', 'b.IN1').wire('b.OUT', 'a.IN1').plan()
    }
    const pa = build('a')
    expect(pa.feedbackWires).toEqual([1])
    expect(pa.order).toEqual(['a', 'b'])
    const pb = build('b')
    expect(pb.feedbackWires).toEqual([0])
    expect(pb.order).toEqual(['b', 'a'])

    // Scan 1: a = 0 + 1, b = 1 + 10. Scan 2: a reads b of scan 1: 11 + 1 = 12, b = 22.
    const r = new Runner(pa)
    r.scan(10)
    expect([r.pin('a.OUT'), r.pin('b.OUT')]).toEqual([1, 11])
    r.scan(10)
    expect([r.pin('a.OUT'), r.pin('b.OUT')]).toEqual([12, 22])
  })

  it('a latch built from gates holds through the feedback wire', () => {
    // q = (set OR q) AND NOT reset
    const plan = net().tagIn('s', 'S').tagIn('r', 'R').block('or', 'OR').block('nr', 'NOT').block('and', 'AND').tagOut('q', 'Q')
      .wire('s.OUT', 'or.IN1').wire('and.OUT', 'or.IN2').wire('r.OUT', 'nr.IN').wire('or.OUT', 'and.IN1').wire('nr.OUT', 'and.IN2')
      .wire('and.OUT', 'q.IN')
      .plan()
    expect(plan.feedbackWires).toEqual([1])
    const r = new Runner(plan)
    expect(r.set({ S: true, R: false }).scan(10).tag('Q')).toBe(true)
    expect(r.set({ S: false }).scan(10).tag('Q')).toBe(true)
    expect(r.set({ R: true }).scan(10).tag('Q')).toBe(false)
    expect(r.set({ R: false }).scan(10).tag('Q')).toBe(false)
  })
})
