import { describe, expect, it } from 'vitest'
import { instanceProgramName } from '@takt/blocks'
import type { FbdProgram } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { removeTemplateProgram, renameTemplateProgram } from '../templates/program-commands'
import { addBlock, connect, deleteItems, setInput, setParams } from './commands'
import { compileCached } from './compat'
import { monitorPaths } from './monitor'
import { pathInProgram, programSource, readProgram, templateProgramIndex, templateProgramPath } from './source'
import { placeholderProblem, probeProgram, scopeInstances, templateScope, templateTagDiagnostics, unprobe } from './template-scope'

const FILE = 'types/Motor.json'
const RUN = templateProgramPath('Motor', 'RunCheck')

const network = (name: string, extra: object = {}) => ({
  format: 1, name,
  blocks: [
    { id: 'cmd', type: 'TAG_IN', params: { tag: '$/RunCmd' }, x: 0, y: 0 },
    { id: 'ton', type: 'TON', inputs: { PT: '${feedbackMs}' }, x: 200, y: 0 },
    { id: 'out', type: 'TAG_OUT', params: { tag: '$/Fault' }, x: 400, y: 0 },
  ],
  wires: [{ from: 'cmd.OUT', to: 'ton.IN' }, { from: 'ton.Q', to: 'out.IN' }],
  ...extra,
})

function fresh(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({
    [FILE]: {
      format: 1, name: 'Motor',
      parameters: [
        { name: 'device', type: 'string' },
        { name: 'feedbackMs', type: 'number', default: 5000 },
        { name: 'inverted', type: 'boolean' },
      ],
      tags: [
        { name: 'RunCmd', dataType: 'BOOL', source: { kind: 'memory' } },
        { name: 'Fault', dataType: 'BOOL', source: { kind: 'memory' } },
        { name: 'Hot', dataType: 'BOOL', source: { kind: 'expression', expr: '{$/Fault}' } },
      ],
      programs: [network('First'), network('RunCheck', { task: 'fast' }), network('Last')],
    },
    'tags/Area.json': { format: 1, folder: 'Area', tags: [{ name: 'Reset', dataType: 'BOOL', source: { kind: 'memory' } }], instances: [{ name: 'M2', type: 'Motor' }, { name: 'M1', type: 'Motor' }] },
  })
  return d
}

type Tpl = { programs: FbdProgram[]; tags: unknown[] }
const tpl = (d: ProjectDocument) => d.get<Tpl>(FILE)!
const ok = (r: { ok: boolean }) => expect(r).toMatchObject({ ok: true })

