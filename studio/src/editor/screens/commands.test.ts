import { describe, expect, it } from 'vitest'
import type { Screen, Widget } from '@takt/blocks'
import { Screen as ScreenSchema } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { fromClipboardText, toClipboardText } from './clipboard'
import {
  addWidgets, deleteWidgets, groupWidgets, lockWidgets, moveWidgets, reorderWidgets, setBinding, setEvent, setGeometry,
  setProps, setScreenProps, ungroupWidgets,
} from './commands'
import { expandGroups, groupOf } from './model'

const P = 'screens/main.json'
const w = (id: string, x = 0, y = 0, extra: Partial<Widget> = {}): Widget => ({ id, type: 'label', x, y, w: 100, h: 20, ...extra })

function doc(widgets: Widget[] = [w('a'), w('b', 50), w('c', 100)]) {
  const d = new ProjectDocument()
  d.load({ [P]: { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets } satisfies Screen })
  return d
}
const screen = (d: ProjectDocument) => d.get<Screen>(P) as Screen
const byId = (d: ProjectDocument, id: string) => screen(d).widgets.find((x) => x.id === id) as Widget
const valid = (d: ProjectDocument) => expect(ScreenSchema.safeParse(screen(d)).success).toBe(true)

describe('screen commands', () => {
  it('moves only unlocked widgets, shares untouched ones, one grouped undo step for a drag', () => {
    const d = doc()
    const c = byId(d, 'c')
    d.dispatch(lockWidgets, { path: P, ids: ['b'], locked: true })
    for (let i = 0; i < 5; i++) d.dispatch(moveWidgets, { path: P, ids: ['a', 'b'], dx: 2, dy: 1 }, { group: 'drag' })
    expect(byId(d, 'a')).toMatchObject({ x: 10, y: 5 })
    expect(byId(d, 'b')).toMatchObject({ x: 50, y: 0 })
    expect(byId(d, 'c')).toBe(c)
    d.undo()
    expect(byId(d, 'a')).toMatchObject({ x: 0, y: 0 })
    expect(byId(d, 'b').props).toEqual({ locked: true })
    valid(d)
  })

  it('groups and ungroups through props.group; a group selects as one and the file stays valid', () => {
    const d = doc()
    const r = d.dispatch(groupWidgets, { path: P, ids: ['a', 'b'] })
    expect(r).toMatchObject({ ok: true })
    const g = groupOf(byId(d, 'a'))
    expect(g).toBeDefined()
    expect(groupOf(byId(d, 'b'))).toBe(g)
    expect([...expandGroups(screen(d).widgets, ['a'])].sort()).toEqual(['a', 'b'])
    valid(d)
    // Grouping a grouped widget with another merges into one new group.
    d.dispatch(groupWidgets, { path: P, ids: ['b', 'c'] })
    expect(new Set(screen(d).widgets.map(groupOf)).size).toBe(1)
    d.dispatch(ungroupWidgets, { path: P, ids: ['a'] })
    expect(screen(d).widgets.every((x) => x.props === undefined)).toBe(true)
    expect(d.dispatch(groupWidgets, { path: P, ids: ['a'] })).toMatchObject({ ok: false })
  })

  it('pastes with new ids and fresh group ids, offset, and selects the pasted widgets', () => {
    const d = doc([w('a', 0, 0, { props: { group: 'g_1' } }), w('b', 10, 0, { props: { group: 'g_1' } })])
    const clip = fromClipboardText(toClipboardText(screen(d).widgets))
    expect(clip).toHaveLength(2)
    const r = d.dispatch(addWidgets, { path: P, widgets: clip as Widget[], dx: 10, dy: 10 })
    expect(r).toEqual({ ok: true, select: ['a_1', 'b_1'] })
    expect(byId(d, 'a_1')).toMatchObject({ x: 10, y: 10 })
    expect(groupOf(byId(d, 'a_1'))).toBe(groupOf(byId(d, 'b_1')))
    expect(groupOf(byId(d, 'a_1'))).not.toBe('g_1')
    expect(fromClipboardText('{"kind":"takt.widgets","widgets":[{"id":"x"}]}')).toBeNull()
    expect(fromClipboardText('not json')).toBeNull()
    valid(d)
  })

  it('z-order, delete, geometry, props, bindings, events and screen properties', () => {
    const d = doc()
    d.dispatch(reorderWidgets, { path: P, ids: ['a'], op: 'front' })
    expect(screen(d).widgets.map((x) => x.id)).toEqual(['b', 'c', 'a'])
    d.dispatch(setGeometry, { path: P, items: [{ id: 'b', w: 0, h: 33 }] })
    expect(byId(d, 'b')).toMatchObject({ w: 1, h: 33 })
    d.dispatch(setProps, { path: P, ids: ['b', 'c'], props: { fontSize: 20, text: { en: 'Hi', 'zh-CN': '你好' } } })
    expect(byId(d, 'c').props).toEqual({ fontSize: 20, text: { en: 'Hi', 'zh-CN': '你好' } })
    d.dispatch(setProps, { path: P, ids: ['c'], props: { fontSize: undefined, text: undefined } })
    expect(byId(d, 'c').props).toBeUndefined()
    d.dispatch(setBinding, { path: P, ids: ['b'], prop: 'text', binding: { expr: 'str({A/B})' } })
    expect(byId(d, 'b').bindings).toEqual({ text: { expr: 'str({A/B})' } })
    d.dispatch(setBinding, { path: P, ids: ['b'], prop: 'text', binding: null })
    expect(byId(d, 'b').bindings).toBeUndefined()
    d.dispatch(setEvent, { path: P, ids: ['b'], event: 'click', actions: [{ action: 'openScreen', screen: 'other' }] })
    expect(byId(d, 'b').events).toEqual({ click: [{ action: 'openScreen', screen: 'other' }] })
    d.dispatch(setScreenProps, { path: P, patch: { title: { en: 'T', 'zh-CN': '题' }, width: 1024, background: '#ddd', nav: false } })
    expect(screen(d)).toMatchObject({ width: 1024, background: '#ddd', nav: false })
    d.dispatch(setScreenProps, { path: P, patch: { background: null, nav: null } })
    expect('background' in screen(d)).toBe(false)
    valid(d)
    d.dispatch(deleteWidgets, { path: P, ids: ['a', 'b'] })
    expect(screen(d).widgets.map((x) => x.id)).toEqual(['c'])
    expect(d.dispatch(moveWidgets, { path: 'screens/none.json', ids: [], dx: 1, dy: 0 })).toMatchObject({ ok: false })
  })
})
