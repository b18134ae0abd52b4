/**
 * Commands of the Structured Text editor: the source of a `programs/<name>.st` file, the task bindings of its
 * PROGRAMs (app.json `tasks[].bindings`), which task runs a PROGRAM, and creating / deleting ST files.
 */
import { compileSt } from '@takt/blocks'
import type { AppManifest, Task } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { FileChanges, ReadonlyDoc } from '../doc/command'
import { stFile } from './unit'

/** IEC identifiers: an ST file's name is also the name of the PROGRAM it starts with. */
const ST_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
const upper = (s: string) => s.toUpperCase()

export const setStSource = defineCommand<{ path: string; source: string }>('st.setSource', (doc, a) => {
  const cur = doc.get(a.path)
  if (typeof cur !== 'string') return { error: `no Structured Text file ${a.path}` }
  return cur === a.source ? { changes: {} } : { changes: { [a.path]: a.source } }
})

/** The task running `program` (case-insensitive, as the runtime matches ST PROGRAMs) and its bindings. */
export function programTask(m: AppManifest | undefined, program: string): { index: number; task: Task; bindings: Record<string, string> } | null {
  const tasks = m && Array.isArray(m.tasks) ? m.tasks : []
  const index = tasks.findIndex((t) => t.programs.some((p) => upper(p) === upper(program)))
  if (index < 0) return null
  const task = tasks[index]!
  const key = Object.keys(task.bindings ?? {}).find((k) => upper(k) === upper(program))
  return { index, task, bindings: key !== undefined ? { ...task.bindings![key] } : {} }
}

/** The tag bound to `variable` (case-insensitive key match), if any. */
export function boundTag(bindings: Readonly<Record<string, string>>, variable: string): string | undefined {
  const k = Object.keys(bindings).find((x) => upper(x) === upper(variable))
  return k === undefined ? undefined : bindings[k]
}

function withTask(m: AppManifest, index: number, task: Task): AppManifest {
  const tasks = m.tasks.slice()
  tasks[index] = task
  return { ...m, tasks }
}

/**
 * Bind a PROGRAM variable to a tag, or unbind it (`tag: null`). The key keeps the spelling already in app.json;
 * an empty program entry and an empty `bindings` are removed, so unbinding everything restores the original file.
 */
export const setStBinding = defineCommand<{ program: string; variable: string; tag: string | null }>('st.setBinding', (doc, a) => {
  const m = doc.get<AppManifest>('app.json')
  if (!m) return { error: 'app.json is missing' }
  const hit = programTask(m, a.program)
  if (!hit) return { error: `no task runs PROGRAM ${a.program}; add it to a task first` }
  const { index, task } = hit
  const all = { ...(task.bindings ?? {}) }
  const progKey = Object.keys(all).find((k) => upper(k) === upper(a.program)) ?? task.programs.find((p) => upper(p) === upper(a.program))!
  const map = { ...(all[progKey] ?? {}) }
  const varKey = Object.keys(map).find((k) => upper(k) === upper(a.variable))
  if (varKey !== undefined) delete map[varKey]
  if (a.tag !== null) {
    if (a.tag.trim() === '') return { error: 'the tag path is empty' }
    map[varKey ?? a.variable] = a.tag
  }
  if (Object.keys(map).length > 0) all[progKey] = map
  else delete all[progKey]
  const { bindings: _old, ...rest } = task
  const next: Task = Object.keys(all).length > 0 ? { ...rest, bindings: all } : rest
  return { changes: { 'app.json': withTask(m, index, next) } }
})

/** Run a PROGRAM in a task (appended to its program list); a PROGRAM runs in at most one task. */
export const assignStTask = defineCommand<{ program: string; task: string }>('st.assignTask', (doc, a) => {
  const m = doc.get<AppManifest>('app.json')
  if (!m) return { error: 'app.json is missing' }
  if (programTask(m, a.program)) return { error: `PROGRAM ${a.program} already runs in a task` }
  const index = m.tasks.findIndex((t) => t.name === a.task)
  if (index < 0) return { error: `no task ${a.task}` }
  const task = m.tasks[index]!
  return { changes: { 'app.json': withTask(m, index, { ...task, programs: [...task.programs, a.program] }) } }
})

function starter(name: string): string {
  return `PROGRAM ${name}\nVAR_INPUT\nEND_VAR\nVAR_OUTPUT\nEND_VAR\nVAR\nEND_VAR\n\nEND_PROGRAM\n`
}

/** A new `programs/<name>.st` holding an empty PROGRAM of the same name. */
export const createStFile = defineCommand<{ name: string }>('project.createStFile', (doc, a) => {
  if (!ST_NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid name: letters, digits and _ only; starts with a letter or _` }
  const path = stFile(a.name)
  if (doc.get(path) !== undefined) return { error: `${path} already exists` }
  if (doc.get(`programs/${a.name}.fbd.json`) !== undefined) return { error: `an FBD program ${a.name} exists; a task could not tell them apart` }
  return { changes: { [path]: starter(a.name) } }
})

/** PROGRAM names a source defines (through the compiler, so comments and strings never fool it). */
export function programsIn(source: string): string[] {
  return compileSt(source).pous.filter((p) => p.kind === 'PROGRAM').map((p) => p.name)
}

/** Delete an ST file; its PROGRAMs leave every task with their bindings (a task left empty stays, with its period). */
export const deleteStFile = defineCommand<{ name: string }>('project.deleteStFile', (doc, a) => {
  const path = stFile(a.name)
  const src = doc.get(path)
  if (typeof src !== 'string') return { error: `no Structured Text file ${a.name}` }
  const changes: FileChanges = { [path]: null }
  const m = doc.get<AppManifest>('app.json')
  const gone = new Set(programsIn(src).map(upper))
  if (m && Array.isArray(m.tasks) && gone.size > 0 && !stillDefined(doc, path, gone)) {
    let changed = false
    const tasks = m.tasks.flatMap((t): Task[] => {
      const programs = t.programs.filter((p) => !gone.has(upper(p)))
      const bindings = Object.fromEntries(Object.entries(t.bindings ?? {}).filter(([k]) => !gone.has(upper(k))))
      if (programs.length === t.programs.length && Object.keys(bindings).length === Object.keys(t.bindings ?? {}).length) return [t]
      changed = true
      const { bindings: _b, ...rest } = t
      return [Object.keys(bindings).length > 0 ? { ...rest, programs, bindings } : { ...rest, programs }]
    })
    if (changed) changes['app.json'] = { ...m, tasks }
  }
  return { changes }
})

/** Whether another ST file also defines one of `names` (a duplicate being cleaned up): then tasks stay as they are. */
function stillDefined(doc: ReadonlyDoc, skip: string, names: ReadonlySet<string>): boolean {
  return doc.paths().some((p) => p !== skip && p.startsWith('programs/') && p.endsWith('.st')
    && typeof doc.get(p) === 'string' && programsIn(doc.get<string>(p)!).some((n) => names.has(upper(n))))
}

/** Readable command names for the undo menu. */
export const ST_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'st.setSource': { en: 'Edit Structured Text', 'zh-CN': '编辑结构化文本' },
  'st.setBinding': { en: 'Change binding', 'zh-CN': '修改绑定' },
  'st.assignTask': { en: 'Add program to task', 'zh-CN': '将程序加入任务' },
  'project.createStFile': { en: 'New ST file', 'zh-CN': '新建 ST 文件' },
  'project.deleteStFile': { en: 'Delete ST file', 'zh-CN': '删除 ST 文件' },
}
