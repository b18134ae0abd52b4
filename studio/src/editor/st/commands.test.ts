import { describe, expect, it } from 'vitest'
import type { AppManifest } from '@takt/blocks'
import { Burst } from './burst'
import { assignStTask, createStFile, deleteStFile, programTask, setStBinding, setStSource } from './commands'
import { GATE_ST, gateDoc, manifest } from './fixtures'
import { programBindings } from './bindings'
import { draftStUnit, filePous, stMarkers, stPaths } from './unit'
import { tagFileTags } from '@takt/blocks'
import type { TagFile } from '@takt/blocks'

const app = (d: ReturnType<typeof gateDoc>) => d.get<AppManifest>('app.json')!

describe('ST source and typing bursts', () => {
  it('stores the source; one burst of typing is one undo step', () => {
    const d = gateDoc()
    let now = 0
    const burst = new Burst('st:gate', 1000, () => now)
    for (const s of ['a', 'ab', 'abc']) {
      now += 100
      expect(d.dispatch(setStSource, { path: 'programs/gate.st', source: GATE_ST + s }, { group: burst.group() }).ok).toBe(true)
    }
    now += 5000
    d.dispatch(setStSource, { path: 'programs/gate.st', source: `${GATE_ST}abc!` }, { group: burst.group() })
    expect(d.get('programs/gate.st')).toBe(`${GATE_ST}abc!`)
    d.undo()
    expect(d.get('programs/gate.st')).toBe(`${GATE_ST}abc`)
    d.undo()
    expect(d.get('programs/gate.st')).toBe(GATE_ST)
    expect(d.dispatch(setStSource, { path: 'programs/none.st', source: '' })).toMatchObject({ ok: false })
  })
})

describe('ST task bindings', () => {
  it('binds, rebinds (keeping the key\'s spelling) and unbinds back to the original file', () => {
    const d = gateDoc()
    const original = app(d)
    expect(d.dispatch(setStBinding, { program: 'GATE', variable: 'LEVEL', tag: 'Plant/Label' }).ok).toBe(true)
    expect(app(d).tasks[0]!.bindings).toEqual({ gate: { level: 'Plant/Label', open: 'Plant/Open' } })
    d.dispatch(setStBinding, { program: 'gate', variable: 'level', tag: null })
    d.dispatch(setStBinding, { program: 'gate', variable: 'open', tag: null })
    expect(app(d).tasks[0]).toEqual({ name: 'control', periodMs: 100, programs: ['gate'] })
    d.dispatch(setStBinding, { program: 'gate', variable: 'level', tag: 'Plant/Level' })
    expect(app(d).tasks[0]!.bindings).toEqual({ gate: { level: 'Plant/Level' } })
    d.undo(); d.undo(); d.undo(); d.undo()
    expect(app(d)).toBe(original)
  })

  it('refuses to bind a PROGRAM no task runs; assigning a task makes it bindable', () => {
    const d = gateDoc()
    d.applyExternal({ 'app.json': { ...manifest(false), tasks: [{ name: 'control', periodMs: 100, programs: ['other'] }] } })
    expect(d.dispatch(setStBinding, { program: 'gate', variable: 'level', tag: 'Plant/Level' })).toMatchObject({ ok: false })
    expect(d.dispatch(assignStTask, { program: 'gate', task: 'nope' })).toMatchObject({ ok: false })
    expect(d.dispatch(assignStTask, { program: 'gate', task: 'control' }).ok).toBe(true)
    expect(app(d).tasks[0]!.programs).toEqual(['other', 'gate'])
    expect(d.dispatch(assignStTask, { program: 'gate', task: 'control' })).toMatchObject({ ok: false })
    expect(d.dispatch(setStBinding, { program: 'gate', variable: 'level', tag: 'Plant/Level' }).ok).toBe(true)
    expect(programTask(app(d), 'GATE')?.bindings).toEqual({ level: 'Plant/Level' })
  })

  it('shows each interface variable with its tag and whether they fit', () => {
    const d = gateDoc()
    d.dispatch(setStBinding, { program: 'gate', variable: 'open', tag: 'Plant/Level' })
    const tags = new Map(tagFileTags(d.get<TagFile>('tags/Plant.json')!, () => undefined).map((t) => [t.path, t]))
    const pou = filePous(draftStUnit(d), 'programs/gate.st')[0]!.pou
    expect(programBindings(pou, app(d), (p) => tags.get(p))).toEqual({
      task: { name: 'control', periodMs: 100 },
      rows: [
        { variable: 'level', type: 'REAL', direction: 'in', tag: 'Plant/Level', problem: null },
        { variable: 'open', type: 'BOOL', direction: 'out', tag: 'Plant/Level', problem: 'BOOL variable, REAL tag' },
      ],
    })
  })
})

describe('ST files', () => {
  it('creates a file with a PROGRAM of its name, and deleting it takes the PROGRAM out of its task', () => {
    const d = gateDoc()
    expect(d.dispatch(createStFile, { name: 'bad-name' })).toMatchObject({ ok: false })
    expect(d.dispatch(createStFile, { name: 'gate' })).toMatchObject({ ok: false })
    expect(d.dispatch(createStFile, { name: 'mixer' }).ok).toBe(true)
    expect(stPaths(d)).toEqual(['programs/gate.st', 'programs/lib.st', 'programs/mixer.st'])
    expect(draftStUnit(d).programs.has('MIXER')).toBe(true)
    expect(draftStUnit(d).diagnostics.filter((x) => x.severity === 'error')).toEqual([])
    expect(d.dispatch(deleteStFile, { name: 'gate' }).ok).toBe(true)
    expect(d.get('programs/gate.st')).toBeUndefined()
    // The only task ran only gate: it stays, empty, and gate's bindings go.
    expect(app(d).tasks).toEqual([{ name: 'control', periodMs: 100, programs: [] }])
  })
})

describe('ST markers', () => {
  it('puts the unit\'s diagnostics on their file with the exact range and code', () => {
    const d = gateDoc()
    d.dispatch(setStSource, { path: 'programs/lib.st', source: 'FUNCTION_BLOCK Latch\nVAR_INPUT s : BOOL; END_VAR\nq := s;\nEND_FUNCTION_BLOCK\n' })
    const unit = draftStUnit(d)
    const lib = stMarkers(unit.diagnostics, 'programs/lib.st')
    expect(lib).toContainEqual({ severity: 8, code: 'E_ST_UNDECLARED', message: expect.stringMatching(/q/), startLineNumber: 3, startColumn: 1, endLineNumber: 3, endColumn: 2 })
    // gate.st uses l.q, which no longer exists: reported in gate.st, on gate.st's own line numbers.
    const gate = stMarkers(unit.diagnostics, 'programs/gate.st')
    expect(gate.some((m) => m.startLineNumber === 14 && m.severity === 8)).toBe(true)
  })
})
