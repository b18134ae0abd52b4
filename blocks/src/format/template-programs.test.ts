import { describe, expect, it } from 'vitest'
import { compileNetwork } from '../engine/index.js'
import { defaultLibrary } from '../library/index.js'
import { expandProgram } from './expand-programs.js'
import { loadApp } from './loader.js'
import type { ProgramCheck } from './validate.js'
import { TemplateProgram } from './template-program.js'
import { source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'
import { templateFixture } from './__tests__/template-fixture.js'

type Docs = Record<string, Doc | string>

/** RunCmd on without Running for `${delay}` ms sets the member Alarm. */
function runCheck(): Doc {
  return {
    format: 1, name: 'RunCheck',
    blocks: [
      { id: 'cmd', type: 'TAG_IN', params: { tag: '$/RunCmd' } },
      { id: 'fb', type: 'TAG_IN', params: { tag: '$/Running' } },
      { id: 'nfb', type: 'NOT' },
      { id: 'and', type: 'AND' },
      { id: 'ton', type: 'TON', inputs: { PT: '${delay}' } },
      { id: 'out', type: 'TAG_OUT', params: { tag: '$/Alarm' } },
    ],
    wires: [
      { from: 'cmd.OUT', to: 'and.IN1' }, { from: 'fb.OUT', to: 'nfb.IN' }, { from: 'nfb.OUT', to: 'and.IN2' },
      { from: 'and.OUT', to: 'ton.IN' }, { from: 'ton.Q', to: 'out.IN' },
    ],
  }
}

function withPrograms(change: (d: Docs) => void = () => {}): Docs {
  const d: Docs = templateFixture()
  const t = d['types/Motor.json'] as Doc
  t.parameters.push({ name: 'delay', type: 'number', default: 1000 })
  t.tags.push({ name: 'Alarm', dataType: 'BOOL', source: { kind: 'memory', initial: false } })
  t.programs = [runCheck()]
  ;(d['tags/Motors.json'] as Doc).instances[1].params.delay = 2500
  change(d)
  return d
}

const motor = (d: Docs) => d['types/Motor.json'] as Doc
const compile: ProgramCheck = (program) => compileNetwork(program, defaultLibrary).diagnostics

async function load(change?: (d: Docs) => void, programCheck?: ProgramCheck) {
  const r = await loadApp(source(withPrograms(change)), programCheck ? { programCheck } : {})
  const list = r.diagnostics.map(({ code, severity, file, path, message, line }) => ({ code, severity, file, path, message, line }))
  return { app: r.app, raw: r.diagnostics, errors: list.filter((d) => d.severity === 'error'), warnings: list.filter((d) => d.severity === 'warning') }
}

describe('expandProgram', () => {
  it('gives each instance its own copy: members pointed at the instance, parameters typed into inputs', () => {
    const tp = TemplateProgram.parse(runCheck())
    const a = expandProgram(tp, new Map([['delay', 1000]]), 'Area1/M1')
    const b = expandProgram(tp, new Map([['delay', 3000]]), 'Area1/M2')
    expect([a.program?.name, b.program?.name]).toEqual(['Area1/M1/RunCheck', 'Area1/M2/RunCheck'])
    expect(a.program!.blocks.map((x) => x.params?.tag).filter(Boolean)).toEqual(['Area1/M1/RunCmd', 'Area1/M1/Running', 'Area1/M1/Alarm'])
    expect(b.program!.blocks.find((x) => x.id === 'ton')!.inputs).toEqual({ PT: 3000 })
    expect(a.holes).toEqual([['blocks', 4, 'inputs', 'PT']])
    // The template's own object is not touched.
    expect(tp.blocks[0]!.params!.tag).toBe('$/RunCmd')
  })

  it('reports a string parameter in a block input and a missing value', () => {
    const tp = TemplateProgram.parse(runCheck())
    const s = expandProgram(tp, new Map([['delay', 'soon']]), 'M')
    expect(s.program).toBeNull()
    expect(s.issues.map((i) => [i.code, i.at])).toEqual([['E_SCHEMA', ['blocks', 4, 'inputs', 'PT']]])
    expect(expandProgram(tp, new Map(), 'M').missing).toEqual([{ name: 'delay', path: ['blocks', 4, 'inputs', 'PT'] }])
  })

  it('accepts the template format without "task" (files written before template programs ran)', () => {
    expect(TemplateProgram.safeParse({ format: 1, name: 'logic', blocks: [], wires: [] }).success).toBe(true)
    expect(TemplateProgram.safeParse({ format: 1, name: 'logic', blocks: [], wires: [], task: 'fast' }).success).toBe(true)
    expect(TemplateProgram.safeParse({ format: 1, name: 'logic', blocks: [], wires: [], tsk: 'fast' }).success).toBe(false)
  })
})

describe('loadApp with template programs', () => {
  it('expands one copy per instance, run by the first task, compiled under the expanded name', async () => {
    const checked: string[] = []
    const { app, raw } = await load(undefined, (p, file) => {
      checked.push(`${p.name} ${file}`)
      return compile(p, file)
    })
    expect(raw).toEqual([])
    expect(app!.templatePrograms!.map((p) => [p.task, p.instance, p.program.name])).toEqual([
      ['main', 'Mixer', 'Mixer/RunCheck'],
      ['main', 'Area1/Motors/M1', 'Area1/Motors/M1/RunCheck'],
      ['main', 'Area1/Motors/M2', 'Area1/Motors/M2/RunCheck'],
    ])
    expect(app!.templatePrograms!.map((p) => p.program.blocks.find((b) => b.id === 'ton')!.inputs!.PT)).toEqual([1000, 1000, 2500])
    expect(checked).toEqual(['fill programs/fill.fbd.json', 'Mixer/RunCheck types/Motor.json', 'Area1/Motors/M1/RunCheck types/Motor.json', 'Area1/Motors/M2/RunCheck types/Motor.json'])
    // The app.json task list and the APP's own programs stay as written.
    expect(app!.manifest.tasks[0]!.programs).toEqual(['fill'])
    expect(app!.programs.map((p) => p.name)).toEqual(['fill'])
  })

  it('runs a copy in the task the template names, and leaves templatePrograms out when no template has programs', async () => {
    const { app } = await load((d) => {
      ;(d['app.json'] as Doc).tasks.push({ name: 'slow', periodMs: 1000, programs: ['fill'] })
      motor(d).programs[0].task = 'slow'
    })
    expect(new Set(app!.templatePrograms!.map((p) => p.task))).toEqual(new Set(['slow']))
    const plain = await loadApp(source(templateFixture()))
    expect(plain.app!.templatePrograms).toBeUndefined()
  })

  it('updates every instance when the template program changes', async () => {
    const { app } = await load((d) => {
      motor(d).programs[0].blocks[5].params.tag = '$/RunCmd'
    })
    expect(app!.templatePrograms!.map((p) => p.program.blocks[5]!.params!.tag)).toEqual(['Mixer/RunCmd', 'Area1/Motors/M1/RunCmd', 'Area1/Motors/M2/RunCmd'])
  })

  it('reads and writes shared tags by their absolute path; every instance writing one is a warning', async () => {
    const { raw } = await load((d) => {
      motor(d).programs[0].blocks.push({ id: 'lvl', type: 'TAG_IN', params: { tag: 'Area1/Tank1/Level' } })
    })
    expect(raw).toEqual([])
    const { errors, warnings } = await load((d) => {
      motor(d).programs[0].blocks.push({ id: 'pump', type: 'TAG_OUT', params: { tag: 'Area1/Tank1/Pump' } })
    })
    expect(errors).toEqual([])
    expect(warnings.map((w) => [w.code, w.file, w.path])).toEqual([['E_FB_MULTIPLE_DRIVERS', 'types/Motor.json', '$.programs[0].blocks[6].params.tag']])
  })
})

describe('template programs: problems in the template file', () => {
  it('a $/X that is not a member, an unknown tag, a missing tag param: at the block, with a line', async () => {
    const { errors } = await load((d) => {
      const p = motor(d).programs[0]
      p.blocks[0].params.tag = '$/Nope'
      p.blocks[1].params.tag = 'Area9/Gone'
      delete p.blocks[5].params
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([
      ['E_REFERENCE', 'types/Motor.json', '$.programs[0].blocks[0].params.tag'],
      ['E_REFERENCE', 'types/Motor.json', '$.programs[0].blocks[1].params.tag'],
      ['E_FB_BAD_PARAM', 'types/Motor.json', '$.programs[0].blocks[5].params.tag'],
    ])
    expect(errors[0]!.message).toBe('$/Nope is not a member of template Motor (members: RunCmd, Running, Speed, Fast, Alarm)')
    expect(errors[0]!.line).toBeGreaterThan(1)
  })

  it('writing an expression member, an unknown placeholder, a duplicate name', async () => {
    const { errors } = await load((d) => {
      const p = motor(d).programs[0]
      p.blocks[5].params.tag = '$/Fast'
      p.blocks[4].inputs.PT = '${later}'
      motor(d).programs.push(runCheck())
    })
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['E_REFERENCE', '$.programs[0].blocks[4].inputs.PT'],
      ['E_NOT_WRITABLE', '$.programs[0].blocks[5].params.tag'],
      ['E_DUPLICATE', '$.programs[1].name'],
    ])
  })

  it('an unknown task, or no task at all in the APP', async () => {
    const unknown = await load((d) => { motor(d).programs[0].task = 'fast' })
    expect(unknown.errors.map((e) => [e.code, e.path, e.message])).toEqual([['E_REFERENCE', '$.programs[0].task', 'task "fast" does not exist in app.json (tasks: main)']])
    const none = await load((d) => { (d['app.json'] as Doc).tasks = [] })
    expect(none.errors.map((e) => [e.code, e.file, e.path])).toEqual([['E_REFERENCE', 'types/Motor.json', '$.programs[0]']])
  })

  it('compile problems once for all instances, at the template program', async () => {
    const { errors, app } = await load((d) => { motor(d).programs[0].wires[0].to = 'and.IN9' }, compile)
    expect(app).toBeNull()
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([['E_FB_UNKNOWN_PIN', 'types/Motor.json', '$.programs[0].wires[0].to']])
  })

  it('compile problems of a template without instances still show', async () => {
    const { errors } = await load((d) => {
      delete d['tags/Motors.json']
      delete d['tags/Mixer.json']
      ;(d['screens/detail.json'] as Doc).widgets = []
      motor(d).programs[0].wires[0].to = 'and.IN9'
    }, compile)
    expect(errors.map((e) => [e.code, e.path])).toEqual([['E_FB_UNKNOWN_PIN', '$.programs[0].wires[0].to']])
  })
})

describe('template programs: problems an instance causes', () => {
  it('a string parameter in a block input: at the instance in its tag file', async () => {
    const { errors } = await load((d) => {
      motor(d).parameters.push({ name: 'mode', type: 'string', default: 'x' })
      motor(d).programs[0].blocks[4].inputs.PT = '${mode}'
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([
      ['E_SCHEMA', 'tags/Mixer.json', '$.type'],
      ['E_SCHEMA', 'tags/Motors.json', '$.instances[0]'],
      ['E_SCHEMA', 'tags/Motors.json', '$.instances[1]'],
    ])
    expect(errors[1]!.message).toMatch(/^Area1\/Motors\/M1: program RunCheck \$\.blocks\[4\]\.inputs\.PT: /)
  })

  it('a tag path a parameter makes must exist', async () => {
    const { errors } = await load((d) => {
      motor(d).parameters.push({ name: 'area', type: 'string', default: 'Area1/Tank1' })
      motor(d).programs[0].blocks.push({ id: 'lvl', type: 'TAG_IN', params: { tag: '${area}/Level' } })
      ;(d['tags/Motors.json'] as Doc).instances[0].params.area = 'Area2/Tank9'
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([['E_REFERENCE', 'tags/Motors.json', '$.instances[0]']])
    expect(errors[0]!.message).toBe('Area1/Motors/M1/RunCheck: block "lvl" names tag Area2/Tank9/Level, which does not exist')
  })
})
