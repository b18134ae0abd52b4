import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../errors.js'
import { toBundle } from './bundle.js'
import { loadApp, memorySource } from './loader.js'
import type { AppSource, LoadOptions } from './loader.js'
import type { MigrationRegistry } from './migrate.js'
import { files, fixture, source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'

async function load(docs: Record<string, Doc | string>, options?: LoadOptions) {
  return loadApp(source(docs), options)
}

/** Loads the fixture after `change`, expecting failure; returns the diagnostics in a compact form. */
async function problems(change: (d: Record<string, Doc | string>) => void, options?: LoadOptions) {
  const docs: Record<string, Doc | string> = fixture()
  change(docs)
  const r = await load(docs, options)
  return { app: r.app, list: r.diagnostics.map(({ code, severity, file, path, message }) => ({ code, severity, file, path, message })), raw: r.diagnostics }
}

function only<T extends { severity: string }>(list: T[]): T {
  const errors = list.filter((d) => d.severity === 'error')
  expect(errors).toHaveLength(1)
  return errors[0]!
}

describe('loadApp: a valid APP', () => {
  it('loads with no diagnostics and resolves tag paths', async () => {
    const r = await load(fixture())
    expect(r.diagnostics).toEqual([])
    expect(r.migrated).toEqual([])
    const app = r.app!
    expect(app.manifest.id).toBe('tank-demo')
    expect(app.tags.map((t) => t.path)).toEqual(['Plant/Name', 'Area1/Tank1/Level', 'Area1/Tank1/Pump', 'Area1/Tank1/Setpoint', 'Area1/Tank1/Full'])
    expect(app.tags[1]).toMatchObject({ name: 'Level', dataType: 'REAL', path: 'Area1/Tank1/Level' })
    expect(app.programs.map((p) => p.name)).toEqual(['fill'])
    expect(app.screens.map((s) => s.name)).toEqual(['detail', 'overview'])
  })

  it('applies schema defaults', async () => {
    const docs = fixture()
    delete docs['app.json']!.connections
    delete docs['app.json']!.tasks
    docs['tags/Tank1.json']!.tags[0].source = { kind: 'memory' }
    docs['programs/fill.fbd.json'] = undefined as unknown as Doc
    delete docs['programs/fill.fbd.json']
    const r = await load(docs)
    expect(r.diagnostics).toEqual([])
    expect(r.app?.manifest.connections).toEqual({})
    expect(r.app?.manifest.tasks).toEqual([])
  })

  it('makes a bundle without programs', async () => {
    const app = (await load(fixture())).app!
    const bundle = toBundle(app)
    expect(Object.keys(bundle).sort()).toEqual(['manifest', 'screens', 'tags'])
    expect(bundle.tags).toEqual(app.tags)
    expect(bundle.tags).not.toBe(app.tags)
  })

  it('ignores other folders and files, and loads Structured Text', async () => {
    const r = await load({
      ...fixture(),
      'tests/fill.test.json': '{ not even json',
      // types/ holds templates now (template.test.ts); other folders stay ignored.
      'docs/Pump.json': '{}',
      'screens/notes.md': '# notes',
      'screens/.hidden.json': 'garbage',
      'programs/legacy.st': 'PROGRAM legacy END_PROGRAM',
      'programs/other.json': '{}',
    })
    expect(r.app).not.toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['E_UNSUPPORTED', 'warning', 'programs/other.json'],
    ])
    expect(r.app!.stPrograms).toEqual([{ name: 'legacy', file: 'programs/legacy.st' }])
  })
})

