import { describe, expect, it } from 'vitest'
import { compileNetwork } from '@takt/blocks'
import { diagTarget, executionOrder, indexDiagnostics, tagDiagnostics } from './diagnostics'
import { prog } from './fixtures'

const p = prog([
  { id: 'a', type: 'TAG_IN', params: { tag: 'A/X', type: 'REAL' } },
  { id: 'ton', type: 'TON', inputs: { PT: true } },
  { id: 'gt', type: 'GT', inputs: { IN2: 10 } },
  { id: 'out', type: 'TAG_OUT', params: { tag: 'A/Y' } },
], [['a.OUT', 'gt.IN1'], ['gt.OUT', 'out.IN'], ['a.OUT', 'ton.IN'], ['a.OUT', 'ton.NOPE']])

describe('diagnostic paths -> diagram', () => {
  it('maps block and wire paths to their targets', () => {
    expect(diagTarget(p, '$.blocks[1].inputs.PT')).toEqual({ kind: 'block', id: 'ton', index: 1, field: 'inputs.PT' })
    expect(diagTarget(p, '$.blocks[3]')).toEqual({ kind: 'block', id: 'out', index: 3 })
    expect(diagTarget(p, '$.blocks[0].params.tag')).toMatchObject({ kind: 'block', id: 'a', field: 'params.tag' })
    expect(diagTarget(p, '$.wires[2]')).toEqual({ kind: 'wire', index: 2, key: 'a.OUT->ton.IN' })
    expect(diagTarget(p, '$.wires[3].to')).toEqual({ kind: 'wire', index: 3, key: 'a.OUT->ton.NOPE', end: 'to' })
    expect(diagTarget(p, '$.blocks[9]')).toEqual({ kind: 'program' })
    expect(diagTarget(p, '$.name')).toEqual({ kind: 'program' })
    expect(diagTarget(p, undefined)).toEqual({ kind: 'program' })
    expect(diagTarget(p, 'garbage')).toEqual({ kind: 'program' })
  })

  it('places real compiler output on blocks and wires', () => {
    const r = compileNetwork(p)
    expect(r.plan).toBeNull()
    const idx = indexDiagnostics(p, r.diagnostics)
    // REAL into TON.IN (BOOL): the wire; TRUE into PT (TIME): the block's input; unknown pin: the wire and the block at its other end.
    expect(idx.byWire.get('a.OUT->ton.IN')?.[0]?.diag.code).toBe('E_FB_TYPE_MISMATCH')
    expect(idx.byBlock.get('ton')?.some((x) => x.diag.code === 'E_FB_TYPE_MISMATCH' && x.target.kind === 'block' && x.target.field === 'inputs.PT')).toBe(true)
    expect(idx.byWire.get('a.OUT->ton.NOPE')?.[0]?.diag.code).toBe('E_FB_UNKNOWN_PIN')
    expect(idx.byBlock.get('a')?.some((x) => x.diag.code === 'E_FB_UNKNOWN_PIN')).toBe(true)
    expect(idx.all.length).toBe(r.diagnostics.length)
  })

  it('shows a provisional execution order while the program has errors', () => {
    const r = compileNetwork(p)
    const o = executionOrder(p, r)!
    expect(o.provisional).toBe(true)
    // The healthy chain keeps its data-flow order.
    expect(o.order.get('a')!).toBeLessThan(o.order.get('gt')!)
    expect(o.order.get('gt')!).toBeLessThan(o.order.get('out')!)
    const ok = prog([{ id: 'x', type: 'TAG_IN', params: { tag: 'A/X' } }, { id: 'n', type: 'NOT' }], [['x.OUT', 'n.IN']])
    const real = executionOrder(ok, compileNetwork(ok))!
    expect(real.provisional).toBe(false)
    expect([...real.order]).toEqual([['x', 1], ['n', 2]])
  })

  it('marks feedback wires', () => {
    const loop = prog([{ id: 'a', type: 'NOT' }, { id: 'b', type: 'NOT' }], [['a.OUT', 'b.IN'], ['b.OUT', 'a.IN']])
    expect([...executionOrder(loop, compileNetwork(loop))!.feedbackWires]).toEqual(['b.OUT->a.IN'])
  })

  it('reports TAG_IN/TAG_OUT naming unknown tags', () => {
    const d = tagDiagnostics(p, (t) => t === 'A/X')
    expect(d).toEqual([{ code: 'E_REFERENCE', severity: 'error', message: 'tag A/Y does not exist', path: '$.blocks[3].params.tag' }])
  })
})
