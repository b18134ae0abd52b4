/**
 * Commands of the task editor (app.json `tasks`): create, rename, re-time, re-order and delete scan tasks, and
 * schedule programs in them. A program runs in at most one task: adding one that already runs is refused with the
 * task it runs in, and `moveProgramToTask` moves it (with its Structured Text bindings). Refusals are in the UI
 * language, as the editor shows them as they are.
 */
import type { AppManifest, Task } from '@takt/blocks'
import { t } from '../../i18n'
import { defineCommand } from '../doc/command'
import type { CommandResult, FileChanges, ReadonlyDoc } from '../doc/command'
import { isTemplateDoc, listTemplates, templatePath } from '../templates/model'
import type { TemplateDoc } from '../templates/model'
import type { TemplateProgramDoc } from '../templates/program-commands'
import { draftManifest, draftPrograms, entryIndex, resolveEntry, scheduledAt } from './model'

/** The schema's limits (blocks `Task`, `AppManifest`). */
export const MIN_PERIOD_MS = 10
export const MAX_PERIOD_MS = 3_600_000
export const DEFAULT_PERIOD_MS = 100
const MAX_TASKS = 64
const MAX_PROGRAMS = 256
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

const upper = (s: string) => s.toUpperCase()

type Edit = (m: AppManifest, tasks: Task[]) => CommandResult

/** Runs `edit` on app.json; `tasks` is a fresh copy of the list to change in place. */
function onManifest(doc: ReadonlyDoc, edit: Edit): CommandResult {
  const m = draftManifest(doc)
  if (!m) return { error: t('tasks.err.noManifest') }
  return edit(m, m.tasks.slice())
}

function saved(m: AppManifest, tasks: Task[], extra: FileChanges = {}, select?: string[]): CommandResult {
  return { changes: { 'app.json': { ...m, tasks }, ...extra }, ...(select ? { select } : {}) }
}

function taskAt(tasks: readonly Task[], name: string): number {
  return tasks.findIndex((x) => x.name === name)
}

/** Why `name` cannot name a task (besides `except`, the task being renamed), or null. */
function nameProblem(tasks: readonly Task[], name: string, except?: string): string | null {
  if (!NAME_RE.test(name)) return t('tasks.err.badName', { name })
  // Names differing only in case would confuse every engineer reading a task list; the runtime allows them.
  const clash = tasks.find((x) => x.name !== except && upper(x.name) === upper(name))
  return clash ? t('tasks.err.exists', { name: clash.name }) : null
}

function periodProblem(ms: number): string | null {
  return Number.isInteger(ms) && ms >= MIN_PERIOD_MS && ms <= MAX_PERIOD_MS ? null : t('tasks.err.period', { min: MIN_PERIOD_MS, max: MAX_PERIOD_MS })
}

/** The first free name `task1`, `task2`, … (case-insensitive, as `nameProblem` compares). */
export function uniqueTaskName(tasks: readonly Task[], base = 'task'): string {
  const taken = new Set(tasks.map((x) => upper(x.name)))
  for (let i = 1; ; i++) if (!taken.has(upper(`${base}${i}`))) return `${base}${i}`
}

/** A new task at the end of the list: default name `taskN`, default period 100 ms, no programs. */
export const createTask = defineCommand<{ name?: string; periodMs?: number }>('task.create', (doc, a) => onManifest(doc, (m, tasks) => {
  if (tasks.length >= MAX_TASKS) return { error: t('tasks.err.tooManyTasks', { max: MAX_TASKS }) }
  const name = a.name ?? uniqueTaskName(tasks)
  const periodMs = a.periodMs ?? DEFAULT_PERIOD_MS
  const err = nameProblem(tasks, name) ?? periodProblem(periodMs)
  if (err) return { error: err }
  tasks.push({ name, periodMs, programs: [] })
  return saved(m, tasks, {}, [name])
}))

