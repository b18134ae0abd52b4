import { describe, expect, it } from 'vitest'
import { loadApp, memorySource } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { renameMember, updateParameter } from './commands'
import type { TemplateDoc } from './model'
import { addTemplateProgram, removeTemplateProgram, renameTemplateProgram, setTemplateProgramTask, templateProgramRows } from './program-commands'
import type { TemplateProgramDoc } from './program-commands'
import { templateProblems } from './problems'

const P = 'types/Motor.json'

function fresh(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({
    'app.json': {
      format: 1, id: 'demo', name: 'Demo', version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'fast', periodMs: 100, programs: ['check'] }, { name: 'slow', periodMs: 1000, programs: ['check'] }],
    },
    [P]: {
      format: 1, name: 'Motor',
      parameters: [{ name: 'delay', type: 'number', default: 5000 }],
      tags: [
        { name: 'Run', dataType: 'BOOL', source: { kind: 'memory' } },
        { name: 'Fault', dataType: 'BOOL', source: { kind: 'memory' } },
      ],
    },
    'tags/Area.json': { format: 1, folder: 'Area', tags: [], instances: [{ name: 'M1', type: 'Motor' }, { name: 'M2', type: 'Motor', params: { delay: 100 } }] },
    'programs/check.fbd.json': {
      format: 1, name: 'check', description: 'Run held too long',
      blocks: [
        { id: 'run', type: 'TAG_IN', params: { tag: '$/Run' } },
        { id: 'ton', type: 'TON', inputs: { PT: '${delay}' } },
        { id: 'out', type: 'TAG_OUT', params: { tag: '$/Fault' } },
      ],
      wires: [{ from: 'run.OUT', to: 'ton.IN' }, { from: 'ton.Q', to: 'out.IN' }],
    },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  })
  return d
}
const tpl = (d: ProjectDocument) => d.get<TemplateDoc>(P)!
const programs = (d: ProjectDocument) => tpl(d).programs as TemplateProgramDoc[]
const ok = (r: { ok: boolean; error?: string }) => expect(r).toMatchObject({ ok: true })

describe('template program commands', () => {
  it('add an empty program and a copy of an APP program; list them with block counts and task', () => {
    const d = fresh()
    ok(d.dispatch(addTemplateProgram, { path: P }))
    ok(d.dispatch(addTemplateProgram, { path: P, copyOf: 'check' }))
    expect(templateProgramRows(tpl(d))).toEqual([
      { index: 0, name: 'Logic', task: undefined, blocks: 0, wires: 0 },
      { index: 1, name: 'check', task: undefined, blocks: 3, wires: 2 },
    ])
    expect(programs(d)[1]).toMatchObject({ format: 1, name: 'check', description: 'Run held too long' })
    expect(d.dispatch(addTemplateProgram, { path: P, name: 'check' })).toEqual({ ok: false, error: 'program "check" already exists in this template' })
    expect(d.dispatch(addTemplateProgram, { path: P, copyOf: 'nope' }).ok).toBe(false)
  })

  it('set the task, back to the default, rename and remove (the field goes with the last program)', () => {
    const d = fresh()
    ok(d.dispatch(addTemplateProgram, { path: P, name: 'RunCheck' }))
    ok(d.dispatch(setTemplateProgramTask, { path: P, index: 0, task: 'slow' }))
    expect(programs(d)[0]!.task).toBe('slow')
    ok(d.dispatch(setTemplateProgramTask, { path: P, index: 0, task: null }))
    expect('task' in programs(d)[0]!).toBe(false)
    ok(d.dispatch(renameTemplateProgram, { path: P, index: 0, name: 'Check2' }))
    expect(d.dispatch(renameTemplateProgram, { path: P, index: 0, name: 'a/b' }).ok).toBe(false)
    ok(d.dispatch(removeTemplateProgram, { path: P, index: 0 }))
    expect('programs' in tpl(d)).toBe(false)
    d.undo()
    expect(programs(d).map((p) => p.name)).toEqual(['Check2'])
  })

  it('renaming a member or a parameter rewrites the programs too, and the APP stays valid', async () => {
    const d = fresh()
    ok(d.dispatch(addTemplateProgram, { path: P, name: 'RunCheck', copyOf: 'check', task: 'slow' }))
    ok(d.dispatch(renameMember, { path: P, index: 1, name: 'Alarm' }))
    ok(d.dispatch(updateParameter, { path: P, index: 0, patch: { name: 'holdMs' } }))
    const blocks = programs(d)[0]!.blocks as { params?: { tag?: string }; inputs?: Record<string, unknown> }[]
    expect(blocks[2]!.params!.tag).toBe('$/Alarm')
    expect(blocks[1]!.inputs).toEqual({ PT: '${holdMs}' })
    expect(templateProblems(d, P)).toEqual([])
    // The APP's own "check" still names $/Run, which is no tag there: drop it before loading.
    d.load({ ...Object.fromEntries(d.paths().map((p) => [p, d.get(p)])), 'programs/check.fbd.json': { format: 1, name: 'check', blocks: [], wires: [] } })
    const files = Object.fromEntries(d.paths().map((p) => [p, JSON.stringify(d.get(p))]))
    const r = await loadApp(memorySource(files))
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
    expect(r.app!.templatePrograms!.map((p) => [p.task, p.program.name])).toEqual([['slow', 'Area/M1/RunCheck'], ['slow', 'Area/M2/RunCheck']])
  })

  it('the problems list names a $/X that is not a member and a task that does not exist', () => {
    const d = fresh()
    ok(d.dispatch(addTemplateProgram, { path: P, name: 'RunCheck', copyOf: 'check' }))
    ok(d.dispatch(setTemplateProgramTask, { path: P, index: 0, task: 'gone' }))
    const raw = JSON.parse(JSON.stringify(tpl(d))) as TemplateDoc
    ;(raw.programs![0] as { blocks: { params?: { tag?: string } }[] }).blocks[0]!.params!.tag = '$/Gone'
    d.load({ ...Object.fromEntries(d.paths().map((p) => [p, d.get(p)])), [P]: raw })
    expect(templateProblems(d, P).map((x) => [x.code, x.path])).toEqual([
      ['E_REFERENCE', '$.programs[0].task'],
      ['E_REFERENCE', '$.programs[0].blocks[0].params.tag'],
    ])
  })
})
