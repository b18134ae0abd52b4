/**
 * Read helpers for scan tasks (app.json `tasks`): the draft's programs (FBD files and Structured Text PROGRAMs),
 * which task runs each, the template copies a task runs after its own programs, and the schedule's problems.
 * Draft files may be half-edited, so every read is defensive; the loader's validation has the last word.
 */
import type { AppManifest, Task } from '@takt/blocks'
import { t } from '../../i18n'
import type { ReadonlyDoc } from '../doc/command'
import { namesIn } from '../project/commands'
import { draftStUnit, stPaths } from '../st/unit'
import { isTemplateDoc, listInstances, templatePath } from '../templates/model'
import { templateProgramRows } from '../templates/program-commands'

export type ProgramKind = 'fbd' | 'st'

/** A program a task can run: an FBD file `programs/<name>.fbd.json` or a PROGRAM POU in `programs/<file>.st`. */
export interface ProgramRef {
  name: string
  kind: ProgramKind
  /** The route name that opens it: the FBD program's name, or the ST file's name. */
  file: string
}

const upper = (s: string) => s.toUpperCase()

/** app.json as held in the draft, with `tasks` always an array. */
export function draftManifest(doc: ReadonlyDoc): AppManifest | undefined {
  const m = doc.get<AppManifest>('app.json')
  if (!m || typeof m !== 'object') return undefined
  return Array.isArray(m.tasks) ? m : { ...m, tasks: [] }
}

/** The draft's programs: FBD files by name, then ST PROGRAMs by name (as the runtime looks them up). */
export function draftPrograms(doc: ReadonlyDoc): ProgramRef[] {
  const fbd = namesIn(doc, 'programs', '.fbd.json').map((name): ProgramRef => ({ name, kind: 'fbd', file: name }))
  if (stPaths(doc).length === 0) return fbd
  const unit = draftStUnit(doc)
  const st = unit.pous.filter((p) => p.kind === 'PROGRAM').map((p): ProgramRef => {
    const file = unit.where(p).file
    return { name: p.name, kind: 'st', file: file.replace(/^programs\//, '').replace(/\.st$/, '') }
  })
  st.sort((a, b) => a.name.localeCompare(b.name))
  return [...fbd, ...st]
}

/** Whether a task's program entry names `ref` (FBD names exactly, ST PROGRAMs in any case, as the runtime does). */
export function entryIs(entry: string, ref: ProgramRef): boolean {
  return ref.kind === 'fbd' ? entry === ref.name : upper(entry) === upper(ref.name)
}

/** The program a task's entry names, or undefined. An FBD file wins over a PROGRAM of the same name (runtime rule). */
export function resolveEntry(programs: readonly ProgramRef[], entry: string): ProgramRef | undefined {
  return programs.find((p) => p.kind === 'fbd' && p.name === entry) ?? programs.find((p) => p.kind === 'st' && entryIs(entry, p))
}

/** Index of the entry in `task.programs` that names `program`: the exact spelling first, then in any case. */
export function entryIndex(task: Task, program: string): number {
  const exact = task.programs.indexOf(program)
  return exact >= 0 ? exact : task.programs.findIndex((p) => upper(p) === upper(program))
}

/** Where a program runs: the task and the position in its list, or null when no task runs it. */
export function scheduledAt(m: AppManifest | undefined, program: string): { task: Task; taskIndex: number; index: number } | null {
  const tasks = m?.tasks ?? []
  for (let taskIndex = 0; taskIndex < tasks.length; taskIndex++) {
    const task = tasks[taskIndex]!
    const index = Array.isArray(task.programs) ? entryIndex(task, program) : -1
    if (index >= 0) return { task, taskIndex, index }
  }
  return null
}

/** One instance's copy of a template program, as a task runs it after its own programs. */
export interface TemplateCopy {
  /** `<instance>/<program>`. */
  name: string
  template: string
  instance: string
  /** The task named in the template; undefined: the APP's first task. */
  named: string | undefined
}

/**
 * Each template program copy with the task that runs it (null: the task it names does not exist, so it does not
 * run), plus a problem per template program whose task is missing.
 */
export function templateCopies(doc: ReadonlyDoc, m: AppManifest | undefined): { copies: (TemplateCopy & { task: string | null })[]; problems: string[] } {
  const tasks = (m?.tasks ?? []).map((x) => x.name)
  const copies: (TemplateCopy & { task: string | null })[] = []
  const problems = new Map<string, string>()
  for (const ins of listInstances(doc)) {
    const tpl = doc.get(templatePath(ins.type))
    if (!isTemplateDoc(tpl)) continue
    for (const row of templateProgramRows(tpl)) {
      if (row.name === '') continue
      const task = row.task ?? tasks[0]
      const ok = task !== undefined && tasks.includes(task)
      copies.push({ name: `${ins.path}/${row.name}`, template: ins.type, instance: ins.path, named: row.task, task: ok ? task : null })
      if (!ok) {
        problems.set(`${ins.type}/${row.name}`, row.task === undefined
          ? t('tasks.pr.copyNoTask', { template: ins.type, program: row.name })
          : t('tasks.pr.copyTask', { template: ins.type, program: row.name, task: row.task }))
      }
    }
  }
  return { copies, problems: [...problems.values()] }
}

/** A program entry of a task as the Tasks page shows it. */
export interface ScheduledProgram {
  entry: string
  program: ProgramRef | null
  /** Why it cannot run as listed (missing, scheduled twice), or null. */
  problem: string | null
}

export interface TaskView {
  name: string
  periodMs: number
  programs: ScheduledProgram[]
  copies: TemplateCopy[]
}

export interface ScheduleView {
  tasks: TaskView[]
  /** Programs no task runs. */
  unscheduled: ProgramRef[]
  /** Problems outside one task's list (template programs naming a missing task). */
  problems: string[]
}

/** Everything the Tasks page shows, from the draft. */
export function scheduleView(doc: ReadonlyDoc): ScheduleView {
  const m = draftManifest(doc)
  const programs = draftPrograms(doc)
  const stBroken = stPaths(doc).length > 0 && !draftStUnit(doc).ok
  const { copies, problems } = templateCopies(doc, m)
  const runs = new Map<ProgramRef, string>()
  const tasks = (m?.tasks ?? []).map((task): TaskView => {
    const list = Array.isArray(task.programs) ? task.programs : []
    return {
      name: task.name,
      periodMs: task.periodMs,
      programs: list.map((entry): ScheduledProgram => {
        const program = resolveEntry(programs, entry) ?? null
        if (!program) return { entry, program, problem: t(stBroken ? 'tasks.pr.missingStErrors' : 'tasks.pr.missing', { program: entry }) }
        const prior = runs.get(program)
        if (prior !== undefined) return { entry, program, problem: t('tasks.pr.twice', { task: prior }) }
        runs.set(program, task.name)
        return { entry, program, problem: null }
      }),
      copies: copies.filter((c) => c.task === task.name),
    }
  })
  return { tasks, unscheduled: programs.filter((p) => !runs.has(p)), problems }
}
