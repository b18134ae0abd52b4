import { memorySource, Status, type TagScalar } from '@takt/blocks'
import { describe, expect, it } from 'vitest'
import { loadAppSource } from '../app/load.js'
import { AppEngine } from '../engine.js'
import { memoryLogger } from '../log.js'

/** A Unit template whose program sets Alarm when Cmd stays on without Fb for `${delay}` ms; two instances. */
function files(extraBlock = false): Record<string, string> {
  const mem = (name: string) => ({ name, dataType: 'BOOL', source: { kind: 'memory', initial: false } })
  const blocks: unknown[] = [
    { id: 'cmd', type: 'TAG_IN', params: { tag: '$/Cmd' } },
    { id: 'fb', type: 'TAG_IN', params: { tag: '$/Fb' } },
    { id: 'nfb', type: 'NOT' },
    { id: 'and', type: 'AND' },
    { id: 'ton', type: 'TON', inputs: { PT: '${delay}' } },
    { id: 'out', type: 'TAG_OUT', params: { tag: '$/Alarm' } },
  ]
  if (extraBlock) blocks.push({ id: 'spare', type: 'NOT' })
  const docs: Record<string, unknown> = {
    'app.json': {
      format: 1, id: 'tp', name: 'Template programs', version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'main', periodMs: 3_600_000, programs: ['own'] }],
    },
    'types/Unit.json': {
      format: 1, name: 'Unit',
      parameters: [{ name: 'delay', type: 'number', default: 300 }],
      tags: [mem('Cmd'), mem('Fb'), mem('Alarm')],
      programs: [{
        format: 1, name: 'RunCheck', blocks,
        wires: [
          { from: 'cmd.OUT', to: 'and.IN1' }, { from: 'fb.OUT', to: 'nfb.IN' }, { from: 'nfb.OUT', to: 'and.IN2' },
          { from: 'and.OUT', to: 'ton.IN' }, { from: 'ton.Q', to: 'out.IN' },
        ],
      }],
    },
    'tags/Units.json': {
      format: 1, folder: 'Line', tags: [mem('Any')],
      instances: [{ name: 'A', type: 'Unit' }, { name: 'B', type: 'Unit', params: { delay: 600 } }],
    },
    'programs/own.fbd.json': {
      format: 1, name: 'own',
      blocks: [{ id: 'a', type: 'TAG_IN', params: { tag: 'Line/A/Alarm' } }, { id: 'b', type: 'TAG_IN', params: { tag: 'Line/B/Alarm' } },
        { id: 'or', type: 'OR' }, { id: 'any', type: 'TAG_OUT', params: { tag: 'Line/Any' } }],
      wires: [{ from: 'a.OUT', to: 'or.IN1' }, { from: 'b.OUT', to: 'or.IN2' }, { from: 'or.OUT', to: 'any.IN' }],
    },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  }
  return Object.fromEntries(Object.entries(docs).map(([p, d]) => [p, JSON.stringify(d)]))
}

async function engine(previous?: AppEngine, extraBlock = false): Promise<AppEngine> {
  const r = await loadAppSource(memorySource(files(extraBlock)))
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return new AppEngine(r.compiled!, {}, memoryLogger(), previous)
}

function set(e: AppEngine, path: string, v: TagScalar, now: number): void {
  e.db.set(e.db.id(path)!, v, Status.Good, now)
  e.db.commit()
}
const value = (e: AppEngine, path: string) => e.db.get(path)?.value

describe('template programs in the runtime', () => {
  it('run in a task that has no programs of its own', async () => {
    const docs = files()
    const app = JSON.parse(docs['app.json']!) as { tasks: { programs: string[] }[] }
    app.tasks[0]!.programs = []
    docs['app.json'] = JSON.stringify(app)
    delete docs['programs/own.fbd.json']
    const r = await loadAppSource(memorySource(docs))
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const e = new AppEngine(r.compiled!, {}, memoryLogger())
    expect(e.tasks[0]!.programs.map((p) => p.name)).toEqual(['Line/A/RunCheck', 'Line/B/RunCheck'])
    e.tasks[0]!.scan(0)
    set(e, 'Line/A/Cmd', true, 0)
    e.tasks[0]!.scan(100)
    e.tasks[0]!.scan(450)
    expect(value(e, 'Line/A/Alarm')).toBe(true)
    expect(value(e, 'Line/B/Alarm')).toBe(false)
  })

  it('run one copy per instance in the task, each on its own members and timers', async () => {
    const e = await engine()
    expect(e.tasks[0]!.programs.map((p) => p.name)).toEqual(['own', 'Line/A/RunCheck', 'Line/B/RunCheck'])
    const scan = (now: number) => e.tasks[0]!.scan(now)
    scan(0)
    set(e, 'Line/A/Cmd', true, 100)
    set(e, 'Line/B/Cmd', true, 100)
    scan(100)
    scan(450)
    // A's copy waits 300 ms, B's 600 ms: only A has timed out.
    expect([value(e, 'Line/A/Alarm'), value(e, 'Line/B/Alarm')]).toEqual([true, false])
    scan(750)
    expect([value(e, 'Line/A/Alarm'), value(e, 'Line/B/Alarm')]).toEqual([true, true])
    set(e, 'Line/A/Fb', true, 800)
    scan(800)
    expect([value(e, 'Line/A/Alarm'), value(e, 'Line/B/Alarm')]).toEqual([false, true])
    // The APP's own program reads both instances' members like any tag.
    scan(900)
    expect(value(e, 'Line/Any')).toBe(true)
  })

  it('keep their block state over a redeploy that changed the template (identity: expanded name + block id)', async () => {
    const first = await engine()
    first.tasks[0]!.scan(0)
    set(first, 'Line/B/Cmd', true, 100)
    first.tasks[0]!.scan(100)
    first.tasks[0]!.scan(400)
    const b = (e: AppEngine) => e.tasks[0]!.programs.find((p) => p.name === 'Line/B/RunCheck')!
    expect(b(first).read('ton.ET')).toBe(300)
    const second = await engine(first, true)
    expect(second.change.kept).toEqual(expect.arrayContaining(['Line/A/RunCheck/ton', 'Line/B/RunCheck/ton']))
    expect(second.change.reset).toEqual(['Line/A/RunCheck/spare', 'Line/B/RunCheck/spare'])
    expect(b(second).read('ton.ET')).toBe(300)
    second.tasks[0]!.scan(750)
    expect(value(second, 'Line/B/Alarm')).toBe(true)
  })
})
