import { describe, expect, it } from 'vitest'
import { toBundle } from './bundle.js'
import { loadApp, memorySource } from './loader.js'

// The shipped demo APP as text, by path relative to its folder.
const raw = import.meta.glob('../../../examples/tank-demo/{app.json,types/*.json,tags/*.json,programs/*.json,programs/*.st,screens/*.json}', { eager: true, query: '?raw', import: 'default' })
const files = Object.fromEntries(Object.entries(raw).map(([p, text]) => [p.replace('../../../examples/tank-demo/', ''), text as string]))

/** tags/Agitator.json as it was before it became an instance of Motor: screens, programs and tests bind these. */
const conn = (point: string) => ({ kind: 'connection', connection: 'plant', address: `ns=1;s=Agitator.${point}` })
const AGITATOR_BEFORE = [
  { name: 'RunCmd', dataType: 'BOOL', source: conn('RunCmd'), description: { en: 'Run command', 'zh-CN': '运行指令' }, access: { write: 'operator', confirm: true } },
  { name: 'Running', dataType: 'BOOL', source: conn('Running'), description: { en: 'Running', 'zh-CN': '运行中' } },
  { name: 'Speed', dataType: 'REAL', source: conn('Speed'), description: { en: 'Speed', 'zh-CN': '转速' }, unit: 'rpm', range: { min: 0, max: 1500 }, deadband: 1, decimals: 0 },
  { name: 'Current', dataType: 'REAL', source: conn('Current'), description: { en: 'Motor current', 'zh-CN': '电机电流' }, unit: 'A', range: { min: 0, max: 30 }, limits: { hi: 20 }, deadband: 0.05, decimals: 1 },
  { name: 'Vibration', dataType: 'REAL', source: conn('Vibration'), description: { en: 'Vibration', 'zh-CN': '振动' }, unit: 'mm/s', range: { min: 0, max: 12 }, limits: { hi: 4.5, hihi: 7.1 }, deadband: 0.02, decimals: 2 },
]

describe('tank-demo: the agitator as an instance of the Motor template', () => {
  it('loads without problems and keeps every Agitator tag exactly as before', async () => {
    expect(files['types/Motor.json']).toBeDefined()
    const { app, diagnostics } = await loadApp(memorySource(files))
    expect(diagnostics).toEqual([])
    const agitator = app!.tags.filter((t) => t.path.startsWith('Agitator/'))
    expect(agitator.map(({ template, ...t }) => { expect(template).toEqual({ type: 'Motor', instance: 'Agitator' }); return t }))
      .toEqual(AGITATOR_BEFORE.map((t) => ({ ...t, path: `Agitator/${t.name}` })))
  })

  it('ships the Motor faceplate to the viewer', async () => {
    const { app } = await loadApp(memorySource(files))
    expect(toBundle(app!).templates?.map((t) => t.name)).toEqual(['Motor'])
    const detail = app!.screens.find((s) => s.name === 'detail')!
    expect(detail.widgets.find((w) => w.type === 'faceplate')).toMatchObject({ props: { template: 'Motor', instance: 'Agitator' } })
  })
})
