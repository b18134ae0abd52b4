import { describe, expect, it } from 'vitest'
import { loadApp, memorySource } from '@takt/blocks'
import type { AppManifest } from '@takt/blocks'
import type { ProjectDocument } from '../doc/document'
import type { DispatchResult } from '../doc/document'
import type { TemplateDoc } from '../templates/model'
import {
  addProgramToTask, createTask, deleteTask, moveProgram, moveProgramToTask, moveTask, removeProgramFromTask, renameTask, setTaskPeriod,
  templatesNaming, uniqueTaskName,
} from './commands'
import { tasksDoc } from './fixtures'
import { scheduleView } from './model'

const app = (d: ProjectDocument) => d.get<AppManifest>('app.json')!
const tasks = (d: ProjectDocument) => app(d).tasks.map((x) => [x.name, x.periodMs, x.programs])
const motorTask = (d: ProjectDocument) => (d.get<TemplateDoc>('types/Motor.json')!.programs as { task?: string }[]).map((p) => p.task)
const ok = (r: DispatchResult) => expect(r).toMatchObject({ ok: true })
const refused = (r: DispatchResult) => (r.ok ? 'applied' : r.error)

describe('tasks', () => {
  it('creates a task with a unique default name and 100 ms, or the given name and period; undo removes it', () => {
    const d = tasksDoc()
    expect(d.dispatch(createTask, {})).toEqual({ ok: true, select: ['task1'] })
    expect(d.dispatch(createTask, { name: 'fast', periodMs: 50 })).toEqual({ ok: true, select: ['fast'] })
    expect(tasks(d).slice(2)).toEqual([['task1', 100, []], ['fast', 50, []]])
    expect(uniqueTaskName(app(d).tasks)).toBe('task2')
    expect(refused(d.dispatch(createTask, { name: 'FAST' }))).toBe('A task fast already exists')
    expect(refused(d.dispatch(createTask, { name: '9x' }))).toMatch(/^"9x" is not a valid task name/)
    expect(refused(d.dispatch(createTask, { name: 'x', periodMs: 5 }))).toBe('The period must be a whole number of ms from 10 to 3600000')
    expect(refused(d.dispatch(createTask, { name: 'x', periodMs: 12.5 }))).toMatch(/whole number/)
    d.undo()
    d.undo()
    expect(tasks(d).map((x) => x[0])).toEqual(['main', 'slow'])
    d.redo()
    expect(tasks(d).map((x) => x[0])).toEqual(['main', 'slow', 'task1'])
  })

  it('sets the period within 10 ms .. 1 h; the same period is no change', () => {
    const d = tasksDoc()
    ok(d.dispatch(setTaskPeriod, { task: 'main', periodMs: 10 }))
    ok(d.dispatch(setTaskPeriod, { task: 'slow', periodMs: 3_600_000 }))
    expect(tasks(d).map((x) => x[1])).toEqual([10, 3_600_000])
    expect(refused(d.dispatch(setTaskPeriod, { task: 'main', periodMs: 3_600_001 }))).toMatch(/from 10 to 3600000/)
    expect(refused(d.dispatch(setTaskPeriod, { task: 'main', periodMs: 9 }))).toMatch(/from 10/)
    expect(refused(d.dispatch(setTaskPeriod, { task: 'nope', periodMs: 100 }))).toBe('There is no task nope')
    const before = d.history.undoName
    ok(d.dispatch(setTaskPeriod, { task: 'main', periodMs: 10 }))
    expect(d.history.undoName).toBe(before)
    d.undo()
    expect(app(d).tasks[1]!.periodMs).toBe(1000)
  })

  it('renames a task: its programs and bindings move with it, and template programs naming it follow', () => {
    const d = tasksDoc()
    const original = app(d)
    ok(d.dispatch(renameTask, { from: 'main', to: 'control' }))
    expect(app(d).tasks[0]).toEqual({ name: 'control', periodMs: 100, programs: ['fill', 'pumps'], bindings: { pumps: { level: 'Plant/Level', run: 'Plant/Run' } } })
    ok(d.dispatch(renameTask, { from: 'slow', to: 'Slow_1' }))
    expect(motorTask(d)).toEqual(['Slow_1', undefined])
    expect(refused(d.dispatch(renameTask, { from: 'control', to: 'SLOW_1' }))).toBe('A task Slow_1 already exists')
    expect(refused(d.dispatch(renameTask, { from: 'gone', to: 'x' }))).toBe('There is no task gone')
    expect(refused(d.dispatch(renameTask, { from: 'control', to: 'a b' }))).toMatch(/not a valid task name/)
    // A change of case only is a rename too.
    ok(d.dispatch(renameTask, { from: 'control', to: 'Control' }))
    d.undo(); d.undo(); d.undo()
    expect(app(d)).toBe(original)
    expect(motorTask(d)).toEqual(['slow', undefined])
  })

  it('re-orders tasks; at either end nothing changes', () => {
    const d = tasksDoc()
    ok(d.dispatch(moveTask, { task: 'slow', delta: -1 }))
    expect(tasks(d).map((x) => x[0])).toEqual(['slow', 'main'])
    const v = d.version.value
    ok(d.dispatch(moveTask, { task: 'slow', delta: -1 }))
    expect(d.version.value).toBe(v)
    d.undo()
    expect(tasks(d).map((x) => x[0])).toEqual(['main', 'slow'])
  })

  it('deletes a task, its programs becoming unscheduled; refuses while a template program names it', () => {
    const d = tasksDoc()
    expect(templatesNaming(d, 'slow')).toEqual(['Motor/RunCheck'])
    expect(refused(d.dispatch(deleteTask, { name: 'slow' }))).toBe(
      'Template programs run in task slow (Motor/RunCheck): choose another task for them in their template first')
    ok(d.dispatch(deleteTask, { name: 'main' }))
    expect(tasks(d)).toEqual([['slow', 1000, []]])
    expect(scheduleView(d).unscheduled.map((p) => p.name)).toEqual(['drain', 'fill', 'pumps', 'Spare'])
    d.undo()
    expect(app(d).tasks[0]!.bindings).toEqual({ pumps: { level: 'Plant/Level', run: 'Plant/Run' } })
    expect(refused(d.dispatch(deleteTask, { name: 'nope' }))).toBe('There is no task nope')
  })
})

