import { describe, expect, it } from 'vitest'
import type { AppManifest, Screen } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { createProgram, createScreen, deleteProgram, deleteScreen, namesIn, renameProgram, renameScreen } from './commands'

function project() {
  const d = new ProjectDocument()
  const manifest = { format: 1, id: 'x', name: 'X', version: '1.0.0', connections: {}, entryScreen: 'main', tasks: [{ name: 't', periodMs: 100, programs: ['p1', 'p2'] }] } satisfies AppManifest
  const main: Screen = {
    format: 1, name: 'main', title: 'Main', width: 800, height: 600,
    widgets: [{ id: 'go', type: 'button', x: 0, y: 0, w: 10, h: 10, events: { click: [{ action: 'openScreen', screen: 'detail' }] } }],
  }
  d.load({ 'app.json': manifest, 'screens/main.json': main, 'screens/detail.json': { ...main, name: 'detail', widgets: [] }, 'programs/p1.fbd.json': { format: 1, name: 'p1', blocks: [], wires: [] }, 'programs/p2.fbd.json': { format: 1, name: 'p2', blocks: [], wires: [] } })
  return d
}

describe('project commands', () => {
  it('creates screens and programs with valid names only', () => {
    const d = project()
    expect(d.dispatch(createScreen, { name: 'new_one' })).toEqual({ ok: true })
    expect(d.dispatch(createScreen, { name: 'new_one' })).toMatchObject({ ok: false })
    expect(d.dispatch(createScreen, { name: 'bad name' })).toMatchObject({ ok: false })
    expect(d.dispatch(createProgram, { name: 'p3' })).toEqual({ ok: true })
    expect(namesIn(d, 'screens', '.json')).toEqual(['detail', 'main', 'new_one'])
    expect(namesIn(d, 'programs', '.fbd.json')).toEqual(['p1', 'p2', 'p3'])
  })

  it('renames a screen and retargets the entry screen and openScreen actions; undo restores all', () => {
    const d = project()
    d.dispatch(renameScreen, { from: 'detail', to: 'pump' })
    expect(d.get('screens/detail.json')).toBeUndefined()
    expect(d.get<Screen>('screens/pump.json')?.name).toBe('pump')
    expect(d.get<Screen>('screens/main.json')?.widgets[0]?.events?.click).toEqual([{ action: 'openScreen', screen: 'pump' }])
    d.dispatch(renameScreen, { from: 'main', to: 'home' })
    expect(d.get<AppManifest>('app.json')?.entryScreen).toBe('home')
    d.undo()
    d.undo()
    expect(d.get<Screen>('screens/main.json')?.widgets[0]?.events?.click).toEqual([{ action: 'openScreen', screen: 'detail' }])
  })

  it('deletes a screen (not the entry screen) and the actions opening it', () => {
    const d = project()
    expect(d.dispatch(deleteScreen, { name: 'main' })).toMatchObject({ ok: false })
    d.dispatch(deleteScreen, { name: 'detail' })
    expect(d.get<Screen>('screens/main.json')?.widgets[0]?.events).toBeUndefined()
  })

  it('renames and deletes programs in the task lists', () => {
    const d = project()
    d.dispatch(renameProgram, { from: 'p1', to: 'level' })
    expect(d.get<AppManifest>('app.json')?.tasks[0]?.programs).toEqual(['level', 'p2'])
    d.dispatch(deleteProgram, { name: 'p2' })
    d.dispatch(deleteProgram, { name: 'level' })
    expect(d.get<AppManifest>('app.json')?.tasks).toEqual([{ name: 't', periodMs: 100, programs: [] }])
  })
})