/** Template files whose programs name task `from`, rewritten to name `to`. */
function retargetTemplates(doc: ReadonlyDoc, from: string, to: string): FileChanges {
  const out: FileChanges = {}
  for (const name of listTemplates(doc)) {
    const path = templatePath(name)
    const tpl = doc.get<TemplateDoc>(path)
    if (!isTemplateDoc(tpl) || !Array.isArray(tpl.programs)) continue
    const programs = tpl.programs as TemplateProgramDoc[]
    if (!programs.some((p) => p?.task === from)) continue
    out[path] = { ...tpl, programs: programs.map((p) => (p?.task === from ? { ...p, task: to } : p)) }
  }
  return out
}

/** Rename a task. Its programs and bindings stay with it; template programs naming it follow the new name. */
export const renameTask = defineCommand<{ from: string; to: string }>('task.rename', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.from)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.from }) }
  if (a.from === a.to) return { changes: {} }
  const err = nameProblem(tasks, a.to, a.from)
  if (err) return { error: err }
  tasks[i] = { ...tasks[i]!, name: a.to }
  return saved(m, tasks, retargetTemplates(doc, a.from, a.to), [a.to])
}))

/** Template programs that name `task` explicitly (`Motor/RunCheck`); deleting the task would strand them. */
export function templatesNaming(doc: ReadonlyDoc, task: string): string[] {
  const out: string[] = []
  for (const name of listTemplates(doc)) {
    const tpl = doc.get(templatePath(name))
    if (!isTemplateDoc(tpl) || !Array.isArray(tpl.programs)) continue
    for (const p of tpl.programs as TemplateProgramDoc[]) if (p?.task === task) out.push(`${name}/${p.name ?? '?'}`)
  }
  return out
}

/**
 * Delete a task. Its programs stop running (they are then unscheduled) and their bindings go with it; the editor
 * asks for confirmation first when it runs anything. Refused while a template program names the task, because
 * its copies would have no task: choose another task in the template first.
 */
export const deleteTask = defineCommand<{ name: string }>('task.delete', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.name)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.name }) }
  const named = templatesNaming(doc, a.name)
  if (named.length > 0) return { error: t('tasks.err.namedByTemplate', { task: a.name, programs: named.join(', ') }) }
  tasks.splice(i, 1)
  return saved(m, tasks)
}))

/** Set a task's period in ms (an integer, 10 ms to 1 hour). */
export const setTaskPeriod = defineCommand<{ task: string; periodMs: number }>('task.setPeriod', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.task)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.task }) }
  const err = periodProblem(a.periodMs)
  if (err) return { error: err }
  if (tasks[i]!.periodMs === a.periodMs) return { changes: {} }
  tasks[i] = { ...tasks[i]!, periodMs: a.periodMs }
  return saved(m, tasks)
}))

/** Move a task up (-1) or down (+1) in the list. The first task runs template programs that name no task. */
export const moveTask = defineCommand<{ task: string; delta: -1 | 1 }>('task.move', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.task)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.task }) }
  const j = i + a.delta
  if (j < 0 || j >= tasks.length) return { changes: {} }
  ;[tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!]
  return saved(m, tasks)
}))

/** The binding key of `entry` in `task.bindings` (ST matches names in any case), or undefined. */
function bindingKey(task: Task, entry: string): string | undefined {
  return Object.keys(task.bindings ?? {}).find((k) => upper(k) === upper(entry))
}

/** `task` without the program entry at `index`, and without that program's bindings; also returns them. */
function without(task: Task, index: number): { task: Task; bindings: Record<string, string> | undefined } {
  const entry = task.programs[index]!
  const programs = task.programs.filter((_, k) => k !== index)
  const key = bindingKey(task, entry)
  if (key === undefined) return { task: { ...task, programs }, bindings: undefined }
  const { [key]: bindings, ...others } = task.bindings!
  const { bindings: _old, ...rest } = task
  return { task: Object.keys(others).length > 0 ? { ...rest, programs, bindings: others } : { ...rest, programs }, bindings }
}

/** `task` running `entry` at `index` (end when undefined), with its bindings when it has any. */
function withEntry(task: Task, entry: string, index: number | undefined, bindings?: Record<string, string>): Task {
  const programs = task.programs.slice()
  programs.splice(index === undefined ? programs.length : Math.max(0, Math.min(index, programs.length)), 0, entry)
  if (bindings === undefined) return { ...task, programs }
  return { ...task, programs, bindings: { ...(task.bindings ?? {}), [entry]: bindings } }
}

