/**
 * Faceplate commands: the faceplate of a template is a small screen whose bindings name members as `$/Member`.
 * Widgets are edited by id; only the widget that changes is copied.
 */
import type { Faceplate, TemplateAction, TemplateBinding, TemplateWidget, WidgetType } from '@takt/blocks'
import { WIDGET_SPECS } from '../../widgets/specs'
import { defineCommand } from '../doc/command'
import { uniqueName, withTemplate } from './commands'

const DEFAULT_FACEPLATE: Faceplate = { width: 240, height: 140, widgets: [] }

export interface FaceplatePatch { width?: number; height?: number; background?: string | null }

/** Size and background of the faceplate; creates an empty one when the template has none. */
export const setFaceplate = defineCommand<{ path: string; patch: FaceplatePatch }>('template.setFaceplate', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const fp: Faceplate = { ...(t.faceplate ?? DEFAULT_FACEPLATE) }
    if (a.patch.width !== undefined) fp.width = Math.max(20, Math.round(a.patch.width))
    if (a.patch.height !== undefined) fp.height = Math.max(20, Math.round(a.patch.height))
    if (a.patch.background === null || a.patch.background === '') delete fp.background
    else if (a.patch.background !== undefined) fp.background = a.patch.background
    return { changes: { [a.path]: { ...t, faceplate: fp } } }
  }))

export const removeFaceplate = defineCommand<{ path: string }>('template.removeFaceplate', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    if (!t.faceplate) return { changes: {} }
    const { faceplate: _gone, ...rest } = t
    return { changes: { [a.path]: rest } }
  }))

/** Adds a widget of `type` at its default size; selects it. Faceplates cannot nest. */
export const addFaceplateWidget = defineCommand<{ path: string; type: WidgetType; x?: number; y?: number }>('template.addFaceplateWidget', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    if (a.type === 'faceplate') return { error: 'a faceplate cannot contain another faceplate' }
    const spec = WIDGET_SPECS.get(a.type)
    if (!spec) return { error: `unknown widget type ${a.type}` }
    const fp = t.faceplate ?? DEFAULT_FACEPLATE
    const id = uniqueName(a.type, fp.widgets.map((w) => w.id))
    const w: TemplateWidget = {
      id, type: a.type, x: Math.round(a.x ?? 0), y: Math.round(a.y ?? 0),
      w: Math.min(spec.defaultSize.w, fp.width), h: Math.min(spec.defaultSize.h, fp.height),
    }
    return { changes: { [a.path]: { ...t, faceplate: { ...fp, widgets: [...fp.widgets, w] } } }, select: [id] }
  }))

/**
 * Changes one faceplate widget. Geometry replaces; `props`, `bindings` and `events` merge by key, where
 * `undefined` removes the key (and an emptied map goes away).
 */
export interface WidgetPatch {
  x?: number
  y?: number
  w?: number
  h?: number
  props?: Record<string, unknown>
  bindings?: Record<string, TemplateBinding | undefined>
  events?: Record<string, TemplateAction[] | undefined>
}

function merge<V>(base: Record<string, V> | undefined, patch: Record<string, V | undefined> | undefined): Record<string, V> | undefined {
  if (!patch) return base
  const out: Record<string, V> = { ...base }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k]
    else out[k] = v
  }
  return Object.keys(out).length > 0 ? out : undefined
}

export const updateFaceplateWidget = defineCommand<{ path: string; id: string; patch: WidgetPatch }>('template.updateFaceplateWidget', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const fp = t.faceplate
    const old = fp?.widgets.find((w) => w.id === a.id)
    if (!fp || !old) return { error: `no faceplate widget "${a.id}"` }
    const p = a.patch
    const next: TemplateWidget = { ...old }
    if (p.x !== undefined) next.x = Math.round(p.x)
    if (p.y !== undefined) next.y = Math.round(p.y)
    if (p.w !== undefined) next.w = Math.max(1, Math.round(p.w))
    if (p.h !== undefined) next.h = Math.max(1, Math.round(p.h))
    const maps = { props: merge(old.props, p.props), bindings: merge(old.bindings, p.bindings), events: merge(old.events, p.events) }
    for (const [k, v] of Object.entries(maps) as [keyof typeof maps, Record<string, never> | undefined][]) {
      if (v === undefined) delete next[k]
      else next[k] = v
    }
    const widgets = fp.widgets.map((w) => (w.id === a.id ? next : w))
    return { changes: { [a.path]: { ...t, faceplate: { ...fp, widgets } } } }
  }))

export const removeFaceplateWidgets = defineCommand<{ path: string; ids: string[] }>('template.removeFaceplateWidgets', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const fp = t.faceplate
    if (!fp) return { changes: {} }
    const ids = new Set(a.ids)
    const widgets = fp.widgets.filter((w) => !ids.has(w.id))
    if (widgets.length === fp.widgets.length) return { changes: {} }
    return { changes: { [a.path]: { ...t, faceplate: { ...fp, widgets } } }, select: [] }
  }))

/** Moves a widget to the front (drawn last) or the back. */
export const restackFaceplateWidget = defineCommand<{ path: string; id: string; to: 'front' | 'back' }>('template.restackFaceplateWidget', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const fp = t.faceplate
    const w = fp?.widgets.find((x) => x.id === a.id)
    if (!fp || !w) return { error: `no faceplate widget "${a.id}"` }
    const rest = fp.widgets.filter((x) => x !== w)
    const widgets = a.to === 'front' ? [...rest, w] : [w, ...rest]
    if (widgets.every((x, i) => x === fp.widgets[i])) return { changes: {} }
    return { changes: { [a.path]: { ...t, faceplate: { ...fp, widgets } } } }
  }))
