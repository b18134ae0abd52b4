import { describe, expect, it } from 'vitest'
import { compileNetwork } from '@takt/blocks'
import { executionOrder, indexDiagnostics } from './diagnostics'
import { prog } from './fixtures'
import { portsOf, uniqueId } from './model'
import { paletteGroups } from './palette'
import { buildEdges, buildNodes } from './view'

describe('derived ports and view', () => {
  it('shows extensible inputs up to the last used plus one free slot', () => {
    const names = (b: Parameters<typeof portsOf>[0], w: Parameters<typeof portsOf>[1] = []) => portsOf(b, w).inputs.map((p) => p.name)
    expect(names({ id: 'a', type: 'AND' })).toEqual(['IN1', 'IN2', 'IN3'])
    expect(names({ id: 'a', type: 'AND', inputs: { IN4: true } })).toEqual(['IN1', 'IN2', 'IN3', 'IN4', 'IN5'])
    expect(names({ id: 'a', type: 'AND' }, [{ from: 'x.OUT', to: 'a.IN3' }])).toEqual(['IN1', 'IN2', 'IN3', 'IN4'])
  })

  it('unknown block types keep the pins their wires name', () => {
    const p = portsOf({ id: 'u', type: 'MYSTERY' }, [{ from: 'u.Y', to: 'v.IN' }, { from: 'w.OUT', to: 'u.X' }])
    expect(p.def).toBeUndefined()
    expect(p.inputs.map((x) => x.name)).toEqual(['X'])
    expect(p.outputs.map((x) => x.name)).toEqual(['Y'])
  })

  it('unique ids', () => {
    expect(uniqueId('ton', new Set())).toBe('ton')
    expect(uniqueId('ton', new Set(['ton', 'ton2']))).toBe('ton3')
    expect(uniqueId('9 lives', new Set())).toBe('_9_lives')
  })

  it('nodes carry order, resolved types and problems; broken wires are not drawn', () => {
    const p = prog([
      { id: 'x', type: 'TAG_IN', params: { tag: 'A/X', type: 'REAL' }, x: 5, y: 6 },
      { id: 'add', type: 'ADD', inputs: { IN2: 1 } },
      { id: 'o', type: 'TAG_OUT', params: { tag: 'A/O' } },
    ], [['x.OUT', 'add.IN1'], ['add.OUT', 'o.IN'], ['x.OUT', 'o.NOPE']])
    const r = compileNetwork(p)
    const input = { program: p, plan: r.plan, order: executionOrder(p, r), diags: indexDiagnostics(p, r.diagnostics) }
    const nodes = buildNodes(input)
    expect(nodes[0]).toMatchObject({ id: 'x', type: 'fb', position: { x: 5, y: 6 } })
    expect(nodes[1]!.data!.order).toBe(2)
    expect(nodes[1]!.data!.inputs.find((i) => i.name === 'IN2')!.constant).toBe(1)
    const edges = buildEdges(input)
    expect(edges.map((e) => e.id)).toEqual(['x.OUT->add.IN1', 'add.OUT->o.IN'])
    expect(nodes[0]!.data!.problems.map((d) => d.diag.code)).toEqual(['E_FB_UNKNOWN_PIN'])
  })

  it('resolved pin types come from the plan', () => {
    const p = prog([{ id: 'x', type: 'TAG_IN', params: { tag: 'A/X', type: 'REAL' } }, { id: 'add', type: 'ADD' }], [['x.OUT', 'add.IN1']])
    const r = compileNetwork(p)
    const nodes = buildNodes({ program: p, plan: r.plan, order: executionOrder(p, r), diags: indexDiagnostics(p, r.diagnostics) })
    expect(nodes[1]!.data!.outputs[0]!.type).toBe('REAL')
    expect(buildEdges({ program: p, plan: r.plan, order: null, diags: indexDiagnostics(p, []) })[0]!.data!.type).toBe('REAL')
  })
})

describe('palette', () => {
  it('groups by family with I/O first and searches both languages', () => {
    const all = paletteGroups('')
    expect(all[0]!.family).toBe('io')
    expect(all.flatMap((g) => g.blocks).length).toBeGreaterThan(40)
    expect(paletteGroups('ton').flatMap((g) => g.blocks.map((b) => b.type))).toContain('TON')
    expect(paletteGroups('延时').flatMap((g) => g.blocks.map((b) => b.type))).toEqual(expect.arrayContaining(['TON', 'TOF']))
    expect(paletteGroups('zzzz')).toEqual([])
  })
})
