import { afterEach, describe, expect, it } from 'vitest'
import { defaultLibrary } from '@takt/blocks'
import type { FbdBlockFile, FbdProgram } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { addBlock } from './commands'
import { checkConnection, compileCached } from './compat'
import { executionOrder } from './diagnostics'
import { addFbPin, removeFbPin, setFbDescription, setFbPin } from './fb-commands'
import { draftFbProblems, draftLibrary, fbEditorLibrary, setLogicLibrary } from './library'
import { paletteBlocks, paletteGroups } from './palette'

const FB_PATH = 'blocks/PULSE.fb.json'

function pulse(): FbdBlockFile {
  return {
    format: 1, name: 'PULSE', description: 'Pulse on a rising edge',
    interface: { inputs: [{ name: 'TRIG', type: 'BOOL' }, { name: 'PT', type: 'TIME', default: 500 }], outputs: [{ name: 'Q', type: 'BOOL' }] },
    blocks: [
      { id: 'trig', type: 'FB_IN', params: { pin: 'TRIG' } }, { id: 'pt', type: 'FB_IN', params: { pin: 'PT' } },
      { id: 'tp', type: 'TP' }, { id: 'q', type: 'FB_OUT', params: { pin: 'Q' } },
    ],
    wires: [{ from: 'trig.OUT', to: 'tp.IN' }, { from: 'pt.OUT', to: 'tp.PT' }, { from: 'tp.Q', to: 'q.IN' }],
  }
}

function project(extra: Record<string, unknown> = {}): ProjectDocument {
  const d = new ProjectDocument()
  d.load({ [FB_PATH]: pulse(), 'programs/p.fbd.json': { format: 1, name: 'p', blocks: [], wires: [] } satisfies FbdProgram, ...extra })
  return d
}

afterEach(() => setLogicLibrary(defaultLibrary))

