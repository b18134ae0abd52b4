import { describe, expect, it } from 'vitest'
import { loadApp, memorySource } from '../format/loader.js'
import { runTestFile } from './runner.js'
import { TestFile } from './scenario.js'

const ST = `FUNCTION_BLOCK Hold
VAR_INPUT in : BOOL; pt : TIME; END_VAR
VAR_OUTPUT q : BOOL; END_VAR
VAR off : TOF; END_VAR
off(IN := in, PT := pt);
q := off.Q;
END_FUNCTION_BLOCK
`
const MAIN = `PROGRAM pump_ctl
VAR_INPUT level : REAL; divisor : INT; END_VAR
VAR_OUTPUT run : BOOL; ratio : INT; END_VAR
VAR hold : Hold; END_VAR
hold(in := level > 50.0, pt := T#2s);
run := hold.q;
ratio := 100 / divisor;
END_PROGRAM
`

async function app() {
  const tag = (name: string, dataType: string, initial: unknown) => ({ name, dataType, source: { kind: 'memory', initial } })
  const files: Record<string, string> = {
    'app.json': JSON.stringify({
      format: 1, id: 'st-test', name: 'ST test', version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'main', periodMs: 100, programs: ['pump_ctl'], bindings: { pump_ctl: { level: 'P/Level', divisor: 'P/Div', run: 'P/Run', ratio: 'P/Ratio' } } }],
    }),
    'tags/P.json': JSON.stringify({ format: 1, folder: 'P', tags: [tag('Level', 'REAL', 0), tag('Div', 'INT', 1), tag('Run', 'BOOL', false), tag('Ratio', 'INT', 0)] }),
    'screens/main.json': JSON.stringify({ format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] }),
    'programs/blocks.st': ST,
    'programs/main.st': MAIN,
  }
  const r = await loadApp(memorySource(files))
  if (!r.app) throw new Error(JSON.stringify(r.diagnostics))
  return r.app
}

const file = (cases: unknown[]) => TestFile.parse({ format: 1, name: 'st', cases })

describe('runTestFile with Structured Text programs', () => {
  it('runs ST PROGRAMs bound through the task bindings, with FBs from another file, in virtual time', async () => {
    const results = runTestFile(await app(), 'tests/st.test.json', file([{
      name: 'off-delay',
      steps: [
        { at: 0, set: { 'P/Level': 60 } },
        { at: 200, expect: { 'P/Run': true, 'P/Ratio': 100 } },
        { at: 300, set: { 'P/Level': 10, 'P/Div': 3 } },
        { at: 2200, expect: { 'P/Run': true, 'P/Ratio': 33 } },
        { at: 2400, expect: { 'P/Run': false } },
      ],
    }]))
    expect(results.map((r) => [r.name, r.passed, r.failures])).toEqual([['off-delay', true, []]])
  })

  it('fails a case whose program faults, naming the fault with its file and line, and stops that program', async () => {
    const [r] = runTestFile(await app(), 'tests/st.test.json', file([{
      name: 'zero',
      steps: [
        { at: 100, set: { 'P/Div': 0 } },
        { at: 300, set: { 'P/Div': 5 }, expect: { 'P/Ratio': 100 } },
      ],
    }]))
    expect(r!.passed).toBe(false)
    expect(r!.failures).toEqual([
      { at: 100, what: 'program pump_ctl', expected: 'no run-time fault', actual: expect.stringMatching(/^E_ST_DIV_ZERO at programs\/main\.st:7:10: /) },
    ])
  })
})
