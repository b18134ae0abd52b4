import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../errors.js'
import { compileNetwork } from './compile.js'
import { createInstance } from './instance.js'
import { net, type NetBuilder } from './__tests__/net.js'

function diags(n: NetBuilder): Pick<Diagnostic, 'code' | 'path' | 'severity'>[] {
  return compileNetwork(n.build()).diagnostics.map(({ code, path, severity }) => ({ code, path, severity }))
}
const err = (code: Diagnostic['code'], path: string): Pick<Diagnostic, 'code' | 'path' | 'severity'> => ({ code, path, severity: 'error' })

describe('compileNetwork diagnostics', () => {
  it('a clean program compiles with no diagnostics', () => {
    const r = compileNetwork(net().tagIn('a', 'A').block('t', 'TON', { PT: 1000 }).tagOut('q', 'Q').wire('a.OUT', 't.IN').wire('t.Q', 'q.IN').build())
    expect(r.diagnostics).toEqual([])
    expect(r.plan).not.toBeNull()
  })

  it('E_FB_UNKNOWN_BLOCK points at the type', () => {
    expect(diags(net().block('a', 'AND').block('b', 'FROB'))).toEqual([err('E_FB_UNKNOWN_BLOCK', '$.blocks[1].type')])
  })

  it('E_DUPLICATE for a block id used twice', () => {
    expect(diags(net().block('a', 'AND').block('a', 'OR'))).toEqual([err('E_DUPLICATE', '$.blocks[1].id')])
  })

  it('E_FB_UNKNOWN_PIN for wires and constants', () => {
    const n = net().block('a', 'AND', { IN9: true, OUT: false }).block('b', 'NOT')
      .wire('a.OUT', 'b.NOPE').wire('b.IN', 'a.IN1').wire('a.OUT', 'b.OUT').wire('b', 'a.IN2')
    expect(diags(n)).toEqual([
      err('E_FB_UNKNOWN_PIN', '$.blocks[0].inputs.IN9'),
      err('E_FB_UNKNOWN_PIN', '$.blocks[0].inputs.OUT'),
      err('E_FB_UNKNOWN_PIN', '$.wires[0].to'),
      err('E_FB_UNKNOWN_PIN', '$.wires[1].from'),
      err('E_FB_UNKNOWN_PIN', '$.wires[2].to'),
      err('E_FB_UNKNOWN_PIN', '$.wires[3].from'),
    ])
  })

  it('E_REFERENCE for a wire to a block that does not exist', () => {
    expect(diags(net().block('a', 'NOT').wire('a.OUT', 'ghost.IN'))).toEqual([err('E_REFERENCE', '$.wires[0].to')])
  })

  it('no follow-up noise for wires of a block whose type is unknown', () => {
    expect(diags(net().block('a', 'FROB').block('b', 'NOT').wire('a.OUT', 'b.IN'))).toEqual([err('E_FB_UNKNOWN_BLOCK', '$.blocks[0].type')])
  })

  it('E_FB_MULTIPLE_DRIVERS on the second wire into an input', () => {
    const n = net().tagIn('a', 'A').tagIn('b', 'B').block('n', 'NOT').wire('a.OUT', 'n.IN').wire('b.OUT', 'n.IN')
    expect(diags(n)).toEqual([err('E_FB_MULTIPLE_DRIVERS', '$.wires[1].to')])
  })

  it('a constant on a wired pin is a warning and the plan is still built', () => {
    const n = net().tagIn('a', 'A').block('n', 'NOT', { IN: true }).wire('a.OUT', 'n.IN')
    const r = compileNetwork(n.build())
    expect(r.plan).not.toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['E_FB_MULTIPLE_DRIVERS', 'warning', '$.blocks[1].inputs.IN']])
  })

  describe('E_FB_TYPE_MISMATCH', () => {
    it('REAL output into a BOOL input', () => {
      const n = net().block('s', 'SCALE').block('n', 'NOT').wire('s.OUT', 'n.IN')
      expect(diags(n)).toEqual([err('E_FB_TYPE_MISMATCH', '$.wires[0]')])
    })

    it('BOOL into a numeric generic (ADD), REAL into TIME, DINT into INT', () => {
      const n = net().block('g', 'GT').block('a', 'ADD').block('s', 'SCALE').block('t', 'TON')
        .tagIn('d', 'D', 'DINT').block('c', 'CTU')
        .wire('g.OUT', 'a.IN1').wire('s.OUT', 't.PT').wire('d.OUT', 'c.PV')
      expect(diags(n)).toEqual([
        err('E_FB_TYPE_MISMATCH', '$.wires[0]'),
        err('E_FB_TYPE_MISMATCH', '$.wires[1]'),
        err('E_FB_TYPE_MISMATCH', '$.wires[2]'),
      ])
    })

    it('mixing BOOL and REAL in one generic block', () => {
      const n = net().block('g', 'GT').block('s', 'SCALE').block('m', 'SEL').wire('g.OUT', 'm.IN0').wire('s.OUT', 'm.IN1')
      expect(diags(n)).toEqual([err('E_FB_TYPE_MISMATCH', '$.wires[1]')])
    })

    it('widening is allowed: INT into REAL, INT + REAL resolves ADD to REAL', () => {
      const n = net().block('c', 'CTU').block('s', 'SCALE').block('a', 'ADD')
        .wire('c.CV', 's.IN').wire('c.CV', 'a.IN1').wire('s.OUT', 'a.IN2')
      const r = compileNetwork(n.build())
      expect(r.diagnostics).toEqual([])
      expect(r.plan!.pinType('a', 'OUT')).toBe('REAL')
    })

    it('a generic output carries its resolved type onwards', () => {
      const n = net().block('s', 'SCALE').block('m', 'MOVE').block('n', 'NOT').wire('s.OUT', 'm.IN').wire('m.OUT', 'n.IN')
      expect(diags(n)).toEqual([err('E_FB_TYPE_MISMATCH', '$.wires[1]')])
    })

    it('constants must fit the pin', () => {
      const n = net().block('t', 'TON', { PT: true, IN: 1 }).block('c', 'CTU', { PV: 3.5 }).block('d', 'CTD', { PV: 40000 })
      expect(diags(n)).toEqual([
        err('E_FB_TYPE_MISMATCH', '$.blocks[0].inputs.IN'),
        err('E_FB_TYPE_MISMATCH', '$.blocks[0].inputs.PT'),
        err('E_FB_TYPE_MISMATCH', '$.blocks[1].inputs.PV'),
        err('E_FB_TYPE_MISMATCH', '$.blocks[2].inputs.PV'),
      ])
    })

    it('an untyped TAG_IN drives anything', () => {
      const n = net().tagIn('a', 'A').block('n', 'NOT').block('t', 'TON').wire('a.OUT', 'n.IN').wire('a.OUT', 't.PT')
      expect(diags(n)).toEqual([])
    })
  })

  it('E_FB_BAD_PARAM: missing, malformed, unknown or mistyped params', () => {
    const n = net()
      .block('a', 'TAG_IN')
      .block('b', 'TAG_IN', undefined, { tag: 'not a path' })
      .block('c', 'TAG_OUT', undefined, { tag: 'X', colour: 'red' })
      .block('d', 'TAG_IN', undefined, { tag: 'Y', type: 'STRING' })
      .block('e', 'TAG_OUT', undefined, { tag: 5 })
    expect(diags(n)).toEqual([
      err('E_FB_BAD_PARAM', '$.blocks[0].params.tag'),
      err('E_FB_BAD_PARAM', '$.blocks[1].params.tag'),
      err('E_FB_BAD_PARAM', '$.blocks[2].params.colour'),
      err('E_FB_BAD_PARAM', '$.blocks[3].params.type'),
      err('E_FB_BAD_PARAM', '$.blocks[4].params.tag'),
    ])
  })

  it('two TAG_OUT blocks writing one tag is a warning', () => {
    const n = net().tagOut('a', 'X').tagOut('b', 'X')
    expect(diags(n)).toEqual([{ code: 'E_DUPLICATE', path: '$.blocks[1].params.tag', severity: 'warning' }])
  })

  it('an empty program compiles and scans', () => {
    const plan = net().plan()
    expect([plan.signalCount, plan.stateCount, plan.order.length]).toEqual([0, 0, 0])
    const inst = createInstance(plan)
    inst.scan(0)
    expect(inst.scanCount).toBe(1)
  })

  it('reports every problem in one pass and builds no plan', () => {
    const r = compileNetwork(net().block('a', 'FROB').block('a', 'NOT').block('t', 'TON', { PT: true }).build())
    expect(r.plan).toBeNull()
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_FB_UNKNOWN_BLOCK', 'E_DUPLICATE', 'E_FB_TYPE_MISMATCH'])
    expect(r.diagnostics.every((d) => d.message.length > 0)).toBe(true)
  })
})
