/**
 * Builds the programs of a scan task from a compiled APP: FBD networks from their plans, Structured Text
 * PROGRAMs from the compiled unit with their task bindings. On a deploy each program takes over the state of the
 * program of the same name it replaces (online change) and the report says what was kept and what restarted.
 */
import { createInstance, createStInstance, instanceProgramsOf, resolveStBindings, TaktError, type Task } from '@takt/blocks'
import type { CompiledApp } from '../app/load.js'
import { FbdTaskProgram } from './fbd.js'
import { StTaskProgram } from './st.js'
import type { TaskProgram } from './types.js'

/**
 * What a deploy kept. FBD: `<program>/<block>` per block instance. ST: `<program>` when the compiled program is
 * unchanged (all of its memory kept), else `<program>/<variable>` per top-level variable; a new program is reset
 * as `<program>`.
 */
export interface OnlineChangeReport { kept: string[]; reset: string[] }

export interface StLoopOptions {
  /** Loop iterations an ST program may run per scan (default: the compiler's, 1,000,000). */
  loopBudget?: number
}

/**
 * The programs of `task`, in order: its own, then the template instances' copies it runs (`<instance>/<program>`,
 * FBD). Throws TaktError E_REFERENCE for a program that did not compile (a loader bug).
 */
export function buildTaskPrograms(
  compiled: CompiledApp, task: Task, previous: ReadonlyMap<string, TaskProgram> | undefined, change: OnlineChangeReport, options: StLoopOptions = {},
): TaskProgram[] {
  const tags = new Map(compiled.app.tags.map((t) => [t.path, t]))
  return [...task.programs, ...instanceProgramsOf(compiled.app.templatePrograms, task.name)].map((name) => {
    const prev = previous?.get(name)
    const plan = compiled.plans.get(name)
    if (plan) {
      const old = prev?.kind === 'fbd' ? (prev as FbdTaskProgram) : undefined
      const instance = createInstance(plan, old ? { previous: { plan: old.plan, instance: old.instance } } : {})
      change.kept.push(...instance.change.kept.map((b) => `${name}/${b}`))
      change.reset.push(...instance.change.reset.map((b) => `${name}/${b}`))
      return new FbdTaskProgram(name, plan, instance, compiled.st)
    }
    const unit = compiled.st
    const pou = unit?.programs.get(name.toUpperCase())
    if (!unit || !pou?.exec) throw new TaktError('E_REFERENCE', `task ${task.name}: program ${name} did not compile`)
    const instance = createStInstance(pou, options.loopBudget !== undefined ? { loopBudget: options.loopBudget } : {})
    const map = Object.entries(task.bindings ?? {}).find(([p]) => p.toUpperCase() === name.toUpperCase())?.[1] ?? {}
    const bound = resolveStBindings(instance, map, (p) => tags.get(p))
    const program = new StTaskProgram(name, instance, unit, bound)
    if (prev instanceof StTaskProgram) {
      const r = program.takeOver(prev.instance)
      if (r.identical) change.kept.push(name)
      change.kept.push(...r.kept.map((v) => `${name}/${v}`))
      change.reset.push(...r.reset.map((v) => `${name}/${v}`))
    } else {
      change.reset.push(name)
    }
    return program
  })
}
