import { describe, expect, it } from 'vitest'
import { Status, type TagScalar } from '@takt/blocks'
import { TagDb } from '../tags/tagdb.js'
import { memoryLogger } from '../log.js'
import { buildTaskPrograms } from '../programs/build.js'
import { compileStApp } from '../programs/__tests__/st-app.js'
import { ScanTask } from './task.js'

async function setup() {
  const compiled = await compileStApp()
  const db = new TagDb(compiled.app.tags, () => 0)
  const writes: [string, TagScalar][] = []
  const device = { write: (id: number, v: TagScalar) => (writes.push([db.byId(id)!.path, v]), Promise.resolve({ ok: true, status: Status.Good })) }
  const log = memoryLogger()
  const task0 = compiled.app.manifest.tasks[0]!
  const programs = buildTaskPrograms(compiled, task0, undefined, { kept: [], reset: [] })
  const task = new ScanTask('main', task0.periodMs, programs, db, device, log, () => 0)
  const value = (p: string) => db.get(p)!.value
  const status = (p: string) => db.get(p)!.status
  const set = (p: string, v: TagScalar) => {
    db.set(db.id(p)!, v, Status.Good, 0)
    db.commit()
  }
  return { db, task, writes, log, value, status, set }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('ScanTask with Structured Text programs', () => {
  it('reads bound inputs from the image and writes changed outputs once, to memory tags and the device', async () => {
    const s = await setup()
    s.task.scan(100)
    expect(s.value('Io/Out')).toBe(2)
    expect(s.value('Io/Echo')).toBe('abc!')
    // SINT input clamped from an INT tag holding 1000.
    expect(s.value('Io/SmallOut')).toBe(127)
    expect(s.value('Io/Ratio')).toBe(100)
    expect(s.value('Io/NotFlag')).toBe(true)
    await flush()
    expect(s.writes).toEqual([['Io/Cmd', false]])
    s.set('Io/In', 6)
    s.task.scan(200)
    s.task.scan(300)
    await flush()
    expect(s.value('Io/Out')).toBe(12)
    expect(s.writes).toEqual([['Io/Cmd', false], ['Io/Cmd', true]])
    expect(s.task.stats).toMatchObject({ scans: 3, faults: [] })
  })

  it('a faulting program stops, its outputs turn bad keeping their values, the others go on; resetFault resumes it', async () => {
    const s = await setup()
    s.task.scan(100)
    s.set('Io/Divisor', 0)
    s.task.scan(200)
    expect(s.value('Io/Ratio')).toBe(100)
    expect(s.status('Io/Ratio')).toBe(Status.BadConfigurationError)
    expect(s.task.stats.faults).toEqual([{ program: 'divide', code: 'E_ST_DIV_ZERO', message: expect.stringContaining('division by zero'), file: 'programs/main.st', line: 18, column: 6, atMs: 200, task: 'main', count: 1 }])
    // Another ST program and the FBD program of the same task keep running.
    s.set('Io/In', 3)
    s.set('Io/Flag', true)
    for (let t = 300; t <= 600; t += 100) s.task.scan(t)
    expect(s.value('Io/Out')).toBe(6)
    expect(s.value('Io/NotFlag')).toBe(false)
    expect(s.status('Io/Ratio')).toBe(Status.BadConfigurationError)
    expect(s.log.lines.filter((l) => l.msg.includes('run-time fault'))).toHaveLength(1)
    expect(s.log.lines[0]!.fields).toMatchObject({ task: 'main', program: 'divide', code: 'E_ST_DIV_ZERO', file: 'programs/main.st', line: 18 })

    s.set('Io/Divisor', 4)
    expect(s.task.resetFault('nope')).toBe(false)
    expect(s.task.resetFault('divide')).toBe(true)
    s.task.scan(700)
    expect(s.value('Io/Ratio')).toBe(25)
    expect(s.status('Io/Ratio')).toBe(Status.Good)
    expect(s.task.stats.faults).toEqual([])
    // A second fault after the reset is counted as the second.
    s.set('Io/Divisor', 0)
    s.task.scan(800)
    expect(s.task.stats.faults).toMatchObject([{ program: 'divide', atMs: 800, count: 2 }])
  })

  it('stops a runaway loop with the loop budget instead of hanging', async () => {
    const compiled = await compileStApp(`PROGRAM calc
VAR_INPUT x : REAL; name : STRING[10]; small : SINT; END_VAR
VAR_OUTPUT y : REAL; cmd : BOOL; echo : STRING[10]; smallOut : SINT; END_VAR
WHILE x > 0.0 DO y := y + 1.0; END_WHILE;
END_PROGRAM
PROGRAM divide
VAR_INPUT d : INT; END_VAR
VAR_OUTPUT r : INT; END_VAR
r := d;
END_PROGRAM
`)
    const db = new TagDb(compiled.app.tags, () => 0)
    const task0 = compiled.app.manifest.tasks[0]!
    const programs = buildTaskPrograms(compiled, task0, undefined, { kept: [], reset: [] }, { loopBudget: 1000 })
    const task = new ScanTask('main', 100, programs, db, { write: () => Promise.resolve({ ok: true, status: 0 }) }, memoryLogger(), () => 0)
    task.scan(100)
    expect(task.stats.faults.map((f) => [f.program, f.code, f.line])).toEqual([['calc', 'E_ST_LOOP_BUDGET', 4]])
    expect(db.get('Io/Ratio')!.value).toBe(1)
  })
})
