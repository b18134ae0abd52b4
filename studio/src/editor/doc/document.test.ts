import { describe, expect, it } from 'vitest'
import { defineCommand } from './command'
import { ProjectDocument } from './document'

interface Screen { name: string; widgets: { id: string; x: number }[] }
const move = defineCommand<{ id: string; dx: number }>('screen.move', (doc, { id, dx }) => {
  const s = doc.get<Screen>('screens/a.json')
  if (!s) return { error: 'no screen' }
  if (!s.widgets.some((w) => w.id === id)) return { error: `no widget ${id}` }
  return { changes: { 'screens/a.json': { ...s, widgets: s.widgets.map((w) => (w.id === id ? { ...w, x: w.x + dx } : w)) } } }
})

describe('ProjectDocument', () => {
  const fresh = () => {
    const d = new ProjectDocument()
    d.load({ 'screens/a.json': { name: 'a', widgets: [{ id: 'w1', x: 0 }, { id: 'w2', x: 5 }] } })
    return d
  }
  const x = (d: ProjectDocument, id: string) => d.get<Screen>('screens/a.json')!.widgets.find((w) => w.id === id)!.x

  it('applies commands, undoes and redoes them, and shares untouched data', () => {
    const d = fresh()
    const w2 = d.get<Screen>('screens/a.json')!.widgets[1]
    expect(d.dispatch(move, { id: 'w1', dx: 10 })).toEqual({ ok: true })
    expect(x(d, 'w1')).toBe(10)
    expect(d.get<Screen>('screens/a.json')!.widgets[1]).toBe(w2)
    expect(d.undo()).toBe('screen.move')
    expect(x(d, 'w1')).toBe(0)
    d.redo()
    expect(x(d, 'w1')).toBe(10)
  })

  it('groups a drag into one undo step and a new command clears redo', () => {
    const d = fresh()
    for (let i = 0; i < 20; i++) d.dispatch(move, { id: 'w1', dx: 1 }, { group: 'drag-1' })
    d.history.seal()
    d.dispatch(move, { id: 'w2', dx: 1 }, { group: 'drag-1' })
    d.undo()
    expect(x(d, 'w2')).toBe(5)
    expect(x(d, 'w1')).toBe(20)
    d.undo()
    expect(x(d, 'w1')).toBe(0)
    d.redo()
    d.dispatch(move, { id: 'w2', dx: 3 })
    expect(d.history.canRedo).toBe(false)
  })

  it('refused commands change nothing; dirty paths are tracked for autosave', () => {
    const d = fresh()
    expect(d.dispatch(move, { id: 'nope', dx: 1 })).toEqual({ ok: false, error: 'no widget nope' })
    expect(d.hasUnsaved).toBe(false)
    d.dispatch(move, { id: 'w1', dx: 1 })
    expect(d.takeDirty()).toEqual(['screens/a.json'])
    expect(d.hasUnsaved).toBe(false)
  })

  it("another editor's content drops only the history of the files it replaced", () => {
    const d = fresh()
    d.load({ 'screens/a.json': { name: 'a', widgets: [{ id: 'w1', x: 0 }] }, 'screens/b.json': { name: 'b', widgets: [] } })
    d.dispatch(move, { id: 'w1', dx: 4 })
    const origins: string[] = []
    d.onChange((_p, o) => origins.push(o))
    d.applyExternal({ 'screens/b.json': { name: 'b', widgets: [{ id: 'x', x: 1 }] } })
    expect(d.isDirty('screens/b.json')).toBe(false)
    expect(d.dirtyPaths()).toEqual(['screens/a.json'])
    expect(d.undo()).toBe('screen.move')
    d.applyExternal({ 'screens/a.json': { name: 'a', widgets: [] } })
    expect(d.history.canRedo).toBe(false)
    expect(origins).toEqual(['external', 'edit', 'external'])
  })
})
