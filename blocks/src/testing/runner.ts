/**
 * Runs APP test scenarios in virtual time: the APP's scan tasks with their compiled programs, its derived tags and
 * its alarms, exactly the engine the runtime uses, over an in-memory tag image instead of a plant.
 */
import { compileExpression } from '../expr/index.js'
import { createAlarmEngine, type AlarmEngine } from '../alarms/index.js'
import { Status, type TagScalar } from '../quality.js'
import type { LoadedApp } from '../format/app.js'
import { instanceProgramsOf } from '../format/template-program.js'
import type { Expectation, TestCase, TestFile } from './scenario.js'
import { testProgram, type TestProgram } from './programs.js'

export interface CaseFailure { at: number; what: string; expected: unknown; actual: unknown }
export interface CaseResult { file: string; name: string; passed: boolean; failures: CaseFailure[]; scans: number; virtualMs: number }

interface TaskRun { periodMs: number; programs: { program: TestProgram; stopped: boolean }[] }

/** Longest virtual time a case may cover; a scenario is a test, not a soak. */
export const MAX_CASE_MS = 24 * 3_600_000

export function runTestFile(app: LoadedApp, file: string, tests: TestFile): CaseResult[] {
  return tests.cases.map((c) => runCase(app, file, c))
}

export function runCase(app: LoadedApp, file: string, c: TestCase): CaseResult {
  const paths = app.tags.map((t) => t.path)
  const index = new Map(paths.map((p, i) => [p, i]))
  const values: TagScalar[] = app.tags.map((t) => (t.source.kind === 'memory' ? (t.source.initial ?? (t.dataType === 'BOOL' ? false : t.dataType === 'STRING' ? '' : 0)) : null))
  const status: number[] = app.tags.map((t) => (t.source.kind === 'memory' ? Status.Good : Status.BadWaitingForInitialData))
  const failures: CaseFailure[] = []
  const set = (path: string, v: TagScalar, at: number) => {
    const i = index.get(path)
    if (i === undefined) return failures.push({ at, what: `set ${path}`, expected: 'an existing tag', actual: 'no such tag' })
    values[i] = v
    status[i] = Status.Good
    alarms?.markChanged(i)
  }

  // Derived tags, recomputed in declaration order until stable (bounded) after every change.
  const derived = app.tags.flatMap((t, i) => {
    if (t.source.kind !== 'expression') return []
    const r = compileExpression(t.source.expr, { isTag: (p) => index.has(p) })
    return r.ok ? [{ i, expr: r.expr }] : []
  })
  const get = (p: string) => {
    const i = index.get(p)
    return i === undefined ? null : values[i]!
  }
  const recompute = () => {
    for (let round = 0; round < 8; round++) {
      let changed = false
      for (const d of derived) {
        const v = d.expr.evaluate(get)
        if (v !== values[d.i]) {
          values[d.i] = v
          status[d.i] = v === null ? Status.Bad : Status.Good
          alarms?.markChanged(d.i)
          changed = true
        }
      }
      if (!changed) break
    }
  }

  const tasks: TaskRun[] = app.manifest.tasks.map((t) => ({
    periodMs: t.periodMs,
    programs: [...t.programs, ...instanceProgramsOf(app.templatePrograms, t.name)].flatMap((name) => {
      const program = testProgram(app, t, name, index)
      return program ? [{ program, stopped: false }] : []
    }),
  }))

  const bindings = app.tags.flatMap((t, i) => (t.alarms ?? []).map((def) => ({ tag: t.path, tagIndex: i, def })))
  const ar = bindings.length ? createAlarmEngine(bindings, { resolveTag: (p) => index.get(p) }) : null
  const alarms: AlarmEngine | null = ar && ar.ok ? ar.engine : null

  for (const [p, v] of Object.entries(c.initial ?? {})) set(p, v, 0)
  recompute()
  alarms?.markAllChanged()

  const steps = [...c.steps].sort((a, b) => a.at - b.at)
  const end = Math.min(MAX_CASE_MS, steps[steps.length - 1]!.at)
  let scans = 0
  let next = 0
  // Walk virtual time from scan to scan, stopping at step times too.
  for (let t = 0; t <= end;) {
    for (const s of steps) if (s.at === t) for (const [p, v] of Object.entries(s.set ?? {})) set(p, v, t)
    recompute()
    for (const task of tasks) {
      if (t % task.periodMs !== 0) continue
      for (const p of task.programs) {
        if (p.stopped) continue
        p.program.read(values)
        scans++
        if (!p.program.scan(t)) {
          // As in the runtime: the program stops, its outputs keep their values and turn bad. The case fails.
          p.stopped = true
          const f = p.program.fault
          failures.push({ at: t, what: `program ${p.program.name}`, expected: 'no run-time fault', actual: f ? `${f.code} at ${f.file}:${f.line}:${f.column}: ${f.message}` : 'fault' })
          for (const o of p.program.outputTags) {
            status[o] = Status.BadConfigurationError
            alarms?.markChanged(o)
          }
          continue
        }
        p.program.write(values, (tag, v) => {
          values[tag] = v
          status[tag] = Status.Good
          alarms?.markChanged(tag)
        })
        recompute()
      }
    }
    alarms?.evaluate(t, (i) => values[i]!, (i) => status[i]!)
    for (const s of steps) {
      if (s.at !== t) continue
      if (s.ack?.length && alarms) alarms.ack(s.ack, { user: 'test', now: t })
      for (const [p, exp] of Object.entries(s.expect ?? {})) {
        const actual = get(p)
        if (!index.has(p)) failures.push({ at: t, what: p, expected: exp, actual: 'no such tag' })
        else if (!matches(exp, actual)) failures.push({ at: t, what: p, expected: exp, actual })
      }
      for (const [id, phase] of Object.entries(s.expectAlarms ?? {})) {
        const view = alarms?.query.get(id)
        if (view?.phase !== phase) failures.push({ at: t, what: `alarm ${id}`, expected: phase, actual: view?.phase ?? 'no such alarm' })
      }
    }
    // Next event: the next scan of any task or the next step, whichever is first.
    next = Math.min(...tasks.map((k) => (Math.floor(t / k.periodMs) + 1) * k.periodMs), ...steps.filter((s) => s.at > t).map((s) => s.at), end + 1)
    if (next <= t) break
    t = next
  }
  return { file, name: c.name, passed: failures.length === 0, failures, scans, virtualMs: end }
}

function matches(exp: Expectation, actual: TagScalar): boolean {
  if (typeof exp !== 'object' || exp === null) return exp === actual
  if (typeof actual !== 'number') return false
  if ('value' in exp) return Math.abs(actual - exp.value) <= exp.tolerance
  return (exp.min === undefined || actual >= exp.min) && (exp.max === undefined || actual <= exp.max)
}

/** One line per case, as `takt test` prints them. */
export function formatCaseResult(r: CaseResult): string {
  const head = `${r.passed ? 'PASS' : 'FAIL'} ${r.file} › ${r.name} (${r.scans} scans, ${r.virtualMs / 1000} s virtual)`
  return [head, ...r.failures.map((f) => `     at ${f.at} ms: ${f.what}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`)].join('\n')
}