/**
 * Run a program (FBD or ST PROGRAM) in a task, at the end of its list or at `index`. Refused when another (or the
 * same) task already runs it: `moveProgramToTask` moves it instead.
 */
export const addProgramToTask = defineCommand<{ task: string; program: string; index?: number }>('task.addProgram', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.task)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.task }) }
  const ref = resolveEntry(draftPrograms(doc), a.program)
  if (!ref) return { error: t('tasks.pr.missing', { program: a.program }) }
  const at = scheduledAt(m, ref.name)
  if (at) return { error: t('tasks.err.alreadyRuns', { program: ref.name, task: at.task.name }) }
  if (tasks[i]!.programs.length >= MAX_PROGRAMS) return { error: t('tasks.err.tooManyPrograms', { task: a.task, max: MAX_PROGRAMS }) }
  tasks[i] = withEntry(tasks[i]!, ref.name, a.index)
  return saved(m, tasks)
}))

/** Stop running a program in a task (it stays in the project, unscheduled); its bindings there are removed. */
export const removeProgramFromTask = defineCommand<{ task: string; program: string }>('task.removeProgram', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.task)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.task }) }
  const k = entryIndex(tasks[i]!, a.program)
  if (k < 0) return { error: t('tasks.err.notInTask', { program: a.program, task: a.task }) }
  tasks[i] = without(tasks[i]!, k).task
  return saved(m, tasks)
}))

/** Move a program earlier (-1) or later (+1) in its task's execution order. */
export const moveProgram = defineCommand<{ task: string; program: string; delta: -1 | 1 }>('task.moveProgram', (doc, a) => onManifest(doc, (m, tasks) => {
  const i = taskAt(tasks, a.task)
  if (i < 0) return { error: t('tasks.err.noTask', { task: a.task }) }
  const k = entryIndex(tasks[i]!, a.program)
  if (k < 0) return { error: t('tasks.err.notInTask', { program: a.program, task: a.task }) }
  const j = k + a.delta
  const programs = tasks[i]!.programs.slice()
  if (j < 0 || j >= programs.length) return { changes: {} }
  ;[programs[k], programs[j]] = [programs[j]!, programs[k]!]
  tasks[i] = { ...tasks[i]!, programs }
  return saved(m, tasks)
}))

/** Run a scheduled program in another task instead (at the end of its list, or at `index`), bindings included. */
export const moveProgramToTask = defineCommand<{ program: string; to: string; index?: number }>('task.moveProgramTo', (doc, a) => onManifest(doc, (m, tasks) => {
  const at = scheduledAt(m, a.program)
  if (!at) return { error: t('tasks.err.notScheduled', { program: a.program }) }
  const j = taskAt(tasks, a.to)
  if (j < 0) return { error: t('tasks.err.noTask', { task: a.to }) }
  if (j === at.taskIndex) return { changes: {} }
  if (tasks[j]!.programs.length >= MAX_PROGRAMS) return { error: t('tasks.err.tooManyPrograms', { task: a.to, max: MAX_PROGRAMS }) }
  const entry = at.task.programs[at.index]!
  const out = without(at.task, at.index)
  tasks[at.taskIndex] = out.task
  tasks[j] = withEntry(tasks[j]!, entry, a.index, out.bindings)
  return saved(m, tasks)
}))

/** Readable command names for the undo menu. */
export const TASK_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'task.create': { en: 'New task', 'zh-CN': '新建任务' },
  'task.rename': { en: 'Rename task', 'zh-CN': '重命名任务' },
  'task.delete': { en: 'Delete task', 'zh-CN': '删除任务' },
  'task.setPeriod': { en: 'Change task period', 'zh-CN': '修改任务周期' },
  'task.move': { en: 'Reorder tasks', 'zh-CN': '调整任务顺序' },
  'task.addProgram': { en: 'Add program to task', 'zh-CN': '将程序加入任务' },
  'task.removeProgram': { en: 'Remove program from task', 'zh-CN': '从任务移除程序' },
  'task.moveProgram': { en: 'Change execution order', 'zh-CN': '调整执行顺序' },
  'task.moveProgramTo': { en: 'Move program to task', 'zh-CN': '将程序移到任务' },
}
