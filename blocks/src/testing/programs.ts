/**
 * The programs of an APP as the test runner drives them: FBD networks and Structured Text PROGRAMs behind one
 * shape, bound to the tag image exactly as the runtime binds them (TAG_IN / TAG_OUT blocks; task bindings).
 */
import type { Diagnostic } from '../errors.js'
import { compileNetwork, createInstance } from '../engine/index.js'
import { libraryWithUserBlocks } from '../format/fbd-blocks-build.js'
import type { LoadedApp, Task } from '../format/app.js'
import { fromStNumber, resolveStBindings, toStNumber } from '../format/st-bindings.js'
import { compileStFiles, type StUnit } from '../format/st-unit.js'
import type { TagScalar } from '../quality.js'
import { createStInstance } from '../st/instance.js'

/** A program bound to the tag image (tags by index). */
export interface TestProgram {
  readonly name: string
  /** Tags the program writes, by index. */
  readonly outputTags: readonly number[]
  /** Copies the input image into the program. */
  read(values: readonly TagScalar[]): void
  /** One scan; false when the program faulted (it stays stopped). */
  scan(nowMs: number): boolean
  /** The fault that stopped the program, at its file and line. */
  readonly fault: Diagnostic | null
  /** Calls `changed(tag, value)` for each output whose value differs from the tag's. */
  write(values: readonly TagScalar[], changed: (tag: number, value: TagScalar) => void): void
}

const units = new WeakMap<LoadedApp, StUnit>()

function stUnit(app: LoadedApp): StUnit | null {
  if (!app.stFiles?.length) return null
  let u = units.get(app)
  if (!u) units.set(app, (u = compileStFiles(app.stFiles)))
  return u
}

/** The program `name` of `task`, bound to tags by index; null when it does not exist or did not compile. */
export function testProgram(app: LoadedApp, task: Task, name: string, index: ReadonlyMap<string, number>): TestProgram | null {
  const fbd = app.programs.find((p) => p.name === name) ?? app.templatePrograms?.find((p) => p.program.name === name)?.program
  if (fbd) {
    const unit = stUnit(app)
    const plan = compileNetwork(fbd, libraryWithUserBlocks(unit?.ok ? unit : null, app.fbBlocks)).plan
    if (!plan) return null
    const instance = createInstance(plan)
    const inputs = plan.tagInputs.flatMap((b) => (index.has(b.tag) ? [{ signal: b.signal, tag: index.get(b.tag)! }] : []))
    const outputs = plan.tagOutputs.flatMap((b, k) => (index.has(b.tag) ? [{ index: k, tag: index.get(b.tag)! }] : []))
    return {
      name,
      outputTags: outputs.map((o) => o.tag),
      get fault() {
        return instance.fault && unit ? unit.locate(instance.fault) : instance.fault
      },
      read(values) {
        for (const inp of inputs) {
          const v = values[inp.tag]
          if (typeof v === 'number') instance.signals[inp.signal] = v
          else if (typeof v === 'boolean') instance.signals[inp.signal] = v ? 1 : 0
        }
      },
      scan(now) {
        instance.scan(now)
        return instance.fault === null
      },
      write(values, changed) {
        for (const o of outputs) {
          const v = instance.getTagOutput(o.index)
          const typed = app.tags[o.tag]!.dataType === 'BOOL' ? Boolean(v) : Number(v)
          if (typed !== values[o.tag]) changed(o.tag, typed)
        }
      },
    }
  }
  const unit = stUnit(app)
  const pou = unit?.ok ? unit.programs.get(name.toUpperCase()) : undefined
  if (!unit || !pou) return null
  const inst = createStInstance(pou)
  const map = Object.entries(task.bindings ?? {}).find(([p]) => p.toUpperCase() === name.toUpperCase())?.[1] ?? {}
  const byPath = (p: string) => {
    const i = index.get(p)
    return i === undefined ? undefined : app.tags[i]
  }
  const { inputs, outputs } = resolveStBindings(inst, map, byPath)
  const ins = inputs.map((b) => ({ b, tag: index.get(b.tag)! }))
  const outs = outputs.map((b) => ({ b, tag: index.get(b.tag)!, dataType: app.tags[index.get(b.tag)!]!.dataType }))
  return {
    name,
    outputTags: outs.map((o) => o.tag),
    get fault() {
      return inst.fault ? unit.locate(inst.fault) : null
    },
    read(values) {
      for (const { b, tag } of ins) {
        const v = values[tag]
        if (b.kind === 'string') {
          if (typeof v === 'string') inst.strings[b.slot] = v.length > b.maxLen ? v.slice(0, b.maxLen) : v
        } else if (typeof v === 'number') {
          inst.memory[b.slot] = toStNumber(b, v)
        } else if (typeof v === 'boolean') {
          inst.memory[b.slot] = v ? 1 : 0
        }
      }
    },
    scan: (now) => inst.scan(now),
    write(values, changed) {
      for (const { b, tag, dataType } of outs) {
        const v = b.kind === 'string' ? inst.strings[b.slot]! : fromStNumber(inst.memory[b.slot]!, dataType)
        if (v !== values[tag]) changed(tag, v)
      }
    },
  }
}
