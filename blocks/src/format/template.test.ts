import { describe, expect, it } from 'vitest'
import { toBundle } from './bundle.js'
import { loadApp } from './loader.js'
import { source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'
import { templateFixture } from './__tests__/template-fixture.js'

type Docs = Record<string, Doc | string>

async function load(change: (d: Docs) => void = () => {}) {
  const docs: Docs = templateFixture()
  change(docs)
  const r = await loadApp(source(docs))
  const list = r.diagnostics.map(({ code, severity, file, path, message }) => ({ code, severity, file, path, message }))
  return { app: r.app, raw: r.diagnostics, errors: list.filter((d) => d.severity === 'error'), warnings: list.filter((d) => d.severity === 'warning') }
}
const motor = (d: Docs) => d['types/Motor.json'] as Doc
const motors = (d: Docs) => d['tags/Motors.json'] as Doc
const fp = (d: Docs) => (d['screens/detail.json'] as Doc).widgets[0]

describe('templates: a valid APP', () => {
  it('expands listed and folder instances into tags marked with their template', async () => {
    const { app, raw } = await load()
    expect(raw).toEqual([])
    const paths = app!.tags.map((t) => t.path)
    expect(paths.filter((p) => p.startsWith('Area1/Motors/'))).toEqual([
      'Area1/Motors/M1/RunCmd', 'Area1/Motors/M1/Running', 'Area1/Motors/M1/Speed', 'Area1/Motors/M1/Fast',
      'Area1/Motors/M2/RunCmd', 'Area1/Motors/M2/Running', 'Area1/Motors/M2/Speed', 'Area1/Motors/M2/Fast',
    ])
    // A folder that is itself an instance: members at <folder>/<Member>, after the folder's own tags.
    expect(paths.filter((p) => p.startsWith('Mixer/'))).toEqual(['Mixer/Note', 'Mixer/RunCmd', 'Mixer/Running', 'Mixer/Speed', 'Mixer/Fast'])
    const speed2 = app!.tags.find((t) => t.path === 'Area1/Motors/M2/Speed')!
    expect(speed2).toMatchObject({ range: { max: 3000 }, source: { address: 'ns=2;s=Motor2.Speed' }, template: { type: 'Motor', instance: 'Area1/Motors/M2' } })
    expect(app!.tags.find((t) => t.path === 'Mixer/Note')!.template).toBeUndefined()
    expect(app!.templates!.map((t) => t.name)).toEqual(['Motor'])
  })

  it('updates every instance when the template changes', async () => {
    const { app } = await load((d) => {
      motor(d).tags[1].source.address = 'ns=3;s=${device}/run'
      motor(d).tags.push({ name: 'Hours', dataType: 'REAL', source: { kind: 'memory', initial: 0 } })
    })
    const running = app!.tags.filter((t) => t.name === 'Running').map((t) => t.source.kind === 'connection' && t.source.address)
    // Tag files load in name order: Mixer.json, then Motors.json.
    expect(running).toEqual(['ns=3;s=Mixer/run', 'ns=3;s=Motor1/run', 'ns=3;s=Motor2/run'])
    expect(app!.tags.filter((t) => t.name === 'Hours').map((t) => t.path)).toEqual(['Mixer/Hours', 'Area1/Motors/M1/Hours', 'Area1/Motors/M2/Hours'])
  })

  it('lets programs and screens use member tags like any tag', async () => {
    const { raw } = await load((d) => {
      (d['programs/fill.fbd.json'] as Doc).blocks.push({ id: 'm1', type: 'TAG_OUT', params: { tag: 'Area1/Motors/M1/RunCmd' } })
      ;(d['screens/overview.json'] as Doc).widgets.push({ id: 'n', type: 'numeric', x: 0, y: 0, w: 10, h: 10, bindings: { value: { expr: '{Mixer/Speed} * 2' } } })
    })
    expect(raw).toEqual([])
  })

  it('puts faceplates in the bundle, and leaves the bundle as before without templates', async () => {
    const { app } = await load()
    const bundle = toBundle(app!)
    expect(bundle.templates).toEqual([{ name: 'Motor', description: { en: 'Motor', 'zh-CN': '电机' }, faceplate: app!.templates![0]!.faceplate }])
    const plain = await load((d) => { delete motor(d).faceplate; delete (d['screens/detail.json'] as Doc).widgets[0] ; (d['screens/detail.json'] as Doc).widgets = [] })
    expect(Object.keys(toBundle(plain.app!)).sort()).toEqual(['manifest', 'screens', 'tags'])
  })
})

describe('templates: problems in the template file', () => {
  it('are schema errors with file, JSON path and line', async () => {
    const { app, raw } = await load((d) => { motor(d).parameters[0].type = 'int' })
    expect(app).toBeNull()
    expect(raw).toEqual([expect.objectContaining({ code: 'E_SCHEMA', file: 'types/Motor.json', path: '$.parameters[0].type', line: 11 })])
  })

  it('name placeholders that are not parameters', async () => {
    const { errors } = await load((d) => { motor(d).tags[0].source.address = 'ns=2;s=${dev}.RunCmd' })
    // Only this: the member makes no tag in any instance, so unknown-tag checks elsewhere stay quiet (no cascade).
    expect(errors.map((e) => [e.code, e.file, e.path, e.message])).toEqual([
      ['E_REFERENCE', 'types/Motor.json', '$.tags[0].source.address', 'placeholder ${dev} is not a parameter of template Motor (parameters: device, plc, speedMax)'],
    ])
  })

  it('name members that are not members and tags that do not exist', async () => {
    const { errors, warnings } = await load((d) => {
      const t = motor(d)
      t.tags[3].source.expr = '{$/Speeed} > 1'
      t.faceplate.widgets[0].bindings.running.tag = '$/Run'
      t.faceplate.widgets[1].bindings.value = { expr: '{$/Speed} + {Plant/Nope}' }
      t.faceplate.widgets[0].events.click[0].tag = '$/Speed'
    })
    expect(errors.map((e) => [e.code, e.file, e.path, e.message])).toEqual([
      ['E_REFERENCE', 'types/Motor.json', '$.tags[3].source.expr', '$/Speeed is not a member of template Motor (members: RunCmd, Running, Speed, Fast)'],
      ['E_REFERENCE', 'types/Motor.json', '$.faceplate.widgets[0].bindings.running.tag', '$/Run is not a member of template Motor (members: RunCmd, Running, Speed, Fast)'],
      ['E_EXPR_UNKNOWN_TAG', 'types/Motor.json', '$.faceplate.widgets[1].bindings.value.expr', 'unknown tag {Plant/Nope}'],
    ])
    expect(warnings.map((w) => [w.path, w.message])).toEqual([
      ['$.faceplate.widgets[0].events.click[0].tag', 'toggle needs a BOOL member; $/Speed is REAL'],
    ])
  })

  it('check members as tags where no parameter decides, once in the template rather than per instance', async () => {
    const { errors } = await load((d) => {
      motor(d).tags[1].dataType = 'BOOLEAN'
      motor(d).tags[0].source.connection = 'plc9'
      motor(d).tags[3].source.expr = '{$/Speed} >'
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([
      ['E_REFERENCE', 'types/Motor.json', '$.tags[0].source.connection'],
      ['E_SCHEMA', 'types/Motor.json', '$.tags[1].dataType'],
      ['E_EXPR_SYNTAX', 'types/Motor.json', '$.tags[3].source.expr'],
    ])
  })

  it('report duplicate members and parameters, wrong defaults, unused parameters and a wrong name', async () => {
    const { errors, warnings } = await load((d) => {
      const t = motor(d)
      t.name = 'Motors'
      t.tags.push({ name: 'Speed', dataType: 'REAL', source: { kind: 'memory' } })
      t.parameters.push({ name: 'plc', type: 'string' }, { name: 'spare', type: 'number', default: 'x' })
    })
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['E_SCHEMA', '$.name'],
      // Instances and the faceplate widget name the template by "Motor", which no longer exists.
      ['E_REFERENCE', '$.type'],
      ['E_REFERENCE', '$.instances[0].type'],
      ['E_REFERENCE', '$.instances[1].type'],
      ['E_DUPLICATE', '$.parameters[3].name'],
      ['E_TYPE_MISMATCH', '$.parameters[4].default'],
      ['E_DUPLICATE', '$.tags[4].name'],
      ['E_REFERENCE', '$.widgets[0].props.template'],
    ])
    expect(warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['E_REFERENCE', '$.parameters[4].name', 'parameter "spare" is not used by any member or program'],
    ])
  })
})

