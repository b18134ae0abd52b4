/**
 * The screen editor's commands: pure functions from the document to the new screen file (STYLE.md 11).
 * Each copies only the widgets it changes, so untouched widgets keep their identity (cheap history, cheap
 * re-render). All take the screen's file `path`.
 */
import type { Action, Binding, LocalText, Screen, Widget } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { CommandResult, ReadonlyDoc } from '../doc/command'
import { reorder } from './geometry'
import type { Rect, ZOp } from './geometry'
import { GROUP_PROP, LOCK_PROP, expandGroups, freshId, groupOf, isScreen, patchProps, prepareInsert } from './model'

function withScreen(doc: ReadonlyDoc, path: string, fn: (s: Screen) => CommandResult): CommandResult {
  const s = doc.get(path)
  if (!isScreen(s)) return { error: `no screen at ${path}` }
  return fn(s)
}

/** Replace the widgets whose id is in `next`; the others keep their identity. */
function mapWidgets(s: Screen, ids: ReadonlySet<string>, fn: (w: Widget) => Widget): Screen {
  let changed = false
  const widgets = s.widgets.map((w) => {
    if (!ids.has(w.id)) return w
    const n = fn(w)
    if (n !== w) changed = true
    return n
  })
  return changed ? { ...s, widgets } : s
}

function result(path: string, before: Screen, after: Screen, select?: string[]): CommandResult {
  if (after === before) return { changes: {}, ...(select ? { select } : {}) }
  return { changes: { [path]: after }, ...(select ? { select } : {}) }
}

export const addWidgets = defineCommand<{ path: string; widgets: Widget[]; dx?: number; dy?: number }>('screen.addWidgets', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const added = prepareInsert(s.widgets, a.widgets, a.dx ?? 0, a.dy ?? 0)
    return { changes: { [a.path]: { ...s, widgets: [...s.widgets, ...added] } }, select: added.map((w) => w.id) }
  }))

/** Move widgets by an offset. Locked widgets stay where they are. */
export const moveWidgets = defineCommand<{ path: string; ids: string[]; dx: number; dy: number }>('screen.moveWidgets', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    if (a.dx === 0 && a.dy === 0) return { changes: {} }
    const next = mapWidgets(s, new Set(a.ids), (w) => (w.props?.[LOCK_PROP] === true ? w : { ...w, x: w.x + a.dx, y: w.y + a.dy }))
    return result(a.path, s, next)
  }))

/** Set position and size of widgets (resize, align, distribute, inspector fields). */
export const setGeometry = defineCommand<{ path: string; items: (Partial<Rect> & { id: string })[] }>('screen.setGeometry', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const by = new Map(a.items.map((i) => [i.id, i]))
    const next = mapWidgets(s, new Set(by.keys()), (w) => {
      const g = by.get(w.id) as Partial<Rect>
      const x = g.x ?? w.x
      const y = g.y ?? w.y
      const wd = Math.max(1, g.w ?? w.w)
      const h = Math.max(1, g.h ?? w.h)
      return x === w.x && y === w.y && wd === w.w && h === w.h ? w : { ...w, x, y, w: wd, h }
    })
    return result(a.path, s, next)
  }))

export const deleteWidgets = defineCommand<{ path: string; ids: string[] }>('screen.deleteWidgets', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const ids = new Set(a.ids)
    const widgets = s.widgets.filter((w) => !ids.has(w.id))
    return widgets.length === s.widgets.length ? { changes: {} } : { changes: { [a.path]: { ...s, widgets } }, select: [] }
  }))

export const reorderWidgets = defineCommand<{ path: string; ids: string[]; op: ZOp }>('screen.reorder', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const order = reorder(s.widgets.map((w) => w.id), new Set(a.ids), a.op)
    const by = new Map(s.widgets.map((w) => [w.id, w]))
    const widgets = order.map((id) => by.get(id) as Widget)
    return widgets.every((w, i) => w === s.widgets[i]) ? { changes: {} } : { changes: { [a.path]: { ...s, widgets } } }
  }))

/** Group widgets (and the groups they are in) into one new group. */
export const groupWidgets = defineCommand<{ path: string; ids: string[] }>('screen.group', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const ids = expandGroups(s.widgets, a.ids)
    if (ids.size < 2) return { error: 'select two or more widgets to group' }
    const taken = new Set(s.widgets.map(groupOf).filter((g): g is string => g !== undefined))
    const g = freshId('g', taken)
    return result(a.path, s, mapWidgets(s, ids, (w) => patchProps(w, { [GROUP_PROP]: g })), [...ids])
  }))

export const ungroupWidgets = defineCommand<{ path: string; ids: string[] }>('screen.ungroup', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const ids = expandGroups(s.widgets, a.ids)
    return result(a.path, s, mapWidgets(s, ids, (w) => (groupOf(w) ? patchProps(w, { [GROUP_PROP]: undefined }) : w)))
  }))

export const lockWidgets = defineCommand<{ path: string; ids: string[]; locked: boolean }>('screen.lock', (doc, a) =>
  withScreen(doc, a.path, (s) =>
    result(a.path, s, mapWidgets(s, new Set(a.ids), (w) => ((w.props?.[LOCK_PROP] === true) === a.locked ? w : patchProps(w, { [LOCK_PROP]: a.locked ? true : undefined }))))))

/** Set static properties on every given widget (multi-select editing); `undefined` removes one. */
export const setProps = defineCommand<{ path: string; ids: string[]; props: Record<string, unknown> }>('screen.setProps', (doc, a) =>
  withScreen(doc, a.path, (s) => result(a.path, s, mapWidgets(s, new Set(a.ids), (w) => patchProps(w, a.props)))))

/** Bind a property to a tag or expression, or unbind it (`binding: null`). */
export const setBinding = defineCommand<{ path: string; ids: string[]; prop: string; binding: Binding | null }>('screen.setBinding', (doc, a) =>
  withScreen(doc, a.path, (s) =>
    result(a.path, s, mapWidgets(s, new Set(a.ids), (w) => {
      const bindings: Record<string, Binding> = { ...w.bindings }
      if (a.binding === null) delete bindings[a.prop]
      else bindings[a.prop] = a.binding
      const { bindings: _old, ...rest } = w
      return Object.keys(bindings).length > 0 ? { ...rest, bindings } : rest
    }))))

/** Replace the action list of one event (empty list removes the event). */
export const setEvent = defineCommand<{ path: string; ids: string[]; event: string; actions: Action[] }>('screen.setEvent', (doc, a) =>
  withScreen(doc, a.path, (s) =>
    result(a.path, s, mapWidgets(s, new Set(a.ids), (w) => {
      const events: Record<string, Action[]> = { ...w.events }
      if (a.actions.length === 0) delete events[a.event]
      else events[a.event] = a.actions
      const { events: _old, ...rest } = w
      return Object.keys(events).length > 0 ? { ...rest, events } : rest
    }))))

export interface ScreenPatch { title?: LocalText; width?: number; height?: number; background?: string | null; nav?: boolean | null }

export const setScreenProps = defineCommand<{ path: string; patch: ScreenPatch }>('screen.setProperties', (doc, a) =>
  withScreen(doc, a.path, (s) => {
    const next: Record<string, unknown> = { ...s }
    for (const [k, v] of Object.entries(a.patch)) {
      if (v === undefined) continue
      if (v === null) delete next[k]
      else next[k] = v
    }
    return { changes: { [a.path]: next as Screen } }
  }))