describe('loadApp: reading and JSON', () => {
  it('reports a missing app.json', async () => {
    const { app, list } = await problems((d) => { delete d['app.json'] })
    expect(app).toBeNull()
    expect(only(list)).toMatchObject({ code: 'E_FILE_READ', file: 'app.json' })
  })

  it('reports invalid JSON with line and column', async () => {
    const { raw } = await problems((d) => { d['screens/detail.json'] = '{\n  "format": 1,\n  "name": "detail",\n}' })
    expect(only(raw)).toMatchObject({ code: 'E_FILE_JSON', file: 'screens/detail.json', line: 4, column: 1 })
  })

  it.each([
    ['', /empty/, 1, 1],
    ['{"a": 1', /end of file/, 1, 8],
    ['{"a": 1} x', /end of file after/, 1, 10],
    ["{'a': 1}", /property name/, 1, 2],
    ['{"a": tru}', /expected a value/, 1, 7],
    ['{"a": "x\ty"}', /control character/, 1, 9],
    ['{"a": 01}', /',' or '}'/, 1, 8],
    ['{"a": 1.}', /digits must follow/, 1, 7],
    ['{"a": [1, 2,]}', /expected a value/, 1, 13],
    ['{"a": "\\x"}', /bad escape/, 1, 8],
  ])('JSON error %j', async (text, message, line, column) => {
    const { raw } = await problems((d) => { d['tags/Plant.json'] = text })
    const d = only(raw) as Diagnostic
    expect(d).toMatchObject({ code: 'E_FILE_JSON', file: 'tags/Plant.json', line, column })
    expect(d.message).toMatch(message)
  })

  it('reports duplicate keys, which JSON.parse would silently merge', async () => {
    const { raw } = await problems((d) => { d['screens/detail.json'] = '{"format": 1, "name": "detail", "name": "x"}' })
    expect(only(raw)).toMatchObject({ code: 'E_DUPLICATE', path: '$.name', line: 1, column: 33 })
  })

  it('reports read failures of files and folders without throwing', async () => {
    const base = memorySource(files(fixture()))
    const broken: AppSource = {
      list: (dir) => (dir === 'screens' ? Promise.reject(new Error('EACCES')) : base.list(dir)),
      read: (path) => (path === 'tags/Plant.json' ? (() => { throw 'boom' })() : base.read(path)),
    }
    const r = await loadApp(broken)
    expect(r.app).toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['E_FILE_READ', 'tags/Plant.json'], ['E_FILE_READ', 'screens']])
  })
})

describe('loadApp: format versions', () => {
  it('refuses a newer format, naming the version', async () => {
    const { list } = await problems((d) => { (d['screens/detail.json'] as Doc).format = 2 })
    const d = only(list)
    expect(d).toMatchObject({ code: 'E_FORMAT_VERSION', file: 'screens/detail.json', path: '$.format' })
    expect(d.message).toMatch(/format 2 is newer/)
  })

  it('refuses a missing or malformed format', async () => {
    expect(only((await problems((d) => { delete (d['app.json'] as Doc).format })).list)).toMatchObject({ code: 'E_SCHEMA', file: 'app.json', path: '$.format' })
    expect(only((await problems((d) => { (d['app.json'] as Doc).format = '1' })).list)).toMatchObject({ code: 'E_SCHEMA', path: '$.format' })
    expect(only((await problems((d) => { d['app.json'] = '[1]' })).list)).toMatchObject({ code: 'E_SCHEMA', path: '$' })
  })

  it('migrates an older file step by step and says so', async () => {
    const registry: MigrationRegistry = {
      app: {}, tags: {}, program: {}, template: {}, fbBlock: {},
      screen: { 0: ({ caption, ...rest }) => ({ ...rest, title: caption }) },
    }
    const docs = fixture()
    const detail = docs['screens/detail.json']!
    delete detail.title
    Object.assign(detail, { format: 0, caption: 'Old detail' })
    const r = await load(docs, { migrations: registry })
    expect(r.diagnostics).toEqual([])
    expect(r.migrated).toEqual(['screens/detail.json'])
    expect(r.app?.screens.find((s) => s.name === 'detail')).toMatchObject({ format: 1, title: 'Old detail' })
    // Without the step, the old file is refused.
    const plain = await load(docs)
    expect(only(plain.diagnostics)).toMatchObject({ code: 'E_FORMAT_VERSION', file: 'screens/detail.json' })
  })
})

