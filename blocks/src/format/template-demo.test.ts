import { describe, expect, it } from 'vitest'
import { toBundle } from './bundle.js'
import { loadApp, memorySource } from './loader.js'
import { TestFile } from '../testing/scenario.js'
import { runTestFile } from '../testing/runner.js'

// The shipped demo APP as text, by path relative to its folder.
const raw = import.meta.glob('../../../examples/tank-demo/{app.json,types/*.json,tags/*.json,programs/*.json,programs/*.st,screens/*.json}', { eager: true, query: '?raw', import: 'default' })
const files = Object.fromEntries(Object.entries(raw).map(([p, text]) => [p.replace('../../../examples/tank-demo/', ''), text as string]))
const scenario = import.meta.glob('../../../examples/tank-demo/tests/motor_runcheck.test.json', { eager: true, import: 'default' })

/** tags/Agitator.json as it was before it became an instance of Motor: screens, programs and tests bind these. */
const conn = (point: string) => ({ kind: 'connection', connection: 'plant', address: `ns=1;s=Agitator.${point}` })
const AGITATOR_BEFORE = [
  { name: 'RunCmd', dataType: 'BOOL', source: conn('RunCmd'), description: { en: 'Run command', 'zh-CN': '运行指令' }, access: { write: 'operator', confirm: true } },
  { name: 'Running', dataType: 'BOOL', source: conn('Running'), description: { en: 'Running', 'zh-CN': '运行中' } },
  { name: 'Speed', dataType: 'REAL', source: conn('Speed'), description: { en: 'Speed', 'zh-CN': '转速' }, unit: 'rpm', range: { min: 0, max: 1500 }, deadband: 1, decimals: 0 },
  { name: 'Current', dataType: 'REAL', source: conn('Current'), description: { en: 'Motor current', 'zh-CN': '电机电流' }, unit: 'A', range: { min: 0, max: 30 }, limits: { hi: 20 }, deadband: 0.05, decimals: 1 },
  { name: 'Vibration', dataType: 'REAL', source: conn('Vibration'), description: { en: 'Vibration', 'zh-CN': '振动' }, unit: 'mm/s', range: { min: 0, max: 12 }, limits: { hi: 4.5, hihi: 7.1 }, deadband: 0.02, decimals: 2 },
]
/** Added with the template's RunCheck program: the member it sets. */
const FAULT = {
  name: 'Fault', dataType: 'BOOL', source: { kind: 'memory', initial: false },
  description: { en: 'Run feedback discrepancy (set by the RunCheck program)', 'zh-CN': '运行反馈不一致（由 RunCheck 程序置位）' },
  alarms: [{ name: 'FEEDBACK', kind: 'discrete', state: true, priority: 2, message: { en: 'Agitator: commanded to run, no run feedback', 'zh-CN': 'Agitator：已发运行指令，无运行反馈' } }],
}

describe('tank-demo: the agitator as an instance of the Motor template', () => {
  it('loads without problems and keeps every Agitator tag exactly as before, plus the Fault member', async () => {
    expect(files['types/Motor.json']).toBeDefined()
    const { app, diagnostics } = await loadApp(memorySource(files))
    expect(diagnostics).toEqual([])
    const agitator = app!.tags.filter((t) => t.path.startsWith('Agitator/'))
    expect(agitator.map(({ template, ...t }) => { expect(template).toEqual({ type: 'Motor', instance: 'Agitator' }); return t }))
      .toEqual([...AGITATOR_BEFORE, FAULT].map((t) => ({ ...t, path: `Agitator/${t.name}` })))
  })

  it("gives the agitator its own copy of the template's RunCheck program, run by the first task", async () => {
    const { app } = await loadApp(memorySource(files))
    expect(app!.templatePrograms?.map((p) => [p.task, p.template, p.instance, p.program.name])).toEqual([['control', 'Motor', 'Agitator', 'Agitator/RunCheck']])
    const blocks = app!.templatePrograms![0]!.program.blocks
    expect(blocks.filter((b) => b.type.startsWith('TAG_')).map((b) => b.params?.tag)).toEqual(['Agitator/RunCmd', 'Agitator/Running', 'Agitator/Fault'])
    expect(blocks.find((b) => b.id === 'delay')?.inputs).toEqual({ PT: 5000 })
    // Instance copies are not APP programs: they are not exported to PLCopen nor listed in app.json.
    expect(app!.programs.map((p) => p.name)).not.toContain('Agitator/RunCheck')
  })

  it('runs the copy in the scenario test: a run command without feedback sets Agitator/Fault', async () => {
    const { app } = await loadApp(memorySource(files))
    const tests = TestFile.parse(Object.values(scenario)[0])
    const results = runTestFile(app!, 'tests/motor_runcheck.test.json', tests)
    expect(results.map((r) => r.failures)).toEqual([[]])
  })

  it('ships the Motor faceplate to the viewer', async () => {
    const { app } = await loadApp(memorySource(files))
    expect(toBundle(app!).templates?.map((t) => t.name)).toEqual(['Motor'])
    const detail = app!.screens.find((s) => s.name === 'detail')!
    expect(detail.widgets.find((w) => w.type === 'faceplate')).toMatchObject({ props: { template: 'Motor', instance: 'Agitator' } })
  })
})
