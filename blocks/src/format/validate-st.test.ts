import { describe, expect, it } from 'vitest'
import { loadApp } from './loader.js'
import { fixture, source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'

const FB = `(* shared blocks *)
FUNCTION_BLOCK Latch
VAR_INPUT s : BOOL; r : BOOL; END_VAR
VAR_OUTPUT q : BOOL; END_VAR
q := (q OR s) AND NOT r;
END_FUNCTION_BLOCK
`

const MAIN = `PROGRAM fill_st
VAR_INPUT level : REAL; sp : REAL; END_VAR
VAR_OUTPUT pump : BOOL; count : DINT; hist : ARRAY[1..2] OF REAL; END_VAR
VAR latch : Latch; inner : INT; END_VAR
latch(s := level < sp, r := level >= sp);
pump := latch.q;
count := count + 1;
inner := 0;
END_PROGRAM
`

/** The fixture with ST files and a task running the ST program with `bindings`. */
function withSt(bindings: Record<string, Record<string, string>> | undefined, st: Record<string, string> = { 'programs/blocks.st': FB, 'programs/main.st': MAIN }): Record<string, Doc | string> {
  const docs: Record<string, Doc | string> = { ...fixture(), ...st }
  const app = docs['app.json'] as Doc
  app.tasks = [{ name: 'main', periodMs: 100, programs: ['fill', 'fill_st'], ...(bindings ? { bindings } : {}) }]
  return docs
}

const GOOD = { fill_st: { level: 'Area1/Tank1/Level', sp: 'Area1/Tank1/Setpoint', pump: 'Area1/Tank1/Pump' } }

async function errors(docs: Record<string, Doc | string>) {
  const r = await loadApp(source(docs))
  return r.diagnostics.filter((d) => d.severity === 'error').map(({ code, file, path, line, column, message }) => ({ code, file, path, line, column, message }))
}

describe('loadApp: Structured Text programs', () => {
  it('compiles all .st files as one unit: a FUNCTION_BLOCK of one file is used in another', async () => {
    const r = await loadApp(source(withSt(GOOD)))
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(r.app!.stPrograms).toEqual([{ name: 'fill_st', file: 'programs/main.st' }])
    expect(r.app!.stFiles!.map((f) => f.file)).toEqual(['programs/blocks.st', 'programs/main.st'])
    expect(r.st?.ok).toBe(true)
    expect(r.app!.manifest.tasks[0]!.bindings).toEqual(GOOD)
  })

  it('reports compiler errors at the file, line and column where they are, with E_ST_* codes', async () => {
    const broken = MAIN.replace('count := count + 1;', 'count := count + nope;')
    const list = await errors(withSt(GOOD, { 'programs/blocks.st': FB, 'programs/main.st': broken }))
    expect(list).toEqual([expect.objectContaining({ code: 'E_ST_UNDECLARED', file: 'programs/main.st', line: 7, column: 18 })])
  })

  it('reports an error in the first file at its own position', async () => {
    const list = await errors(withSt(GOOD, { 'programs/blocks.st': FB.replace('q := (q OR s)', 'q := (q OR 5)'), 'programs/main.st': MAIN }))
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ code: 'E_ST_TYPE', file: 'programs/blocks.st', line: 5 })
  })

  it('refuses a task program that is neither FBD nor an ST PROGRAM, and an ST PROGRAM named like an FBD program', async () => {
    const docs = withSt(undefined, { 'programs/main.st': `${FB}${MAIN}PROGRAM fill\nEND_PROGRAM\n` })
    ;(docs['app.json'] as Doc).tasks[0].programs.push('ghost')
    const list = await errors(docs)
    expect(list).toEqual([
      expect.objectContaining({ code: 'E_DUPLICATE', file: 'programs/main.st', line: 16, column: 9 }),
      expect.objectContaining({ code: 'E_REFERENCE', file: 'app.json', path: '$.tasks[0].programs[2]', message: 'program "ghost" does not exist (no programs/ghost.fbd.json, no PROGRAM ghost in programs/*.st)' }),
    ])
  })

  it('does not pile unknown-program errors onto a unit with syntax errors', async () => {
    const list = await errors(withSt(undefined, { 'programs/main.st': 'PROGRAM fill_st VAR x : INT END_VAR END_PROGRAM' }))
    expect(list.map((d) => d.code)).toEqual(['E_ST_SYNTAX'])
  })

  it('refuses Structured Text larger than the limit', async () => {
    const r = await loadApp(source(withSt(undefined)), { limits: { maxStChars: 100 } })
    expect(r.app).toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['E_LIMIT', 'programs/blocks.st']])
  })
})