describe('templates: problems in instances', () => {
  it('unknown template, unknown parameter, missing value, wrong type: at the instance', async () => {
    const { errors } = await load((d) => {
      motors(d).instances[0].params = { device: 'X', colour: 'red', speedMax: '9' }
      motors(d).instances[1] = { name: 'M2', type: 'Pump' }
      motors(d).instances.push({ name: 'M3', type: 'Motor' })
    })
    expect(errors.map((e) => [e.code, e.file, e.path, e.message])).toEqual([
      ['E_REFERENCE', 'tags/Motors.json', '$.instances[0].params.colour', 'Area1/Motors/M1: template Motor has no parameter "colour" (parameters: device, plc, speedMax)'],
      ['E_TYPE_MISMATCH', 'tags/Motors.json', '$.instances[0].params.speedMax', 'Area1/Motors/M1: parameter "speedMax" is a number; found string "9"'],
      ['E_REFERENCE', 'tags/Motors.json', '$.instances[1].type', 'template "Pump" does not exist (no types/Pump.json; templates: Motor)'],
      ['E_SCHEMA', 'tags/Motors.json', '$.instances[2].params', 'Area1/Motors/M3: parameter "device" of template Motor needs a value (it has no default)'],
    ])
  })

  it('report what a parameter value breaks, naming the member', async () => {
    const { errors } = await load((d) => {
      motors(d).instances[0].params = { device: 'X', speedMax: -5, plc: 'plc7' }
    })
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['E_SCHEMA', '$.instances[0]', 'Area1/Motors/M1: member Speed $.range: max must be greater than min'],
      ['E_REFERENCE', '$.instances[0]', 'member RunCmd (Area1/Motors/M1/RunCmd): connection "plc7" is not declared in app.json "connections" (declared: plc1)'],
      ['E_REFERENCE', '$.instances[0]', 'member Running (Area1/Motors/M1/Running): connection "plc7" is not declared in app.json "connections" (declared: plc1)'],
    ])
  })

  it('find member tags colliding with other tags and duplicate instances', async () => {
    const { errors } = await load((d) => {
      (d['tags/Mixer.json'] as Doc).tags.push({ name: 'Speed', dataType: 'REAL', source: { kind: 'memory' } })
      motors(d).instances.push({ name: 'M1', type: 'Motor', params: { device: 'again' } })
    })
    expect(errors.map((e) => [e.code, e.file, e.path, e.message])).toEqual([
      ['E_DUPLICATE', 'tags/Mixer.json', '$.type', 'tag Mixer/Speed is already defined in tags/Mixer.json at $.tags[1]'],
      ['E_DUPLICATE', 'tags/Motors.json', '$.instances[2]', 'instance Area1/Motors/M1 is already defined in tags/Motors.json at $.instances[0]'],
    ])
  })

  it('params without type', async () => {
    const { errors } = await load((d) => { delete (d['tags/Mixer.json'] as Doc).type })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([['E_SCHEMA', 'tags/Mixer.json', '$.params']])
  })
})

