import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../errors.js'
import { loadApp } from './loader.js'
import type { LoadOptions } from './loader.js'
import type { FbdProgram } from './program.js'
import { fixture, source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'

type Docs = Record<string, Doc>

async function check(change: (d: Docs) => void, options?: LoadOptions) {
  const docs = fixture()
  change(docs)
  const r = await loadApp(source(docs), options)
  const list = r.diagnostics.map(({ code, severity, file, path, message }) => ({ code, severity, file, path, message }))
  return { app: r.app, errors: list.filter((d) => d.severity === 'error'), warnings: list.filter((d) => d.severity === 'warning'), raw: r.diagnostics }
}

const tank = (d: Docs) => d['tags/Tank1.json']!
const overview = (d: Docs) => d['screens/overview.json']!

describe('cross-file checks: names', () => {
  it('finds duplicate tag paths across and within files', async () => {
    const { app, errors } = await check((d) => {
      d['tags/Tank1-copy.json'] = { format: 1, folder: 'Area1/Tank1', tags: [{ name: 'Level', dataType: 'REAL', source: { kind: 'memory' } }] }
      tank(d).tags.push({ name: 'Pump', dataType: 'BOOL', source: { kind: 'memory' } })
    })
    expect(app).toBeNull()
    expect(errors).toEqual([
      { code: 'E_DUPLICATE', severity: 'error', file: 'tags/Tank1.json', path: '$.tags[0].name', message: 'tag Area1/Tank1/Level is already defined in tags/Tank1-copy.json at $.tags[0]' },
      { code: 'E_DUPLICATE', severity: 'error', file: 'tags/Tank1.json', path: '$.tags[4].name', message: 'tag Area1/Tank1/Pump is already defined in tags/Tank1.json at $.tags[1]' },
    ])
  })

  it('requires screen and program names to match their files', async () => {
    const { errors } = await check((d) => {
      d['screens/detail.json']!.name = 'overview'
      d['programs/fill.fbd.json']!.name = 'filler'
    })
    expect(errors.map((e) => [e.code, e.file, e.path, e.message])).toEqual([
      ['E_SCHEMA', 'programs/fill.fbd.json', '$.name', 'program name "filler" must match the file name "fill"'],
      ['E_SCHEMA', 'screens/detail.json', '$.name', 'screen name "overview" must match the file name "detail"'],
      ['E_DUPLICATE', 'screens/overview.json', '$.name', 'screen "overview" is already defined in screens/detail.json'],
      ['E_REFERENCE', 'screens/overview.json', '$.widgets[4].events.click[0].screen', 'screen "detail" does not exist (no screens/detail.json)'],
      // References go by the name inside the file, so the task's "fill" is now unknown.
      ['E_REFERENCE', 'app.json', '$.tasks[0].programs[0]', 'program "fill" does not exist (no programs/fill.fbd.json)'],
    ])
  })

  it('finds duplicate widget ids and task names', async () => {
    const { errors, warnings } = await check((d) => {
      overview(d).widgets[1].id = 'tank1'
      d['app.json']!.tasks.push({ name: 'main', periodMs: 500, programs: ['fill'] })
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([
      ['E_DUPLICATE', 'screens/overview.json', '$.widgets[1].id'],
      ['E_DUPLICATE', 'app.json', '$.tasks[1].name'],
    ])
    expect(warnings).toEqual([{ code: 'E_DUPLICATE', severity: 'warning', file: 'app.json', path: '$.tasks[1].programs[0]', message: 'program "fill" is already scheduled in task "main"; it would run twice per cycle' }])
  })
})

describe('cross-file checks: references', () => {
  it('requires tag connections to be declared in app.json', async () => {
    const { errors, raw } = await check((d) => { tank(d).tags[0].source.connection = 'plc2' })
    expect(errors).toEqual([{
      code: 'E_REFERENCE', severity: 'error', file: 'tags/Tank1.json', path: '$.tags[0].source.connection',
      message: 'connection "plc2" is not declared in app.json "connections" (declared: plc1)',
    }])
    expect(raw[0]).toMatchObject({ line: 15, column: 9 })
  })

  it('does not let "constructor" pass as a declared connection', async () => {
    const { errors } = await check((d) => { tank(d).tags[0].source.connection = 'toString' })
    expect(errors.map((e) => e.code)).toEqual(['E_REFERENCE'])
  })

  it('compiles expression tags against the known tags', async () => {
    const { errors } = await check((d) => {
      tank(d).tags[3].source.expr = '{Area1/Tank1/Levle} > 1'
      d['tags/Plant.json']!.tags.push({ name: 'Bad', dataType: 'REAL', source: { kind: 'expression', expr: 'foo(1) +' } })
    })
    expect(errors).toEqual([
      { code: 'E_EXPR_SYNTAX', severity: 'error', file: 'tags/Plant.json', path: '$.tags[1].source.expr', message: 'expression column 9: expression ends too early' },
      { code: 'E_EXPR_UNKNOWN_TAG', severity: 'error', file: 'tags/Tank1.json', path: '$.tags[3].source.expr', message: 'expression column 1: unknown tag {Area1/Tank1/Levle}' },
    ])
  })

  it('finds cycles among expression tags', async () => {
    const { errors } = await check((d) => {
      d['tags/Loop.json'] = {
        format: 1, folder: 'Loop',
        tags: [
          { name: 'A', dataType: 'REAL', source: { kind: 'expression', expr: '{Loop/B} + 1' } },
          { name: 'B', dataType: 'REAL', source: { kind: 'expression', expr: '{Loop/C} + {Area1/Tank1/Level}' } },
          { name: 'C', dataType: 'REAL', source: { kind: 'expression', expr: '{Loop/A} * 2' } },
          { name: 'Self', dataType: 'REAL', source: { kind: 'expression', expr: '{Loop/Self}' } },
          { name: 'D', dataType: 'REAL', source: { kind: 'expression', expr: '{Loop/A}' } },
        ],
      }
    })
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['E_REFERENCE', '$.tags[0].source.expr', 'expression tags form a cycle: Loop/A -> Loop/B -> Loop/C -> Loop/A'],
      ['E_REFERENCE', '$.tags[3].source.expr', 'expression tags form a cycle: Loop/Self -> Loop/Self'],
    ])
  })

  it('checks screen bindings and actions', async () => {
    const { errors } = await check((d) => {
      const w = overview(d).widgets
      w[0].bindings.value.tag = 'Area1/Tank1/Nope'
      w[1].bindings.text.expr = 'fmt({Area1/Tank1/Level})'
      w[2].events.click[0].tag = 'Area1/Tank2/Pump'
      w[4].events.click[0].screen = 'trends'
    })
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['E_REFERENCE', '$.widgets[0].bindings.value.tag', 'tag Area1/Tank1/Nope does not exist'],
      ['E_EXPR_ARITY', '$.widgets[1].bindings.text.expr', 'expression column 1: fmt(x, decimals) takes 2 arguments, got 1'],
      ['E_REFERENCE', '$.widgets[2].events.click[0].tag', 'tag Area1/Tank2/Pump does not exist'],
      ['E_REFERENCE', '$.widgets[4].events.click[0].screen', 'screen "trends" does not exist (no screens/trends.json)'],
    ])
    expect(errors.every((e) => e.file === 'screens/overview.json')).toBe(true)
  })

  it('checks the entry screen and task programs', async () => {
    const { errors } = await check((d) => {
      d['app.json']!.entryScreen = 'home'
      d['app.json']!.tasks[0].programs.push('drain')
    })
    expect(errors.map((e) => [e.code, e.file, e.path])).toEqual([
      ['E_REFERENCE', 'app.json', '$.entryScreen'],
      ['E_REFERENCE', 'app.json', '$.tasks[0].programs[1]'],
    ])
  })

  it('checks TAG_IN and TAG_OUT blocks', async () => {
    const { errors, warnings } = await check((d) => {
      const blocks = d['programs/fill.fbd.json']!.blocks
      blocks[0].params.tag = 'Area1/Tank1/Gone'
      blocks.push({ id: 'noTag', type: 'TAG_IN' })
      blocks.push({ id: 'derived', type: 'TAG_OUT', params: { tag: 'Area1/Tank1/Full' } })
      blocks.push({ id: 'pump2', type: 'TAG_OUT', params: { tag: 'Area1/Tank1/Pump' } })
    })
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['E_REFERENCE', '$.blocks[0].params.tag', 'tag Area1/Tank1/Gone does not exist'],
      ['E_FB_BAD_PARAM', '$.blocks[3].params.tag', 'TAG_IN block "noTag" needs params.tag naming a tag'],
      ['E_NOT_WRITABLE', '$.blocks[4].params.tag', 'tag Area1/Tank1/Full is derived from an expression; a program cannot write it'],
    ])
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['E_FB_MULTIPLE_DRIVERS', '$.blocks[5].params.tag']])
  })

  it('does not cascade "unknown tag" when a tag file failed to load', async () => {
    const { errors } = await check((d) => { tank(d).format = 99 })
    expect(errors.map((e) => [e.code, e.file])).toEqual([['E_FORMAT_VERSION', 'tags/Tank1.json']])
  })

  it('still checks expression syntax when tags are incomplete', async () => {
    const { errors } = await check((d) => {
      tank(d).format = 99
      overview(d).widgets[1].bindings.text.expr = '1 +'
    })
    expect(errors.map((e) => e.code)).toEqual(['E_FORMAT_VERSION', 'E_EXPR_SYNTAX'])
  })
})

