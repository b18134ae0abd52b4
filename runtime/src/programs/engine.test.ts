import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppEngine } from '../engine.js'
import { memoryLogger } from '../log.js'
import { CALC, DIVIDE, compileStApp } from './__tests__/st-app.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'takt-st-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const log = memoryLogger()
/** Scans the engine's task `n` times at 100 ms steps from `from`. */
function scans(e: AppEngine, n: number, from = 0): void {
  for (let i = 1; i <= n; i++) e.tasks[0]!.scan(from + i * 100)
}
const read = (e: AppEngine, path: string) => e.pinGetter(`@program/calc/${path}`)?.()

describe('AppEngine with Structured Text programs', () => {
  it('restores RETAIN variables after a restart from the state folder; the others start from their initial values', async () => {
    const compiled = await compileStApp()
    const first = new AppEngine(compiled, {}, log, undefined, dir)
    await first.start()
    scans(first, 5)
    expect(read(first, 'total')).toBe(5)
    expect(read(first, 'plain')).toBe(5)
    await first.stop()
    const saved = JSON.parse(await readFile(join(dir, 'retain', 'retain.json'), 'utf8')) as { programs: Record<string, { values: Record<string, number> }> }
    expect(saved.programs.calc!.values).toEqual({ TOTAL: 5 })

    const second = new AppEngine(await compileStApp(), {}, log, undefined, dir)
    await second.start()
    expect(read(second, 'total')).toBe(5)
    expect(read(second, 'plain')).toBe(0)
    scans(second, 2, 1000)
    expect(read(second, 'total')).toBe(7)
    await second.stop()
  })

  it('starts from initial values, with a warning, when the retain file is damaged', async () => {
    await mkdir(join(dir, 'retain'))
    await writeFile(join(dir, 'retain', 'retain.json'), '{"format": 1, "programs": {"calc": {"pou": 5}}')
    const own = memoryLogger()
    const e = new AppEngine(await compileStApp(), {}, own, undefined, dir)
    await e.start()
    expect(read(e, 'total')).toBe(0)
    expect(own.lines.some((l) => l.level === 'warn' && l.msg.includes('file unreadable'))).toBe(true)
    await e.stop()
  })

  it('online change: an unchanged program keeps all of its state, a changed one keeps its variables by name', async () => {
    const before = new AppEngine(await compileStApp(), {}, log, undefined, null)
    await before.start()
    scans(before, 30)
    expect(read(before, 't.ET')).toBe(2900)

    // Same calc (only a comment added); divide gains a variable and keeps its type for r.
    const changedDivide = DIVIDE.replace('VAR_OUTPUT r : INT; END_VAR', 'VAR_OUTPUT r : INT; END_VAR\nVAR n : INT; END_VAR').replace('r := 100 / d;', 'r := 100 / d; n := n + 1;')
    const next = new AppEngine(await compileStApp(`(* v2 *)\n${CALC}\n${changedDivide}`), {}, log, before, null)
    // As the runtime swaps: the old engine scans on until it stops, then the new one starts and takes the latest state.
    scans(before, 10, 3000)
    await before.stop()
    await next.start()
    expect(next.change.kept).toEqual(expect.arrayContaining(['inv/not1', 'calc', 'divide/d', 'divide/r']))
    expect(next.change.reset).toEqual(['divide/n'])
    expect(read(next, 'plain')).toBe(40)
    expect(read(next, 't.ET')).toBe(3900)
    scans(next, 1, 4000)
    // The timer goes on timing from where it was.
    expect(read(next, 't.ET')).toBe(4000)
    expect(read(next, 'total')).toBe(41)
    await next.stop()
  })

  it('a program replaced by a different one restarts, and resetFault is reported through the engine', async () => {
    const before = new AppEngine(await compileStApp(), {}, log, undefined, null)
    scans(before, 3)
    const retyped = CALC.replace('VAR plain : DINT; t : TON; END_VAR', 'VAR plain : REAL; t : TOF; END_VAR')
    const next = new AppEngine(await compileStApp(`${retyped}\n${DIVIDE}`), {}, log, before, null)
    expect(next.change.reset).toEqual(expect.arrayContaining(['calc/plain', 'calc/t']))
    expect(next.change.kept).toEqual(expect.arrayContaining(['calc/total', 'calc/x', 'divide']))
    expect(read(next, 'total')).toBe(3)
    expect(read(next, 'plain')).toBe(0)
    expect(next.resetFault('divide')).toBe(false)
  })
})
