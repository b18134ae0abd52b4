import { memorySource } from '@takt/blocks'
import { describe, expect, it } from 'vitest'
import { loadAppSource } from '../app/load.js'
import { buildTaskPrograms, type OnlineChangeReport } from './build.js'

/** START latches RUN after PT ms; STOP drops it at once. A function block defined as an FBD network. */
const MOTOR = {
  format: 1, name: 'MOTOR_START', description: { en: 'Delayed motor start', 'zh-CN': '延时启动电机' },
  interface: {
    inputs: [{ name: 'START', type: 'BOOL' }, { name: 'STOP', type: 'BOOL' }, { name: 'PT', type: 'TIME', default: 1000 }],
    outputs: [{ name: 'RUN', type: 'BOOL' }],
  },
  blocks: [
    { id: 'start', type: 'FB_IN', params: { pin: 'START' } }, { id: 'stop', type: 'FB_IN', params: { pin: 'STOP' } },
    { id: 'pt', type: 'FB_IN', params: { pin: 'PT' } }, { id: 'latch', type: 'RS' }, { id: 'delay', type: 'TON' },
    { id: 'run', type: 'FB_OUT', params: { pin: 'RUN' } },
  ],
  wires: [
    { from: 'start.OUT', to: 'latch.S' }, { from: 'stop.OUT', to: 'latch.R1' }, { from: 'latch.Q1', to: 'delay.IN' },
    { from: 'pt.OUT', to: 'delay.PT' }, { from: 'delay.Q', to: 'run.IN' },
  ],
}

function files(fb: unknown = MOTOR): Record<string, string> {
  const tag = (name: string) => ({ name, dataType: 'BOOL', source: { kind: 'memory' } })
  const docs: Record<string, unknown> = {
    'app.json': {
      format: 1, id: 'fbd', name: 'FBD blocks', version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'main', periodMs: 100, programs: ['motors'] }],
    },
    'tags/Io.json': { format: 1, folder: 'Io', tags: [tag('Start'), tag('Stop'), tag('Run1'), tag('Run2')] },
    'programs/motors.fbd.json': {
      format: 1, name: 'motors',
      blocks: [
        { id: 'start', type: 'TAG_IN', params: { tag: 'Io/Start', type: 'BOOL' } }, { id: 'stop', type: 'TAG_IN', params: { tag: 'Io/Stop', type: 'BOOL' } },
        { id: 'm1', type: 'MOTOR_START', inputs: { PT: 200 } }, { id: 'm2', type: 'MOTOR_START' },
        { id: 'run1', type: 'TAG_OUT', params: { tag: 'Io/Run1' } }, { id: 'run2', type: 'TAG_OUT', params: { tag: 'Io/Run2' } },
      ],
      wires: [
        { from: 'start.OUT', to: 'm1.START' }, { from: 'stop.OUT', to: 'm1.STOP' }, { from: 'start.OUT', to: 'm2.START' },
        { from: 'stop.OUT', to: 'm2.STOP' }, { from: 'm1.RUN', to: 'run1.IN' }, { from: 'm2.RUN', to: 'run2.IN' },
      ],
    },
    'blocks/MOTOR_START.fb.json': fb,
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  }
  return Object.fromEntries(Object.entries(docs).map(([p, d]) => [p, JSON.stringify(d)]))
}

describe('FBD programs using FBD function blocks', () => {
  it('load, run against values, show the instance pins and keep the state inside instances over a redeploy', async () => {
    const r = await loadAppSource(memorySource(files()))
    expect(r.diagnostics).toEqual([])
    const compiled = r.compiled!
    const task = compiled.app.manifest.tasks[0]!
    const [p] = buildTaskPrograms(compiled, task, undefined, { kept: [], reset: [] })
    const slot = (tag: string, list: 'inputs' | 'outputs') => p![list].find((b) => b.tag === tag)!.slot
    const step = (start: number, stop: number, at: number): number[] => {
      p!.memory[slot('Io/Start', 'inputs')] = start
      p!.memory[slot('Io/Stop', 'inputs')] = stop
      expect(p!.scan(at)).toBe(true)
      return [p!.memory[slot('Io/Run1', 'outputs')]!, p!.memory[slot('Io/Run2', 'outputs')]!]
    }
    expect(step(1, 0, 0)).toEqual([0, 0])
    expect(step(0, 0, 200)).toEqual([1, 0])
    expect([p!.read('m1.RUN'), p!.read('m2.PT'), p!.read('m2/delay.ET')]).toEqual([true, 1000, 200])
    expect(step(0, 0, 600)).toEqual([1, 0])

    const change: OnlineChangeReport = { kept: [], reset: [] }
    const [q] = buildTaskPrograms((await loadAppSource(memorySource(files()))).compiled!, task, new Map([['motors', p!]]), change)
    expect(change.kept).toEqual(expect.arrayContaining(['motors/m2', 'motors/m2/latch', 'motors/m2/delay']))
    expect(change.reset).toEqual([])
    expect(q!.read('m2/delay.ET')).toBe(600)
    expect(q!.scan(1000)).toBe(true)
    expect(q!.memory[q!.outputs.find((b) => b.tag === 'Io/Run2')!.slot]).toBe(1)
  })

  it('report what is wrong inside a function block at its file and JSON path', async () => {
    const broken = { ...MOTOR, blocks: [...MOTOR.blocks, { id: 'leak', type: 'TAG_OUT', params: { tag: 'Io/Run1' } }] }
    const r = await loadAppSource(memorySource(files(broken)))
    expect(r.compiled).toBeNull()
    expect(r.diagnostics.map((d) => [d.code, d.file, d.path])).toEqual([
      ['E_FB_NOT_ALLOWED', 'blocks/MOTOR_START.fb.json', '$.blocks[6].type'],
      ['E_REFERENCE', 'programs/motors.fbd.json', '$.blocks[2].type'],
      ['E_REFERENCE', 'programs/motors.fbd.json', '$.blocks[3].type'],
    ])
  })
})
