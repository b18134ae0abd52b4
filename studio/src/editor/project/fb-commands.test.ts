import { describe, expect, it } from 'vitest'
import type { FbdBlockFile, FbdProgram } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { createFbBlock, deleteFbBlock, fbBlockNames, renameFbBlock } from './fb-commands'

function project(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({ 'programs/p.fbd.json': { format: 1, name: 'p', blocks: [], wires: [] } satisfies FbdProgram })
  return d
}

describe('function block files in the project', () => {
  it('creates one per valid, free name, upper-cased as a block type', () => {
    const d = project()
    expect(d.dispatch(createFbBlock, { name: 'motor_start' })).toEqual({ ok: true })
    expect(d.dispatch(createFbBlock, { name: 'MOTOR_START' })).toMatchObject({ ok: false })
    expect(d.dispatch(createFbBlock, { name: 'ton' })).toMatchObject({ ok: false })
    expect(d.dispatch(createFbBlock, { name: 'bad-name' })).toMatchObject({ ok: false })
    expect(fbBlockNames(d)).toEqual(['MOTOR_START'])
    const fb = d.get<FbdBlockFile>('blocks/MOTOR_START.fb.json')!
    expect(fb.interface.inputs.map((p) => p.name)).toEqual(['IN1'])
    expect(fb.blocks.map((b) => b.type)).toEqual(['FB_IN', 'FB_OUT'])
  })

  it('renames the block type wherever it is used, and refuses to delete a block in use', () => {
    const d = project()
    d.dispatch(createFbBlock, { name: 'A' })
    d.dispatch(createFbBlock, { name: 'B' })
    const b = d.get<FbdBlockFile>('blocks/B.fb.json')!
    d.load({ ...Object.fromEntries(d.paths().map((p) => [p, d.get(p)])), 'blocks/B.fb.json': { ...b, blocks: [...b.blocks, { id: 'a', type: 'A' }] },
      'programs/p.fbd.json': { format: 1, name: 'p', blocks: [{ id: 'x', type: 'A' }], wires: [] } })
    expect(d.dispatch(deleteFbBlock, { name: 'A' })).toMatchObject({ ok: false, error: expect.stringContaining("programs/p.fbd.json block 'x'") })
    expect(d.dispatch(renameFbBlock, { from: 'A', to: 'alpha' })).toEqual({ ok: true })
    expect(fbBlockNames(d)).toEqual(['ALPHA', 'B'])
    expect(d.get<FbdProgram>('programs/p.fbd.json')!.blocks[0]!.type).toBe('ALPHA')
    expect(d.get<FbdBlockFile>('blocks/B.fb.json')!.blocks[2]!.type).toBe('ALPHA')
    expect(d.dispatch(deleteFbBlock, { name: 'B' })).toEqual({ ok: true })
  })
})