describe('FBD function blocks in the logic editor', () => {
  it('lists them with the ST user blocks, with their typed pins, and compiles programs using them', () => {
    const d = project()
    setLogicLibrary(draftLibrary(d))
    const user = paletteGroups('', paletteBlocks(draftLibrary(d).list())).find((g) => g.family === 'user')
    expect(user?.blocks.map((b) => b.type)).toEqual(['PULSE'])
    expect(user!.blocks[0]!.inputs.map((p) => `${p.name}:${p.type}:${String(p.default)}`)).toEqual(['TRIG:BOOL:false', 'PT:TIME:500'])
    expect(user!.blocks[0]!.description.en).toBe('Pulse on a rising edge (blocks/PULSE.fb.json)')
    d.dispatch(addBlock, { path: 'programs/p.fbd.json', type: 'PULSE', x: 0, y: 0 })
    d.dispatch(addBlock, { path: 'programs/p.fbd.json', type: 'TON', x: 0, y: 100 })
    const p = d.get<FbdProgram>('programs/p.fbd.json')!
    expect(checkConnection(p, 'pulse.Q', 'ton.IN')).toEqual({ ok: true })
    expect(checkConnection(p, 'pulse.Q', 'ton.PT').ok).toBe(false)
    const r = compileCached(p)
    expect(r.plan?.order).toEqual(['pulse', 'pulse/tp', 'ton'])
    // Badges number the blocks drawn in this program only.
    expect([...executionOrder(p, r)!.order]).toEqual([['pulse', 1], ['ton', 2]])
  })

  it('edits a function block file with FB_IN / FB_OUT, interface types and its problems', () => {
    const d = project()
    const lib = fbEditorLibrary(draftLibrary(d))
    setLogicLibrary(lib)
    const palette = paletteBlocks(lib.list(), 'PULSE').map((b) => b.type)
    expect(palette).toEqual(expect.arrayContaining(['FB_IN', 'FB_OUT', 'TON']))
    expect(palette).not.toContain('TAG_IN')
    expect(palette).not.toContain('PULSE')
    // The editor sees a function block file as a program with an interface.
    expect(compileCached(d.get<FbdProgram>(FB_PATH)!).diagnostics).toEqual([])
    d.dispatch(addBlock, { path: FB_PATH, type: 'NOT', x: 0, y: 200 })
    const fb = d.get<FbdProgram>(FB_PATH)!
    expect(checkConnection(fb, 'pt.OUT', 'not.IN')).toMatchObject({ ok: false, code: 'E_FB_TYPE_MISMATCH', message: 'pt.OUT (TIME) cannot drive not.IN (BOOL)' })
    expect(checkConnection(fb, 'trig.OUT', 'not.IN')).toEqual({ ok: true })
    d.dispatch(addBlock, { path: FB_PATH, type: 'PULSE', x: 0, y: 0 })
    expect(compileCached(d.get<FbdProgram>(FB_PATH)!).diagnostics.map((x) => [x.code, x.path])).toEqual([['E_FB_RECURSION', '$.blocks[5].type']])
    expect(draftFbProblems(d, FB_PATH).map((x) => x.code)).toEqual(['E_FB_RECURSION'])
  })

  it('changes the interface by commands: the network follows a renamed pin', () => {
    const d = project()
    expect(d.dispatch(addFbPin, { path: FB_PATH, side: 'outputs' }).ok).toBe(true)
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 0, name: 'START' }).ok).toBe(true)
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 0, name: 'PT' })).toMatchObject({ ok: false })
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 1, type: 'BOOL' }).ok).toBe(true)
    expect(d.dispatch(setFbDescription, { path: FB_PATH, text: '' }).ok).toBe(true)
    let fb = d.get<FbdBlockFile>(FB_PATH)!
    expect(fb.interface).toEqual({
      inputs: [{ name: 'START', type: 'BOOL' }, { name: 'PT', type: 'BOOL' }],
      outputs: [{ name: 'Q', type: 'BOOL' }, { name: 'OUT1', type: 'BOOL' }],
    })
    expect(fb.blocks[0]!.params).toEqual({ pin: 'START' })
    expect(fb.description).toBeUndefined()
    d.dispatch(removeFbPin, { path: FB_PATH, side: 'outputs', index: 1 })
    d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 1, type: 'TIME' })
    d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 1, default: 250 })
    fb = d.get<FbdBlockFile>(FB_PATH)!
    expect(fb.interface.inputs[1]).toEqual({ name: 'PT', type: 'TIME', default: 250 })
    expect(fb.interface.outputs.map((p) => p.name)).toEqual(['Q'])
    d.undo()
    expect(d.get<FbdBlockFile>(FB_PATH)!.interface.inputs[1]).toEqual({ name: 'PT', type: 'TIME' })
  })

  it('carries a renamed or removed pin into every network that uses the block, template programs included', () => {
    const user = (extra: object = {}) => ({
      blocks: [{ id: 'p1', type: 'PULSE', inputs: { PT: 300 } }, { id: 'lamp', type: 'TAG_OUT', params: { tag: 'A/L' } }, { id: 'n', type: 'NOT' }],
      wires: [{ from: 'n.OUT', to: 'p1.TRIG' }, { from: 'p1.Q', to: 'lamp.IN' }],
      ...extra,
    })
    const d = project({
      'programs/p.fbd.json': { format: 1, name: 'p', ...user() },
      'types/Motor.json': { format: 1, name: 'Motor', tags: [], programs: [{ format: 1, name: 'Check', ...user() }, { format: 1, name: 'Other', blocks: [], wires: [] }] },
    })
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 1, name: 'TIME' }).ok).toBe(true)
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'inputs', index: 0, name: 'GO' }).ok).toBe(true)
    expect(d.dispatch(setFbPin, { path: FB_PATH, side: 'outputs', index: 0, name: 'PULSE' }).ok).toBe(true)
    const renamed = { inputs: { TIME: 300 }, wires: [{ from: 'n.OUT', to: 'p1.GO' }, { from: 'p1.PULSE', to: 'lamp.IN' }] }
    const check = (net: { blocks: { inputs?: object }[]; wires: object[] } | undefined, want: { inputs?: object; wires: object[] }) => {
      expect(net!.blocks[0]!.inputs).toEqual(want.inputs)
      expect(net!.wires).toEqual(want.wires)
    }
    type Net = { blocks: { inputs?: object }[]; wires: object[] }
    check(d.get<Net>('programs/p.fbd.json'), renamed)
    check(d.get<{ programs: Net[] }>('types/Motor.json')!.programs[0], renamed)
    expect(d.get<{ programs: Net[] }>('types/Motor.json')!.programs[1]).toEqual({ format: 1, name: 'Other', blocks: [], wires: [] })
    // Removing a pin removes its wires and constants; undo brings them back in every file at once.
    d.dispatch(removeFbPin, { path: FB_PATH, side: 'inputs', index: 1 })
    d.dispatch(removeFbPin, { path: FB_PATH, side: 'outputs', index: 0 })
    check(d.get<Net>('programs/p.fbd.json'), { inputs: undefined, wires: [{ from: 'n.OUT', to: 'p1.GO' }] })
    d.undo()
    d.undo()
    check(d.get<{ programs: Net[] }>('types/Motor.json')!.programs[0], renamed)
  })
})
