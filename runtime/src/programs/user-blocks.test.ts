import { memorySource } from '@takt/blocks'
import { describe, expect, it } from 'vitest'
import { loadAppSource } from '../app/load.js'
import { buildTaskPrograms, type OnlineChangeReport } from './build.js'

const FB = `FUNCTION_BLOCK Hyst_Timer
VAR_INPUT pv : REAL; hi : REAL := 80.0; lo : REAL := 20.0; END_VAR
VAR_OUTPUT q : BOOL; count : INT; END_VAR
IF pv > hi AND NOT q THEN q := TRUE; count := count + 1; ELSIF pv < lo THEN q := FALSE; END_IF;
END_FUNCTION_BLOCK
`

function files(withFb = true): Record<string, string> {
  const tag = (name: string, dataType: string) => ({ name, dataType, source: { kind: 'memory' } })
  const docs: Record<string, unknown> = {
    'app.json': {
      format: 1, id: 'ub', name: 'User blocks', version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'main', periodMs: 3_600_000, programs: ['twice'] }],
    },
    'tags/Io.json': { format: 1, folder: 'Io', tags: [tag('Pv', 'REAL'), tag('A', 'BOOL'), tag('B', 'INT')] },
    'programs/twice.fbd.json': {
      format: 1, name: 'twice',
      blocks: [
        { id: 'pv', type: 'TAG_IN', params: { tag: 'Io/Pv' } },
        { id: 'h1', type: 'HYST_TIMER', inputs: { hi: 50 } },
        { id: 'h2', type: 'HYST_TIMER' },
        { id: 'a', type: 'TAG_OUT', params: { tag: 'Io/A' } },
        { id: 'b', type: 'TAG_OUT', params: { tag: 'Io/B' } },
      ],
      wires: [
        { from: 'pv.OUT', to: 'h1.pv' }, { from: 'pv.OUT', to: 'h2.pv' },
        { from: 'h1.q', to: 'a.IN' }, { from: 'h2.count', to: 'b.IN' },
      ],
    },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  }
  const out: Record<string, string> = withFb ? { 'programs/fbs.st': FB } : {}
  for (const [p, d] of Object.entries(docs)) out[p] = JSON.stringify(d)
  return out
}

describe('FBD programs with user blocks from ST', () => {
  it('load, run and keep their FB state over a redeploy', async () => {
    const r = await loadAppSource(memorySource(files()))
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const compiled = r.compiled!
    const task = compiled.app.manifest.tasks[0]!
    const change: OnlineChangeReport = { kept: [], reset: [] }
    const [p] = buildTaskPrograms(compiled, task, undefined, change)
    const pv = p!.inputs.find((b) => b.tag === 'Io/Pv')!.slot
    const out = (tag: string) => p!.memory[p!.outputs.find((b) => b.tag === tag)!.slot]
    const steps: [number, number, number][] = [[60, 1, 0], [10, 0, 0], [90, 1, 1], [10, 0, 1], [95, 1, 2]]
    steps.forEach(([v, a, b], i) => {
      p!.memory[pv] = v
      expect(p!.scan(i * 100)).toBe(true)
      expect([out('Io/A'), out('Io/B')]).toEqual([a, b])
    })
    const again: OnlineChangeReport = { kept: [], reset: [] }
    const [q] = buildTaskPrograms((await loadAppSource(memorySource(files()))).compiled!, task, new Map([['twice', p!]]), again)
    expect(again.kept).toContain('twice/h2')
    expect(q!.read('h2.count')).toBe(2)
  })

  it('report an FB type the APP does not define as E_FB_UNKNOWN_BLOCK', async () => {
    const r = await loadAppSource(memorySource(files(false)))
    expect(r.compiled).toBeNull()
    expect(r.diagnostics.map((d) => d.code)).toContain('E_FB_UNKNOWN_BLOCK')
  })
})
