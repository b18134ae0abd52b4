import { describe, expect, it } from 'vitest'
import type { CaseResult } from '@takt/blocks'
import { gateDoc } from '../st/fixtures'
import { setStSource } from '../st/commands'
import { createTestFile, deleteTestFile, setTestFile, testNames } from './commands'
import { checkTestText, syntaxErrorOffset } from './json'
import { caseRows, draftFiles, fileTotals, runDraftTests, summaryLine } from './run'

describe('running the draft\'s tests in the browser', () => {
  it('runs every case against the draft, ST included, as `takt test` does', async () => {
    const d = gateDoc()
    const run = await runDraftTests(draftFiles(d))
    expect(run.loadProblems).toEqual([])
    expect(run.results.map((r) => [r.name, r.passed])).toEqual([['opens after 300 ms of high level', true], ['too early', false]])
    expect(summaryLine(run)).toBe('1 passed, 1 failed')
    const rows = caseRows(run.results)
    expect(rows[0]!.line).toBe('PASS tests/gate.test.json › opens after 300 ms of high level (6 scans, 0.5 s virtual)')
    expect(rows[1]!.line).toMatch(/^FAIL tests\/gate.test.json › too early/)
    expect(rows[1]!.failures).toEqual([
      { at: '100 ms', what: 'Plant/Level', expected: '{"value":9,"tolerance":0.5}', actual: '10' },
      { at: '100 ms', what: 'Plant/Open', expected: 'true', actual: 'false' },
    ])
    expect(fileTotals(run.results).get('tests/gate.test.json')).toEqual({ passed: 1, failed: 1 })
  })

  it('uses unsaved edits, and a draft that does not load is one failure with its problems', async () => {
    const d = gateDoc()
    d.dispatch(setStSource, { path: 'programs/gate.st', source: 'PROGRAM gate\nx := ;\nEND_PROGRAM\n' })
    const run = await runDraftTests(draftFiles(d))
    expect(run.results).toEqual([])
    expect(summaryLine(run)).toBe('0 passed, 1 failed')
    expect(run.loadProblems.some((p) => p.code === 'E_ST_SYNTAX' && p.file === 'programs/gate.st' && p.line === 2)).toBe(true)
  })

  it('runs one file, and counts a test file the schema refuses as a failure', async () => {
    const d = gateDoc()
    expect(d.dispatch(createTestFile, { name: 'empty' }).ok).toBe(true)
    expect(testNames(d)).toEqual(['empty', 'gate'])
    const one = await runDraftTests(draftFiles(d), 'tests/empty.test.json')
    expect(one.results.map((r) => r.name)).toEqual(['first case'])
    expect(summaryLine(one)).toBe('1 passed, 0 failed')
    d.dispatch(setTestFile, { path: 'tests/empty.test.json', content: { format: 1, name: 'empty', cases: [] } })
    const all = await runDraftTests(draftFiles(d))
    expect(all.testProblems[0]).toMatchObject({ code: 'E_SCHEMA', file: 'tests/empty.test.json' })
    expect(summaryLine(all)).toBe('1 passed, 2 failed')
    expect(d.dispatch(deleteTestFile, { name: 'empty' }).ok).toBe(true)
    expect(testNames(d)).toEqual(['gate'])
  })
})

describe('result mapping', () => {
  it('maps failures to readable cells and totals per file', () => {
    const r: CaseResult[] = [
      { file: 'tests/a.test.json', name: 'x', passed: false, scans: 3, virtualMs: 300, failures: [{ at: 200, what: 'alarm T/L:HI', expected: 'active', actual: 'no such alarm' }] },
      { file: 'tests/b.test.json', name: 'y', passed: true, scans: 1, virtualMs: 0, failures: [] },
    ]
    expect(caseRows(r)[0]!.failures).toEqual([{ at: '200 ms', what: 'alarm T/L:HI', expected: 'active', actual: 'no such alarm' }])
    expect(caseRows(r)[0]!.line).toBe('FAIL tests/a.test.json › x (3 scans, 0.3 s virtual)')
    expect([...fileTotals(r)]).toEqual([['tests/a.test.json', { passed: 0, failed: 1 }], ['tests/b.test.json', { passed: 1, failed: 0 }]])
  })
})

describe('test file text', () => {
  it('marks JSON syntax errors and schema problems where they are', () => {
    const bad = checkTestText('{\n  "format": 1,\n  "name": "x",\n  "cases": [\n}')
    expect(bad.value).toBeUndefined()
    expect(bad.markers[0]).toMatchObject({ code: 'E_FILE_JSON', startLineNumber: 5 })
    const schema = checkTestText('{\n  "format": 1,\n  "name": "x",\n  "cases": [{ "name": "c", "steps": [{ "at": -1 }] }]\n}')
    expect(schema.value).toBeDefined()
    expect(schema.markers).toHaveLength(1)
    expect(schema.markers[0]).toMatchObject({ code: 'E_SCHEMA', startLineNumber: 4 })
    expect(schema.markers[0]!.message).toMatch(/^cases\.0\.steps\.0\.at:/)
    expect(syntaxErrorOffset('{"a": [1, 2,, 3]}')).toBe(12)
    expect(syntaxErrorOffset('{"a": {"b": tru}}')).toBe(12)
    expect(syntaxErrorOffset('[1, 2] x')).toBe(7)
    expect(checkTestText('{"format":1,"name":"x","cases":[{"name":"c","steps":[{"at":0}]}]}').markers).toEqual([])
  })
})