describe('templates: faceplate widgets on screens', () => {
  it('need an existing template with a faceplate and an instance of that template', async () => {
    const cases: [(d: Docs) => void, string, string, string][] = [
      [(d) => { fp(d).props.template = 'Pump' }, 'E_REFERENCE', '$.widgets[0].props.template', 'template "Pump" does not exist (no types/Pump.json)'],
      [(d) => { delete motor(d).faceplate }, 'E_REFERENCE', '$.widgets[0].props.template', 'template "Motor" has no faceplate'],
      [(d) => { fp(d).props.instance = 'Area1/Motors/M9' }, 'E_REFERENCE', '$.widgets[0].props.instance', 'instance "Area1/Motors/M9" does not exist (no tag file declares it)'],
      [(d) => { delete fp(d).props.instance }, 'E_SCHEMA', '$.widgets[0].props.instance', 'a faceplate widget needs props.instance: the path of an instance, e.g. Area1/Motor3'],
      [(d) => { delete fp(d).props }, 'E_SCHEMA', '$.widgets[0].props.template', 'a faceplate widget needs props.template: the name of a template (types/<Name>.json)'],
    ]
    for (const [change, code, path, message] of cases) {
      const { errors } = await load(change)
      expect(errors[0], message).toEqual({ code, severity: 'error', file: 'screens/detail.json', path, message })
    }
  })

  it('refuse an instance of another template', async () => {
    const { errors } = await load((d) => {
      d['types/Valve.json'] = { format: 1, name: 'Valve', tags: [{ name: 'Open', dataType: 'BOOL', source: { kind: 'memory' } }], faceplate: { width: 50, height: 50, widgets: [] } }
      motors(d).instances.push({ name: 'V1', type: 'Valve' })
      fp(d).props.instance = 'Area1/Motors/V1'
    })
    expect(errors).toEqual([{
      code: 'E_TYPE_MISMATCH', severity: 'error', file: 'screens/detail.json', path: '$.widgets[0].props.instance',
      message: 'instance "Area1/Motors/V1" is a Valve, not a Motor (declared in tags/Motors.json at $.instances[2])',
    }])
  })

  it('refuse a faceplate inside a faceplate', async () => {
    const { errors } = await load((d) => {
      motor(d).faceplate.widgets.push({ id: 'inner', type: 'faceplate', x: 0, y: 0, w: 10, h: 10, props: { template: 'Motor', instance: 'Mixer' } })
    })
    expect(errors.map((e) => [e.code, e.path])).toEqual([['E_UNSUPPORTED', '$.faceplate.widgets[3].type']])
  })

  it('a broken template file does not cascade into unknown-tag errors', async () => {
    const { errors } = await load((d) => { d['types/Motor.json'] = '{ "format": 1, ' })
    expect(errors.map((e) => [e.code, e.file])).toEqual([['E_FILE_JSON', 'types/Motor.json']])
  })
})
