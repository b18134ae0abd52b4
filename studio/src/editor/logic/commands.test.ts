import { describe, expect, it } from 'vitest'
import { addBlock, connect, copySelection, deleteItems, moveBlocks, parseClip, paste, renameBlock, setInput, setParams } from './commands'
import { PATH, docWith, prog, programOf } from './fixtures'

const base = () => prog([
  { id: 'start', type: 'TAG_IN', params: { tag: 'A/Start', type: 'BOOL' }, x: 0, y: 0 },
  { id: 'ton', type: 'TON', inputs: { PT: 5000 }, x: 200, y: 0 },
  { id: 'lamp', type: 'TAG_OUT', params: { tag: 'A/Lamp' }, x: 400, y: 0 },
], [['start.OUT', 'ton.IN'], ['ton.Q', 'lamp.IN']])

describe('logic commands', () => {
  it('addBlock gives a fresh id, rounds the position and selects it', () => {
    const d = docWith(base())
    expect(d.dispatch(addBlock, { path: PATH, type: 'TON', x: 10.4, y: 20.6 })).toEqual({ ok: true, select: ['ton2'] })
    expect(programOf(d).blocks.at(-1)).toEqual({ id: 'ton2', type: 'TON', x: 10, y: 21 })
    expect(d.dispatch(addBlock, { path: PATH, type: 'NOPE', x: 0, y: 0 })).toMatchObject({ ok: false })
    expect(d.dispatch(addBlock, { path: 'programs/none.fbd.json', type: 'TON', x: 0, y: 0 })).toMatchObject({ ok: false })
  })

  it('delete removes blocks with their wires, and wires by key', () => {
    const d = docWith(base())
    d.dispatch(deleteItems, { path: PATH, blocks: ['ton'] })
    expect(programOf(d).blocks.map((b) => b.id)).toEqual(['start', 'lamp'])
    expect(programOf(d).wires).toEqual([])
    d.undo()
    d.dispatch(deleteItems, { path: PATH, wires: ['ton.Q->lamp.IN'] })
    expect(programOf(d).wires).toEqual([{ from: 'start.OUT', to: 'ton.IN' }])
  })

  it('a drag is one undo step (grouped moves)', () => {
    const d = docWith(base())
    d.dispatch(moveBlocks, { path: PATH, moves: [{ id: 'ton', x: 210, y: 5 }] }, { group: 'drag1' })
    d.dispatch(moveBlocks, { path: PATH, moves: [{ id: 'ton', x: 260, y: 40 }, { id: 'lamp', x: 460, y: 40 }] }, { group: 'drag1' })
    expect(programOf(d).blocks[1]).toMatchObject({ x: 260, y: 40 })
    d.undo()
    expect(programOf(d).blocks[1]).toMatchObject({ x: 200, y: 0 })
    expect(programOf(d).blocks[2]).toMatchObject({ x: 400, y: 0 })
  })

  it('connect checks compatibility and drops the constant of the wired input', () => {
    const d = docWith(prog([
      { id: 'n', type: 'TAG_IN', params: { tag: 'A/N', type: 'INT' } },
      { id: 'ton', type: 'TON', inputs: { PT: 5000 } },
      { id: 'b', type: 'TAG_IN', params: { tag: 'A/B', type: 'BOOL' } },
    ]))
    expect(d.dispatch(connect, { path: PATH, from: 'b.OUT', to: 'ton.PT' })).toMatchObject({ ok: false })
    expect(d.dispatch(connect, { path: PATH, from: 'b.OUT', to: 'ton.IN' })).toEqual({ ok: true })
    const r = d.dispatch(connect, { path: PATH, from: 'n.OUT', to: 'ton.PT' })
    expect(r.ok).toBe(false) // INT does not convert to TIME
    const ok = docWith(prog([{ id: 't', type: 'TAG_IN', params: { tag: 'A/T', type: 'TIME' } }, { id: 'ton', type: 'TON', inputs: { PT: 5000 } }]))
    expect(ok.dispatch(connect, { path: PATH, from: 't.OUT', to: 'ton.PT' })).toEqual({ ok: true })
    expect(programOf(ok).blocks[1]).toEqual({ id: 'ton', type: 'TON' })
  })

  it('setInput sets and clears constants; setParams sets several params', () => {
    const d = docWith(base())
    d.dispatch(setInput, { path: PATH, id: 'ton', pin: 'PT', value: 2500 })
    expect(programOf(d).blocks[1]!.inputs).toEqual({ PT: 2500 })
    d.dispatch(setInput, { path: PATH, id: 'ton', pin: 'PT', value: null })
    expect(programOf(d).blocks[1]!.inputs).toBeUndefined()
    expect(d.dispatch(setInput, { path: PATH, id: 'ton', pin: 'NOPE', value: 1 })).toMatchObject({ ok: false })
    d.dispatch(setParams, { path: PATH, id: 'start', params: { tag: 'B/Go', type: 'BOOL' } })
    expect(programOf(d).blocks[0]!.params).toEqual({ tag: 'B/Go', type: 'BOOL' })
    d.dispatch(setParams, { path: PATH, id: 'start', params: { type: null } })
    expect(programOf(d).blocks[0]!.params).toEqual({ tag: 'B/Go' })
  })

  it('renameBlock rewrites wires and refuses taken or invalid ids', () => {
    const d = docWith(base())
    expect(d.dispatch(renameBlock, { path: PATH, id: 'ton', newId: 'delay' })).toEqual({ ok: true, select: ['delay'] })
    expect(programOf(d).wires).toEqual([{ from: 'start.OUT', to: 'delay.IN' }, { from: 'delay.Q', to: 'lamp.IN' }])
    expect(d.dispatch(renameBlock, { path: PATH, id: 'delay', newId: 'lamp' })).toMatchObject({ ok: false })
    expect(d.dispatch(renameBlock, { path: PATH, id: 'delay', newId: '9x' })).toMatchObject({ ok: false })
  })

  it('copy/paste keeps inner wires, renames ids and offsets positions', () => {
    const d = docWith(base())
    const clip = copySelection(programOf(d), new Set(['start', 'ton']))
    expect(clip.wires).toEqual([{ from: 'start.OUT', to: 'ton.IN' }])
    const back = parseClip(JSON.stringify(clip))
    expect(back).toEqual(clip)
    expect(parseClip('{"kind":"other"}')).toBeNull()
    expect(parseClip('not json')).toBeNull()
    const r = d.dispatch(paste, { path: PATH, clip: back!, dx: 30, dy: 30 })
    expect(r).toEqual({ ok: true, select: ['start2', 'ton2'] })
    const p = programOf(d)
    expect(p.blocks.at(-1)).toMatchObject({ id: 'ton2', x: 230, y: 30, inputs: { PT: 5000 } })
    expect(p.wires.at(-1)).toEqual({ from: 'start2.OUT', to: 'ton2.IN' })
  })
})

describe('command names', () => {
  it('every logic command has a readable name for the undo menu', async () => {
    const cmds = await import('./commands')
    const { LOGIC_COMMAND_NAMES } = await import('./commandNames')
    const names = Object.values(cmds).flatMap((v) => (typeof v === 'object' && v !== null && 'apply' in v ? [(v as { name: string }).name] : []))
    expect(names.length).toBeGreaterThan(5)
    for (const n of names) expect(LOGIC_COMMAND_NAMES[n], n).toBeDefined()
  })
})