describe('template program source', () => {
  it('addresses a template program by name and reads it as stored', () => {
    const d = fresh()
    expect(programSource(RUN)).toEqual({ kind: 'template', file: FILE, template: 'Motor', program: 'RunCheck' })
    expect(programSource('programs/a.fbd.json')).toEqual({ kind: 'file', file: 'programs/a.fbd.json' })
    expect(templateProgramIndex(d, RUN)).toBe(1)
    expect(readProgram(d, RUN)).toBe(tpl(d).programs[1])
    expect(readProgram(d, templateProgramPath('Motor', 'Nope'))).toBeUndefined()
    expect(readProgram(d, templateProgramPath('Pump', 'RunCheck'))).toBeUndefined()
  })

  it('edits programs[1] only; undo and redo restore the whole file; the other programs stay the same objects', () => {
    const d = fresh()
    const before = tpl(d)
    ok(d.dispatch(setInput, { path: RUN, id: 'ton', pin: 'PT', value: 2000 }))
    ok(d.dispatch(addBlock, { path: RUN, type: 'NOT', x: 100, y: 100 }))
    const after = tpl(d)
    expect(after.programs[1]!.blocks.map((b) => b.id)).toEqual(['cmd', 'ton', 'out', 'not'])
    expect(after.programs[1]!.blocks[1]!.inputs).toEqual({ PT: 2000 })
    expect(after.programs[1]).toMatchObject({ name: 'RunCheck', task: 'fast' })
    expect(after.programs[0]).toBe(before.programs[0])
    expect(after.programs[2]).toBe(before.programs[2])
    expect(after.tags).toBe(before.tags)
    expect(d.dirtyPaths()).toEqual([FILE])
    d.undo()
    d.undo()
    expect(tpl(d)).toBe(before)
    d.redo()
    expect(tpl(d).programs[1]!.blocks[1]!.inputs).toEqual({ PT: 2000 })
  })

  it('follows the program by name when others are removed; a renamed program is no longer at the old path', () => {
    const d = fresh()
    ok(d.dispatch(removeTemplateProgram, { path: FILE, index: 0 }))
    ok(d.dispatch(deleteItems, { path: RUN, blocks: ['out'] }))
    expect(tpl(d).programs.map((p) => [p.name, p.blocks.length])).toEqual([['RunCheck', 2], ['Last', 3]])
    ok(d.dispatch(renameTemplateProgram, { path: FILE, index: 0, name: 'Check' }))
    expect(d.dispatch(addBlock, { path: RUN, type: 'NOT', x: 0, y: 0 })).toEqual({ ok: false, error: `no program ${RUN}` })
    ok(d.dispatch(addBlock, { path: templateProgramPath('Motor', 'Check'), type: 'NOT', x: 0, y: 0 }))
    expect(tpl(d).programs.map((p) => [p.name, p.blocks.length])).toEqual([['Check', 3], ['Last', 3]])
    // Undo walks back through the rename too: the edit before it finds its program again.
    d.undo()
    d.undo()
    expect(readProgram(d, RUN)?.blocks).toHaveLength(2)
  })

  it('takes "${param}" constants of number and boolean parameters only, and only in a template program', () => {
    const d = fresh()
    ok(d.dispatch(setInput, { path: RUN, id: 'ton', pin: 'PT', value: '${feedbackMs}' }))
    ok(d.dispatch(addBlock, { path: RUN, type: 'SR', x: 0, y: 0 }))
    ok(d.dispatch(setInput, { path: RUN, id: 'sr', pin: 'S1', value: '${inverted}' }))
    expect(readProgram(d, RUN)!.blocks.find((b) => b.id === 'sr')!.inputs).toEqual({ S1: '${inverted}' })
    expect(d.dispatch(setInput, { path: RUN, id: 'ton', pin: 'PT', value: '${device}' })).toMatchObject({ ok: false, error: expect.stringContaining('is a string') })
    expect(d.dispatch(setInput, { path: RUN, id: 'ton', pin: 'PT', value: '${nope}' })).toMatchObject({ ok: false, error: expect.stringContaining('not a parameter of template Motor') })
    expect(d.dispatch(setInput, { path: RUN, id: 'ton', pin: 'PT', value: 'x${feedbackMs}' })).toMatchObject({ ok: false })
    expect(placeholderProblem(null, '${feedbackMs}')).toMatch(/only in a template program/)
  })

  it('wires and sets tags through the same commands; a wired input drops its placeholder', () => {
    const d = fresh()
    ok(d.dispatch(addBlock, { path: RUN, type: 'TAG_IN', x: 0, y: 100, params: { tag: '$/Fault', type: 'BOOL' } }))
    ok(d.dispatch(deleteItems, { path: RUN, wires: ['cmd.OUT->ton.IN'] }))
    ok(d.dispatch(connect, { path: RUN, from: 'tag_in.OUT', to: 'ton.IN' }))
    ok(d.dispatch(setParams, { path: RUN, id: 'cmd', params: { tag: 'Area/Reset' } }))
    const p = readProgram(d, RUN)!
    expect(p.wires).toContainEqual({ from: 'tag_in.OUT', to: 'ton.IN' })
    expect(p.blocks[0]!.params).toEqual({ tag: 'Area/Reset' })
    expect(tpl(d).programs[0]).toEqual(network('First'))
  })
})

