import { describe, expect, it } from 'vitest'
import { compileNetwork } from '../engine/compile.js'
import { defaultLibrary } from '../library/index.js'
import { accumulator, build, fb, fbIn, fbOut, latchDelay, tagIn } from './__tests__/fb-fixture.js'
import { compileFbBody, libraryWithUserBlocks, userBlocksFromFbd } from './fbd-blocks-build.js'
import { loadApp, memorySource } from './loader.js'
import { compileStFiles } from './st-unit.js'
import { FB_IN, FB_OUT, type FbdBlockFile } from './fbd-blocks.js'

const where = (ds: readonly { code: string; path?: string | undefined; file?: string | undefined }[]) => ds.map((d) => [d.code, d.file, d.path])

describe('function block files: diagnostics', () => {
  it('names each problem of the interface and the network with file, JSON path and code', () => {
    const bad = fb('BAD', {
      inputs: [{ name: 'A', type: 'BOOL', default: 3 }, { name: 'N', type: 'INT' }],
      outputs: [{ name: 'A', type: 'BOOL' }],
    }, [], [])
    const worse = fb('WORSE', { inputs: [{ name: 'A', type: 'BOOL' }], outputs: [{ name: 'Q', type: 'BOOL' }] }, [
      fbIn('a', 'NOPE'), fbIn('b', 'Q'), tagIn('t', 'Some/Tag'), fbOut('q', 'Q'), fbOut('q2', 'Q'), fbOut('x', 'A'), { id: 'n', type: 'NOT' },
    ], [['n.OUT', 'q.IN']])
    const r = build([bad, worse])
    expect(where(r.diagnostics)).toEqual([
      ['E_FB_TYPE_MISMATCH', 'blocks/BAD.fb.json', '$.interface.inputs[0].default'],
      ['E_DUPLICATE', 'blocks/BAD.fb.json', '$.interface.outputs[0].name'],
      ['E_FB_UNKNOWN_PIN', 'blocks/WORSE.fb.json', '$.blocks[0].params.pin'],
      ['E_FB_UNKNOWN_PIN', 'blocks/WORSE.fb.json', '$.blocks[1].params.pin'],
      ['E_FB_NOT_ALLOWED', 'blocks/WORSE.fb.json', '$.blocks[2].type'],
      ['E_FB_MULTIPLE_DRIVERS', 'blocks/WORSE.fb.json', '$.blocks[4].params.pin'],
      ['E_FB_UNKNOWN_PIN', 'blocks/WORSE.fb.json', '$.blocks[5].params.pin'],
    ])
    expect(r.diagnostics[3]!.message).toBe('Q is an output of the function block; FB_IN reads an input')
    expect(r.diagnostics[6]!.message).toBe('A is an input of the function block; FB_OUT writes an output')
    // BAD's interface is unusable: not defined. WORSE is defined but broken: programs see its pins, and say so.
    expect(r.defs.map((d) => [d.type, d.network === null])).toEqual([['WORSE', true]])
    const p = compileNetwork({ format: 1, name: 'p', blocks: [{ id: 'w', type: 'WORSE' }, { id: 'b', type: 'BAD' }], wires: [] }, r.library)
    expect(p.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['E_REFERENCE', '$.blocks[0].type', 'function block WORSE has errors; fix its definition first'],
      ['E_FB_UNKNOWN_BLOCK', '$.blocks[1].type', "unknown block type 'BAD'"],
    ])
  })

  it('refuses names taken by a library block, a Structured Text FUNCTION_BLOCK, another file, or not matching the file', () => {
    const st = compileStFiles([{ file: 'programs/fbs.st', source: 'FUNCTION_BLOCK Hyst\nVAR_INPUT x : REAL; END_VAR\nEND_FUNCTION_BLOCK\n' }])
    const base = defaultLibrary.with(...libraryWithUserBlocks(st, undefined).list().filter((d) => d.family === 'user'))
    const files = [
      { file: 'blocks/TON.fb.json', value: fb('TON', {}, [], []) },
      { file: 'blocks/HYST.fb.json', value: fb('HYST', {}, [], []) },
      { file: 'blocks/FB_IN.fb.json', value: fb('FB_IN', {}, [], []) },
      { file: 'blocks/ACC.fb.json', value: accumulator() },
      { file: 'blocks/ACC2.fb.json', value: accumulator() },
    ]
    const r = userBlocksFromFbd(files, base)
    expect(r.diagnostics.map((d) => [d.code, d.file, d.path, d.message])).toEqual([
      ['E_DUPLICATE', 'blocks/TON.fb.json', '$.name', 'TON is already a library block; choose another name'],
      ['E_DUPLICATE', 'blocks/HYST.fb.json', '$.name', 'HYST is already a Structured Text FUNCTION_BLOCK; choose another name'],
      ['E_DUPLICATE', 'blocks/FB_IN.fb.json', '$.name', 'FB_IN is a reserved block type'],
      ['E_SCHEMA', 'blocks/ACC2.fb.json', '$.name', 'function block name "ACC" must match the file name "ACC2"'],
      ['E_DUPLICATE', 'blocks/ACC2.fb.json', '$.name', 'function block ACC is already defined in blocks/ACC.fb.json'],
    ])
    expect(r.defs.map((d) => d.type)).toEqual(['ACC'])
  })

  it('refuses function blocks that use themselves, directly or in a circle', () => {
    const uses = (name: string, other: string): FbdBlockFile => fb(name, { outputs: [{ name: 'Q', type: 'BOOL' }] },
      [{ id: 'x', type: 'NOT' }, { id: 'o', type: other }, fbOut('q', 'Q')], [['o.Q', 'q.IN']])
    const r = build([uses('A', 'B'), uses('B', 'A'), uses('SELF', 'SELF'), uses('USER', 'A'), latchDelay()])
    expect(r.diagnostics.map((d) => [d.code, d.file, d.path, d.message])).toEqual([
      ['E_FB_RECURSION', 'blocks/A.fb.json', '$.blocks[1].type', 'function block A uses itself through A -> B -> A'],
      ['E_FB_RECURSION', 'blocks/B.fb.json', '$.blocks[1].type', 'function block B uses itself through B -> A -> B'],
      ['E_REFERENCE', 'blocks/USER.fb.json', '$.blocks[1].type', 'function block A has errors; fix its definition first'],
      ['E_FB_RECURSION', 'blocks/SELF.fb.json', '$.blocks[1].type', 'function block SELF uses itself'],
    ])
    expect(r.defs.map((d) => [d.type, d.network === null])).toEqual([['A', true], ['B', true], ['SELF', true], ['USER', true], ['LATCH_DELAY', false]])
  })

  it('compiles one function block for the editor, FB_IN and FB_OUT included, and finds direct recursion', () => {
    const ok = compileFbBody(latchDelay(), defaultLibrary)
    expect(ok.diagnostics).toEqual([])
    expect(ok.plan?.order).toEqual(expect.arrayContaining(['s', 'rs', 't', 'q']))
    const outer = fb('OUTER', { inputs: [{ name: 'GO', type: 'BOOL' }] }, [fbIn('go', 'GO'), { id: 'ld', type: 'LATCH_DELAY' }], [['go.OUT', 'ld.SET']])
    const nested = compileFbBody(outer, build([latchDelay()]).library)
    expect(nested.plan?.pinSignal('ld', 'SET')).toBe(nested.plan?.pinSignal('go', 'OUT'))
    expect(nested.plan?.order).toContain('ld/t')
    const self = compileFbBody(fb('ME', {}, [{ id: 'me', type: 'ME' }], []), build([fb('ME', {}, [], [])]).library)
    expect(self.plan).toBeNull()
    expect(where(self.diagnostics)).toEqual([['E_FB_RECURSION', 'blocks/ME.fb.json', '$.blocks[0].type']])
  })

  it('refuses FB_IN and FB_OUT in a program', () => {
    const program = { format: 1 as const, name: 'p', blocks: [fbIn('i', 'X'), fbOut('o', 'Y')], wires: [] }
    expect(where(compileNetwork(program).diagnostics)).toEqual([
      ['E_FB_UNKNOWN_BLOCK', undefined, '$.blocks[0].type'], ['E_FB_UNKNOWN_BLOCK', undefined, '$.blocks[1].type'],
    ])
    expect(where(compileNetwork(program, defaultLibrary.with(FB_IN, FB_OUT)).diagnostics)).toEqual([
      ['E_FB_NOT_ALLOWED', undefined, '$.blocks[0].type'], ['E_FB_NOT_ALLOWED', undefined, '$.blocks[1].type'],
    ])
  })
})

