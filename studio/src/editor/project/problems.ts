/**
 * Local checks of the draft, run in the browser as the engineer edits (the runtime's validateDraft gives the
 * full picture on demand): screen files against the schema, bindings and actions against the draft's tags and
 * screens, expressions compiled with line/column. Results are cached per screen object and tag index, so an edit
 * re-checks only the screen it touched.
 */
import { Screen as ScreenSchema, compileExpression, jsonPath } from '@takt/blocks'
import type { Diagnostic, Screen } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { instanceTypes, popupProblems } from '../../popups/problems'
import { WIDGET_SPECS } from '../../widgets/specs'
import { isScreen } from '../screens/model'
import type { TagIndex } from './tagIndex'

interface Cached { tags: TagIndex; screens: string; out: Diagnostic[] }
const cache = new WeakMap<object, Cached>()

/** Problems of one screen file. `screens` is the set of existing screen names (for openScreen actions). */
export function screenProblems(file: string, screen: Screen, tags: TagIndex, screens: ReadonlySet<string>): Diagnostic[] {
  const key = [...screens].join('\u0000')
  const hit = cache.get(screen)
  if (hit && hit.tags === tags && hit.screens === key) return hit.out
  const out: Diagnostic[] = []
  const report = (path: PropertyKey[], code: Diagnostic['code'], message: string, severity: Diagnostic['severity'] = 'error') =>
    out.push({ code, severity, message, file, path: jsonPath(path) })
  const parsed = ScreenSchema.safeParse(screen)
  if (!parsed.success) {
    for (const i of parsed.error.issues.slice(0, 20)) report(i.path, 'E_SCHEMA', i.message)
  }
  const isTag = (p: string) => tags.byPath.has(p)
  const widgets = Array.isArray(screen.widgets) ? screen.widgets : []
  widgets.forEach((w, wi) => {
    const spec = WIDGET_SPECS.get(w.type)
    for (const [prop, b] of Object.entries(w.bindings ?? {})) {
      const at: PropertyKey[] = ['widgets', wi, 'bindings', prop]
      const ps = spec?.props.find((p) => p.name === prop)
      if (spec && (!ps || !ps.bindable)) report(at, 'E_REFERENCE', `widget "${w.id}": property "${prop}" cannot be bound`, 'warning')
      if ('tag' in b) {
        if (!isTag(b.tag)) report([...at, 'tag'], 'E_REFERENCE', `widget "${w.id}": tag "${b.tag}" does not exist`)
      } else {
        const r = compileExpression(b.expr, { isTag })
        if (!r.ok) {
          for (const d of r.diagnostics) {
            const pos = d.line === undefined ? '' : d.line === 1 ? ` (column ${d.column})` : ` (line ${d.line}, column ${d.column})`
            report([...at, 'expr'], d.code, `widget "${w.id}": ${d.message}${pos}`)
          }
        }
      }
    }
    for (const [ev, list] of Object.entries(w.events ?? {})) {
      list.forEach((a, ai) => {
        const at: PropertyKey[] = ['widgets', wi, 'events', ev, ai]
        if (a.action === 'openScreen') {
          if (!screens.has(a.screen)) report([...at, 'screen'], 'E_REFERENCE', `widget "${w.id}": screen "${a.screen}" does not exist`)
        } else if (a.action === 'openPopup' || a.action === 'closePopup') {
          for (const p of popupProblems(a, screens, instanceTypes(tags.list))) report([...at, p.field], p.code, `widget "${w.id}": ${p.message}`)
        } else if (!isTag(a.tag)) {
          report([...at, 'tag'], 'E_REFERENCE', `widget "${w.id}": tag "${a.tag}" does not exist`)
        }
      })
    }
    for (const ps of spec?.props ?? []) {
      const v = w.props?.[ps.name]
      if (ps.type === 'tagList' && Array.isArray(v)) {
        v.forEach((p, i) => {
          if (typeof p === 'string' && !isTag(p)) report(['widgets', wi, 'props', ps.name, i], 'E_REFERENCE', `widget "${w.id}": tag "${p}" does not exist`)
        })
      }
    }
  })
  cache.set(screen, { tags, screens: key, out })
  return out
}

/** Local problems of every screen in the draft (other resources are checked by their own editors). */
export function localProblems(doc: ReadonlyDoc, tags: TagIndex): Diagnostic[] {
  const screenPaths = doc.paths().filter((p) => p.startsWith('screens/') && p.endsWith('.json'))
  const names = new Set(screenPaths.map((p) => p.slice('screens/'.length, -'.json'.length)))
  const out: Diagnostic[] = []
  for (const p of screenPaths.sort()) {
    const s = doc.get(p)
    if (isScreen(s)) for (const d of screenProblems(p, s, tags, names)) out.push(d)
  }
  return out
}

/** The widget index a diagnostic points at (`$.widgets[12].bindings.value` -> 12), else null. */
export function widgetIndexOf(path: string | undefined): number | null {
  const m = /^\$\.widgets\[(\d+)\]/.exec(path ?? '')
  return m ? Number(m[1]) : null
}