describe('loadApp: schema errors carry file and JSON path', () => {
  it('points at a nested field, with line and column', async () => {
    const { raw } = await problems((d) => { (d['tags/Tank1.json'] as Doc).tags[2].range.min = 'low' })
    expect(only(raw)).toMatchObject({
      code: 'E_SCHEMA', file: 'tags/Tank1.json', path: '$.tags[2].range.min', message: 'expected number, found string', line: 34, column: 9,
    })
  })

  it('names unknown properties and missing ones', async () => {
    const { list } = await problems((d) => {
      const w = (d['screens/overview.json'] as Doc).widgets[0]
      w.colour = 'red'
      delete w.x
    })
    expect(list.filter((d) => d.severity === 'error')).toEqual([
      { code: 'E_SCHEMA', severity: 'error', file: 'screens/overview.json', path: '$.widgets[0].x', message: 'missing required property (expected number)' },
      { code: 'E_SCHEMA', severity: 'error', file: 'screens/overview.json', path: '$.widgets[0].colour', message: 'unknown property "colour"' },
    ])
  })

  it('explains unions and enumerations', async () => {
    const { list } = await problems((d) => {
      const s = d['screens/overview.json'] as Doc
      s.title = 42
      s.widgets[0].bindings.value = { tag: 5 }
      s.widgets[2].events.click[0].action = 'explode'
      s.widgets[1].type = 'gauge'
    })
    expect(list.map((d) => [d.path, d.message])).toEqual([
      ['$.title', 'expected string or object, found number'],
      ['$.widgets[0].bindings.value.tag', 'expected string, found number'],
      ['$.widgets[1].type', expect.stringMatching(/^must be one of "label", "numeric", /)],
      ['$.widgets[2].events.click[0].action', 'must be one of "write", "toggle", "openScreen", "openPopup", "closePopup"'],
    ])
  })

  it('quotes the offending text of a pattern', async () => {
    const { list } = await problems((d) => { (d['app.json'] as Doc).id = 'Tank Demo' })
    expect(only(list)).toMatchObject({ path: '$.id', message: '"Tank Demo": lower-case letters, digits and -' })
  })

  it('caps the number of diagnostics per file', async () => {
    const { list } = await problems((d) => {
      (d['tags/Plant.json'] as Doc).tags = Array.from({ length: 30 }, (_, i) => ({ name: `T${i}`, dataType: 'WORD', source: { kind: 'memory' } }))
    }, { limits: { maxDiagnosticsPerFile: 10 } })
    expect(list).toHaveLength(11)
    expect(list[10]).toMatchObject({ code: 'E_LIMIT', message: '20 more problems not shown' })
  })
})

describe('loadApp: hostile content is refused with a code', () => {
  it.each([
    ['{"__proto__": {"polluted": true}}', 'E_SCHEMA', '$.__proto__'],
    ['{"format": 1, "a": {"constructor": 1}}', 'E_SCHEMA', '$.a.constructor'],
    ['{"format": 1, "x": {"__pro\\u0074o__": 1}}', 'E_SCHEMA', '$.x.__proto__'],
    ['['.repeat(100) + ']'.repeat(100), 'E_LIMIT', '$' + '[0]'.repeat(64)],
    ['['.repeat(500_000), 'E_LIMIT', '$' + '[0]'.repeat(64)],
  ])('%#', async (text, code, path) => {
    const { list } = await problems((d) => { d['screens/detail.json'] = text })
    expect(only(list)).toMatchObject({ code, file: 'screens/detail.json', path })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses huge arrays, files and folders by limit', async () => {
    const bigArray = (await problems((d) => { d['screens/detail.json'] = `[${'0,'.repeat(99)}0]` }, { limits: { maxArrayLength: 50 } })).raw
    expect(only(bigArray)).toMatchObject({ code: 'E_LIMIT', path: '$', line: 1, column: 102 })
    const bigFile = (await problems(() => {}, { limits: { maxFileChars: 100 } })).list
    expect(bigFile.every((d) => d.code === 'E_LIMIT')).toBe(true)
    const many = (await problems((d) => { for (let i = 0; i < 20; i++) d[`screens/s${i}.json`] = '{}' }, { limits: { maxFilesPerFolder: 10 } })).list
    expect(only(many)).toMatchObject({ code: 'E_LIMIT', file: 'screens' })
    const total = (await problems(() => {}, { limits: { maxTotalChars: 1500 } })).list
    expect(total.some((d) => d.code === 'E_LIMIT' && /in all/.test(d.message))).toBe(true)
  })
})