describe('loading an APP with function blocks', () => {
  const files = (extra: Record<string, unknown> = {}): Record<string, string> => {
    const docs: Record<string, unknown> = {
      'app.json': { format: 1, id: 'fb', name: 'FB', version: '1.0.0', entryScreen: 'main', tasks: [{ name: 't', periodMs: 100, programs: ['p'] }] },
      'tags/Io.json': { format: 1, folder: 'Io', tags: [{ name: 'N', dataType: 'INT', source: { kind: 'memory' } }] },
      'programs/p.fbd.json': {
        format: 1, name: 'p',
        blocks: [{ id: 'acc', type: 'ACC', inputs: { STEP: 2 } }, { id: 'n', type: 'TAG_OUT', params: { tag: 'Io/N' } }],
        wires: [{ from: 'acc.N', to: 'n.IN' }],
      },
      'blocks/ACC.fb.json': accumulator(),
      'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
      ...extra,
    }
    return Object.fromEntries(Object.entries(docs).map(([k, v]) => [k, JSON.stringify(v)]))
  }

  it('hands the function blocks to the program check and keeps them in the loaded APP', async () => {
    const seen: string[] = []
    const r = await loadApp(memorySource(files()), {
      programCheck: (program, _file, library) => {
        seen.push(...(library ? [library.get('ACC')?.family ?? 'none'] : ['no library']))
        return compileNetwork(program, library).diagnostics
      },
    })
    expect(r.diagnostics).toEqual([])
    expect(seen).toEqual(['user'])
    expect(r.app?.fbBlocks?.map((b) => b.name)).toEqual(['ACC'])
    const plan = compileNetwork(r.app!.programs[0]!, libraryWithUserBlocks(null, r.app!.fbBlocks)).plan
    expect(plan?.order).toContain('acc/add')
  })

  it('reports schema problems of a function block file with its JSON path', async () => {
    const broken = { ...accumulator(), interface: { inputs: [{ name: 'STEP', type: 'STRING' }], outputs: [{ name: 'N', type: 'INT' }] } }
    const r = await loadApp(memorySource(files({ 'blocks/ACC.fb.json': broken, 'blocks/readme.json': {} })), {
      programCheck: (program, _file, library) => compileNetwork(program, library).diagnostics,
    })
    expect(r.app).toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.path, d.line])).toEqual([
      ['E_SCHEMA', 'error', 'blocks/ACC.fb.json', '$.interface.inputs[0].type', 1],
      ['E_UNSUPPORTED', 'warning', 'blocks/readme.json', undefined, undefined],
      ['E_FB_UNKNOWN_BLOCK', 'error', 'programs/p.fbd.json', '$.blocks[0].type', 1],
    ])
  })
})