describe('programs in tasks', () => {
  it('adds FBD programs and ST PROGRAMs (in any case, stored as declared), at the end or at a position', () => {
    const d = tasksDoc()
    ok(d.dispatch(addProgramToTask, { task: 'slow', program: 'drain' }))
    ok(d.dispatch(addProgramToTask, { task: 'slow', program: 'SPARE', index: 0 }))
    expect(app(d).tasks[1]!.programs).toEqual(['Spare', 'drain'])
    d.undo()
    expect(app(d).tasks[1]!.programs).toEqual(['drain'])
  })

  it('refuses a program that already runs in a task, naming that task, and one that does not exist', () => {
    const d = tasksDoc()
    expect(refused(d.dispatch(addProgramToTask, { task: 'slow', program: 'fill' }))).toBe(
      'Program fill already runs in task main; a program runs in one task only: move it instead')
    expect(refused(d.dispatch(addProgramToTask, { task: 'main', program: 'PUMPS' }))).toMatch(/^Program pumps already runs in task main/)
    expect(refused(d.dispatch(addProgramToTask, { task: 'slow', program: 'ghost' }))).toBe(
      'Program ghost does not exist (no programs/ghost.fbd.json, no PROGRAM ghost in programs/*.st)')
    expect(refused(d.dispatch(addProgramToTask, { task: 'nope', program: 'drain' }))).toBe('There is no task nope')
  })

  it('changes the execution order up and down; at the ends nothing changes', () => {
    const d = tasksDoc()
    ok(d.dispatch(addProgramToTask, { task: 'main', program: 'drain' }))
    ok(d.dispatch(moveProgram, { task: 'main', program: 'drain', delta: -1 }))
    expect(app(d).tasks[0]!.programs).toEqual(['fill', 'drain', 'pumps'])
    ok(d.dispatch(moveProgram, { task: 'main', program: 'fill', delta: 1 }))
    expect(app(d).tasks[0]!.programs).toEqual(['drain', 'fill', 'pumps'])
    const v = d.version.value
    ok(d.dispatch(moveProgram, { task: 'main', program: 'drain', delta: -1 }))
    ok(d.dispatch(moveProgram, { task: 'main', program: 'PUMPS', delta: 1 }))
    expect(d.version.value).toBe(v)
    expect(refused(d.dispatch(moveProgram, { task: 'slow', program: 'fill', delta: 1 }))).toBe('Task slow does not run fill')
    d.undo(); d.undo()
    expect(app(d).tasks[0]!.programs).toEqual(['fill', 'pumps', 'drain'])
  })

  it('removes a program from its task with its bindings; it is then unscheduled', () => {
    const d = tasksDoc()
    ok(d.dispatch(removeProgramFromTask, { task: 'main', program: 'PUMPS' }))
    expect(app(d).tasks[0]).toEqual({ name: 'main', periodMs: 100, programs: ['fill'] })
    expect(scheduleView(d).unscheduled.map((p) => p.name)).toEqual(['drain', 'pumps', 'Spare'])
    expect(refused(d.dispatch(removeProgramFromTask, { task: 'main', program: 'pumps' }))).toBe('Task main does not run pumps')
    d.undo()
    expect(app(d).tasks[0]!.bindings).toEqual({ pumps: { level: 'Plant/Level', run: 'Plant/Run' } })
  })

  it('moves a program to another task, carrying its bindings; back again restores the file', () => {
    const d = tasksDoc()
    const original = app(d)
    ok(d.dispatch(moveProgramToTask, { program: 'pumps', to: 'slow' }))
    expect(app(d).tasks).toEqual([
      { name: 'main', periodMs: 100, programs: ['fill'] },
      { name: 'slow', periodMs: 1000, programs: ['pumps'], bindings: { pumps: { level: 'Plant/Level', run: 'Plant/Run' } } },
    ])
    ok(d.dispatch(moveProgramToTask, { program: 'pumps', to: 'main', index: 1 }))
    expect(app(d)).toEqual(original)
    expect(refused(d.dispatch(moveProgramToTask, { program: 'drain', to: 'main' }))).toBe('No task runs drain')
    expect(refused(d.dispatch(moveProgramToTask, { program: 'fill', to: 'nope' }))).toBe('There is no task nope')
    d.undo(); d.undo()
    expect(app(d)).toBe(original)
  })

  it('leaves an APP the loader accepts, with the template copies in their tasks', async () => {
    const d = tasksDoc()
    ok(d.dispatch(createTask, { name: 'fast', periodMs: 50 }))
    ok(d.dispatch(moveTask, { task: 'fast', delta: -1 }))
    ok(d.dispatch(moveTask, { task: 'fast', delta: -1 }))
    ok(d.dispatch(addProgramToTask, { task: 'fast', program: 'drain' }))
    ok(d.dispatch(moveProgramToTask, { program: 'pumps', to: 'fast', index: 0 }))
    ok(d.dispatch(renameTask, { from: 'slow', to: 'hourly' }))
    ok(d.dispatch(setTaskPeriod, { task: 'hourly', periodMs: 3_600_000 }))
    const files = Object.fromEntries(d.paths().map((p) => [p, typeof d.get(p) === 'string' ? d.get<string>(p)! : JSON.stringify(d.get(p))]))
    const r = await loadApp(memorySource(files))
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([])
    expect(r.app!.manifest.tasks.map((x) => [x.name, x.programs])).toEqual([['fast', ['pumps', 'drain']], ['main', ['fill']], ['hourly', []]])
    // Count names no task: the first task runs it.
    expect(r.app!.templatePrograms!.map((p) => [p.task, p.program.name])).toEqual([
      ['hourly', 'Plant/M1/RunCheck'], ['fast', 'Plant/M1/Count'], ['hourly', 'Plant/M2/RunCheck'], ['fast', 'Plant/M2/Count'],
    ])
  })
})
