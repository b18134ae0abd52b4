import { describe, expect, it } from 'vitest'
import type { AppManifest } from '@takt/blocks'
import { setLocale } from '../../i18n'
import { tasksDoc, tasksManifest } from './fixtures'
import { draftPrograms, scheduleView, scheduledAt } from './model'

describe('the schedule as the Tasks page shows it', () => {
  it('lists programs with their kind and file, template copies per task, and what no task runs', () => {
    const d = tasksDoc()
    expect(draftPrograms(d)).toEqual([
      { name: 'drain', kind: 'fbd', file: 'drain' },
      { name: 'fill', kind: 'fbd', file: 'fill' },
      { name: 'pumps', kind: 'st', file: 'pumps' },
      { name: 'Spare', kind: 'st', file: 'pumps' },
    ])
    const v = scheduleView(d)
    expect(v.tasks.map((x) => [x.name, x.periodMs, x.programs.map((p) => [p.entry, p.program?.kind, p.problem])])).toEqual([
      ['main', 100, [['fill', 'fbd', null], ['pumps', 'st', null]]],
      ['slow', 1000, []],
    ])
    // RunCheck names task slow; Count names none, so the first task runs it.
    expect(v.tasks.map((x) => x.copies.map((c) => c.name))).toEqual([['Plant/M1/Count', 'Plant/M2/Count'], ['Plant/M1/RunCheck', 'Plant/M2/RunCheck']])
    expect(v.tasks[1]!.copies[0]).toEqual({ name: 'Plant/M1/RunCheck', template: 'Motor', instance: 'Plant/M1', named: 'slow', task: 'slow' })
    expect(v.unscheduled.map((p) => p.name)).toEqual(['drain', 'Spare'])
    expect(v.problems).toEqual([])
    expect(scheduledAt(d.get<AppManifest>('app.json'), 'PUMPS')).toMatchObject({ taskIndex: 0, index: 1 })
  })

  it('shows a missing program, a program scheduled twice and a template program naming a missing task, in either language', () => {
    const d = tasksDoc()
    const m = tasksManifest()
    d.applyExternal({ 'app.json': { ...m, tasks: [{ ...m.tasks[0]!, programs: ['fill', 'ghost'] }, { name: 'other', periodMs: 10, programs: ['fill'] }] } })
    const v = scheduleView(d)
    expect(v.tasks.flatMap((x) => x.programs.map((p) => p.problem))).toEqual([
      null,
      'Program ghost does not exist (no programs/ghost.fbd.json, no PROGRAM ghost in programs/*.st)',
      'Also runs in task main: it would run twice per cycle',
    ])
    expect(v.problems).toEqual(['Template Motor: program RunCheck runs in task slow, which does not exist; its copies do not run'])
    expect(v.tasks[1]!.copies.map((c) => c.name)).toEqual([])
    try {
      setLocale('zh-CN')
      expect(scheduleView(d).tasks[1]!.programs[0]!.problem).toBe('也在任务 main 中运行：每个周期会运行两次')
    } finally {
      setLocale('en')
    }
  })

  it('while the Structured Text has errors, an unknown name may be a PROGRAM the errors hide: it says so', () => {
    const d = tasksDoc()
    const m = tasksManifest()
    d.applyExternal({
      'programs/pumps.st': 'PROGRAM pumps\nVAR x : INT; END_VAR\nx := ;\nEND_PROGRAM\n',
      'app.json': { ...m, tasks: [{ name: 'main', periodMs: 100, programs: ['pumps', 'ghost'] }] },
    })
    expect(scheduleView(d).tasks[0]!.programs.map((p) => [p.program?.name, p.problem])).toEqual([
      ['pumps', null],
      [undefined, 'Program ghost not found; the Structured Text has errors, which may hide it'],
    ])
  })
})