describe('loadApp: task bindings of ST programs', () => {
  it('reports each bad binding in app.json with its JSON path, line and column', async () => {
    const docs = withSt({
      fill_st: {
        level: 'Area1/Tank1/Nope',        // unknown tag
        sp: 'Area1/Tank1/Pump',           // REAL <- BOOL
        pump: 'Area1/Tank1/Full',         // output to an expression tag
        inner: 'Area1/Tank1/Setpoint',    // a VAR, not an input or output
        latch: 'Area1/Tank1/Pump',        // a VAR
        hist: 'Area1/Tank1/Setpoint',     // an array
        'hist[3]': 'Area1/Tank1/Setpoint', // out of its bounds
        'hist[2]': 'Area1/Tank1/Setpoint', // fine
        ghost: 'Area1/Tank1/Pump',        // no such variable
        count: 'Plant/Name',              // DINT -> STRING
      },
    })
    const list = await errors(docs)
    const at = (key: string) => list.find((d) => d.path === `$.tasks[0].bindings.fill_st.${key}`)
    expect(at('level')).toMatchObject({ code: 'E_REFERENCE', file: 'app.json', message: 'tag Area1/Tank1/Nope does not exist' })
    expect(at('sp')).toMatchObject({ code: 'E_TYPE_MISMATCH', message: 'fill_st.sp is REAL but tag Area1/Tank1/Pump is BOOL' })
    expect(at('pump')).toMatchObject({ code: 'E_NOT_WRITABLE' })
    expect(at('inner')?.message).toMatch(/declared in VAR; only VAR_INPUT, VAR_OUTPUT and VAR_IN_OUT/)
    expect(at('latch')?.message).toMatch(/declared in VAR;/)
    expect(at('hist')?.message).toBe('fill_st.hist is ARRAY[1..2] OF REAL; bind its elements or members (hist[i], hist.member)')
    expect(list.find((d) => d.path === '$.tasks[0].bindings.fill_st["hist[3]"]')?.message).toBe('fill_st.hist has no element or member hist[3]')
    expect(at('ghost')).toMatchObject({ code: 'E_REFERENCE', message: 'PROGRAM fill_st has no variable ghost' })
    expect(at('count')).toMatchObject({ code: 'E_TYPE_MISMATCH' })
    expect(list).toHaveLength(9)
    for (const d of list) expect(d.line).toBeGreaterThan(1)
  })

  it('refuses bindings of a program the task does not run, of an FBD program, and malformed variable names', async () => {
    const list = await errors(withSt({ other: { x: 'Plant/Name' }, fill: { x: 'Plant/Name' }, fill_st: { 'a b': 'Plant/Name' } }))
    expect(list.map((d) => [d.code, d.path])).toEqual([
      ['E_SCHEMA', '$.tasks[0].bindings.fill_st["a b"]'],
    ])
    const list2 = await errors(withSt({ other: { x: 'Plant/Name' }, fill: { x: 'Plant/Name' } }))
    expect(list2.map((d) => [d.code, d.path])).toEqual([
      ['E_REFERENCE', '$.tasks[0].bindings.other'],
      ['E_REFERENCE', '$.tasks[0].bindings.fill'],
    ])
  })

  it('matches variable names case-insensitively and warns when a tag has another writer', async () => {
    const r = await loadApp(source(withSt({ FILL_ST: { LEVEL: 'Area1/Tank1/Level', Pump: 'Area1/Tank1/Pump' } })))
    expect(r.app).not.toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['E_FB_MULTIPLE_DRIVERS', 'warning', '$.tasks[0].bindings.FILL_ST.Pump'],
    ])
  })
})
