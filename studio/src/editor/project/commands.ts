/**
 * Project-level commands: create, rename and delete screens and programs. A rename moves the file and updates
 * what refers to it (entry screen, openScreen actions, task lists), so the APP stays valid.
 */
import type { Action, AppManifest, FbdProgram, Screen } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { FileChanges, ReadonlyDoc } from '../doc/command'

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

export function isValidName(name: string): boolean {
  return NAME_RE.test(name)
}

export const screenFile = (name: string) => `screens/${name}.json`
export const programFile = (name: string) => `programs/${name}.fbd.json`

/** Names of resources under a folder with a suffix, sorted (e.g. screens). */
export function namesIn(doc: ReadonlyDoc, folder: string, suffix: string): string[] {
  const out: string[] = []
  for (const p of doc.paths()) {
    if (p.startsWith(`${folder}/`) && p.endsWith(suffix) && !p.slice(folder.length + 1).includes('/')) out.push(p.slice(folder.length + 1, -suffix.length))
  }
  return out.sort((a, b) => a.localeCompare(b))
}

function checkNew(doc: ReadonlyDoc, path: string, name: string): string | null {
  if (!isValidName(name)) return `"${name}" is not a valid name: letters, digits, _ and - only; starts with a letter or _`
  if (doc.get(path) !== undefined) return `${path} already exists`
  return null
}

export const createScreen = defineCommand<{ name: string; title?: Screen['title']; width?: number; height?: number }>('project.createScreen', (doc, a) => {
  const path = screenFile(a.name)
  const err = checkNew(doc, path, a.name)
  if (err) return { error: err }
  const screen: Screen = { format: 1, name: a.name, title: a.title ?? { en: a.name, 'zh-CN': a.name }, width: a.width ?? 1280, height: a.height ?? 720, widgets: [] }
  return { changes: { [path]: screen } }
})

/** Rewrite openScreen and popup actions that point at `from` in every screen; returns the changed screens. */
function retargetScreens(doc: ReadonlyDoc, from: string, to: string | null, skip: string): FileChanges {
  const out: FileChanges = {}
  for (const p of doc.paths()) {
    if (!p.startsWith('screens/') || p === skip) continue
    const s = doc.get<Screen>(p)
    if (!s || !Array.isArray(s.widgets)) continue
    let changed = false
    const widgets = s.widgets.map((w) => {
      if (!w.events) return w
      let wc = false
      const events: Record<string, Action[]> = {}
      for (const [ev, list] of Object.entries(w.events)) {
        const next = list.flatMap((act): Action[] => {
          if (act.action === 'write' || act.action === 'toggle' || act.screen !== from) return [act]
          wc = true
          return to === null ? [] : [{ ...act, screen: to }]
        })
        if (next.length > 0) events[ev] = next
      }
      if (!wc) return w
      changed = true
      const { events: _e, ...rest } = w
      return Object.keys(events).length > 0 ? { ...rest, events } : rest
    })
    if (changed) out[p] = { ...s, widgets }
  }
  return out
}

export const renameScreen = defineCommand<{ from: string; to: string }>('project.renameScreen', (doc, a) => {
  const src = screenFile(a.from)
  const s = doc.get<Screen>(src)
  if (!s) return { error: `no screen ${a.from}` }
  if (a.from === a.to) return { changes: {} }
  const dst = screenFile(a.to)
  const err = checkNew(doc, dst, a.to)
  if (err) return { error: err }
  const changes: FileChanges = { [src]: null, [dst]: { ...s, name: a.to }, ...retargetScreens(doc, a.from, a.to, src) }
  const m = doc.get<AppManifest>('app.json')
  if (m && m.entryScreen === a.from) changes['app.json'] = { ...m, entryScreen: a.to }
  return { changes }
})

/** Delete a screen; openScreen and popup actions pointing at it are removed. The entry screen cannot be deleted. */
export const deleteScreen = defineCommand<{ name: string }>('project.deleteScreen', (doc, a) => {
  const path = screenFile(a.name)
  if (doc.get(path) === undefined) return { error: `no screen ${a.name}` }
  const m = doc.get<AppManifest>('app.json')
  if (m && m.entryScreen === a.name) return { error: `"${a.name}" is the entry screen; choose another entry screen first` }
  return { changes: { [path]: null, ...retargetScreens(doc, a.name, null, path) } }
})

export const createProgram = defineCommand<{ name: string; description?: string }>('project.createProgram', (doc, a) => {
  const path = programFile(a.name)
  const err = checkNew(doc, path, a.name)
  if (err) return { error: err }
  const p: FbdProgram = { format: 1, name: a.name, ...(a.description ? { description: a.description } : {}), blocks: [], wires: [] }
  return { changes: { [path]: p } }
})

function retargetTasks(m: AppManifest, from: string, to: string | null): AppManifest | null {
  let changed = false
  const tasks = m.tasks.flatMap((t) => {
    if (!t.programs.includes(from)) return [t]
    changed = true
    const programs = to === null ? t.programs.filter((p) => p !== from) : t.programs.map((p) => (p === from ? to : p))
    return [{ ...t, programs }]
  })
  return changed ? { ...m, tasks } : null
}

export const renameProgram = defineCommand<{ from: string; to: string }>('project.renameProgram', (doc, a) => {
  const src = programFile(a.from)
  const p = doc.get<FbdProgram>(src)
  if (!p) return { error: `no program ${a.from}` }
  if (a.from === a.to) return { changes: {} }
  const dst = programFile(a.to)
  const err = checkNew(doc, dst, a.to)
  if (err) return { error: err }
  const changes: FileChanges = { [src]: null, [dst]: { ...p, name: a.to } }
  const m = doc.get<AppManifest>('app.json')
  const nm = m && Array.isArray(m.tasks) ? retargetTasks(m, a.from, a.to) : null
  if (nm) changes['app.json'] = nm
  return { changes }
})

/** Delete a program and take it out of every task (a task left empty stays: tasks are the engineer's). */
export const deleteProgram = defineCommand<{ name: string }>('project.deleteProgram', (doc, a) => {
  const path = programFile(a.name)
  if (doc.get(path) === undefined) return { error: `no program ${a.name}` }
  const changes: FileChanges = { [path]: null }
  const m = doc.get<AppManifest>('app.json')
  const nm = m && Array.isArray(m.tasks) ? retargetTasks(m, a.name, null) : null
  if (nm) changes['app.json'] = nm
  return { changes }
})