describe('template scope', () => {
  it('compiles a probe copy: members at a stand-in instance, parameters at their defaults, ids and paths kept', () => {
    const d = fresh()
    const scope = templateScope(d, RUN)!
    expect(scope.members.map((m) => [m.name, m.dataType, m.derived])).toEqual([['RunCmd', 'BOOL', false], ['Fault', 'BOOL', false], ['Hot', 'BOOL', true]])
    expect(scopeInstances(d, scope)).toEqual(['Area/M1', 'Area/M2'])
    const p = readProgram(d, RUN)!
    const probe = probeProgram(p, scope)
    expect(probe.program.blocks.map((b) => b.id)).toEqual(['cmd', 'ton', 'out'])
    expect(probe.program.blocks[1]!.inputs).toEqual({ PT: 5000 })
    expect(probe.diagnostics).toEqual([])
    expect(probeProgram(p, scope)).toBe(probe)
    const r = compileCached(probe.program)
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
    expect(r.plan?.order).toEqual(['cmd', 'ton', 'out'])
    expect(templateScope(d, 'programs/a.fbd.json')).toBeNull()
  })

  it('names unknown placeholders, members and tags, and members a program cannot write', () => {
    const d = fresh()
    const scope = templateScope(d, RUN)!
    const p = {
      format: 1 as const, name: 'x', wires: [],
      blocks: [
        { id: 'a', type: 'TON', inputs: { PT: '${nope}' } },
        { id: 'b', type: 'TAG_IN', params: { tag: '$/Missing' } },
        { id: 'c', type: 'TAG_OUT', params: { tag: '$/Hot' } },
        { id: 'e', type: 'TAG_IN', params: { tag: 'Area/Nope' } },
        { id: 'f', type: 'TAG_IN', params: { tag: '${area}/Level' } },
        { id: 'g', type: 'TAG_IN', params: { tag: 'Area/Reset' } },
      ],
    } as unknown as FbdProgram
    expect(probeProgram(p, scope).diagnostics).toMatchObject([
      { code: 'E_REFERENCE', path: '$.blocks[0].inputs.PT', message: expect.stringContaining('${nope} is not a parameter') },
      { code: 'E_REFERENCE', path: '$.blocks[4].params.tag' },
    ])
    const tags = templateTagDiagnostics(p, scope, (x) => x === 'Area/Reset')
    expect(tags.map((x) => [x.code, x.path])).toEqual([
      ['E_REFERENCE', '$.blocks[1].params.tag'],
      ['E_NOT_WRITABLE', '$.blocks[2].params.tag'],
      ['E_REFERENCE', '$.blocks[3].params.tag'],
    ])
    expect(unprobe({ code: 'E_DUPLICATE', severity: 'warning', message: 'tag __self__/Fault is also written' }).message).toBe('tag $/Fault is also written')
  })

  it('monitors one instance\'s copy under its expanded name', () => {
    const p = readProgram(fresh(), RUN)!
    const paths = monitorPaths({ ...p, name: instanceProgramName('Area/M1', 'RunCheck') }, new Set(['cmd']))
    expect(paths).toEqual(['@program/Area/M1/RunCheck/cmd.OUT'])
  })

  it('maps problems of the template file into the program', () => {
    const d = fresh()
    expect(pathInProgram(d, RUN, '$.programs[1].blocks[2].params.tag')).toBe('$.blocks[2].params.tag')
    expect(pathInProgram(d, RUN, '$.programs[1]')).toBe('$')
    expect(pathInProgram(d, RUN, '$.programs[0].blocks[2]')).toBeUndefined()
    expect(pathInProgram(d, RUN, '$.programs[10].blocks[0]')).toBeUndefined()
    expect(pathInProgram(d, 'programs/a.fbd.json', '$.blocks[0]')).toBe('$.blocks[0]')
  })
})