describe('cross-file checks: warnings do not block loading', () => {
  it('warns about writes that the runtime will refuse', async () => {
    const { app, warnings } = await check((d) => {
      const w = overview(d).widgets
      w[3].events.click[0].value = 150
      w.push({ id: 'b2', type: 'button', x: 0, y: 0, w: 10, h: 10, events: { click: [
        { action: 'write', tag: 'Area1/Tank1/Level', value: 1 },
        { action: 'toggle', tag: 'Area1/Tank1/Setpoint' },
        { action: 'write', tag: 'Area1/Tank1/Pump', value: 1 },
        { action: 'write', tag: 'Area1/Tank1/Full', value: true },
      ] } })
      tank(d).tags[1].source.initial = 'yes'
    })
    expect(app).not.toBeNull()
    expect(warnings.map((x) => [x.code, x.path])).toEqual([
      ['E_TYPE_MISMATCH', '$.tags[1].source.initial'],
      ['E_OUT_OF_RANGE', '$.widgets[3].events.click[0].value'],
      ['E_NOT_WRITABLE', '$.widgets[5].events.click[0].tag'],
      ['E_TYPE_MISMATCH', '$.widgets[5].events.click[1].tag'],
      ['E_TYPE_MISMATCH', '$.widgets[5].events.click[2].value'],
      ['E_NOT_WRITABLE', '$.widgets[5].events.click[3].tag'],
    ])
  })
})

describe('programCheck hook', () => {
  it('runs on every valid program and its diagnostics join the result', async () => {
    const seen: string[] = []
    const programCheck = (p: FbdProgram, file: string): Diagnostic[] => {
      seen.push(`${file}:${p.name}`)
      return [{ code: 'E_FB_UNKNOWN_BLOCK', severity: 'error', message: 'unknown block type NOT', path: '$.blocks[1].type' }]
    }
    const r = await loadApp(source(fixture()), { programCheck })
    expect(seen).toEqual(['programs/fill.fbd.json:fill'])
    expect(r.app).toBeNull()
    expect(r.diagnostics).toEqual([{
      code: 'E_FB_UNKNOWN_BLOCK', severity: 'error', message: 'unknown block type NOT', path: '$.blocks[1].type',
      file: 'programs/fill.fbd.json', line: 14, column: 7,
    }])
  })

  it('turns a throwing check into E_INTERNAL instead of throwing', async () => {
    const r = await loadApp(source(fixture()), { programCheck: () => { throw new Error('compiler bug') } })
    expect(r.diagnostics).toEqual([{ code: 'E_INTERNAL', severity: 'error', message: 'program check failed: compiler bug', file: 'programs/fill.fbd.json' }])
  })
})
