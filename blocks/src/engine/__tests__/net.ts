// Test helpers: build FBD programs and drive single blocks through virtual time.
import { formatDiagnostic } from '../../errors.js'
import type { FbdProgram } from '../../format/program.js'
import { getBlock } from '../../library/index.js'
import { FakeClock } from '../clock.js'
import { compileNetwork } from '../compile.js'
import { createInstance, type ProgramInstance } from '../instance.js'
import type { Plan } from '../plan.js'
import type { BlockLibrary } from '../registry.js'
import type { ConcreteType } from '../types.js'

type Consts = Record<string, number | boolean>

export interface NetBuilder {
  block(id: string, type: string, inputs?: Consts, params?: Record<string, string | number | boolean>): NetBuilder
  tagIn(id: string, tag: string, type?: ConcreteType): NetBuilder
  tagOut(id: string, tag: string): NetBuilder
  wire(from: string, to: string): NetBuilder
  build(): FbdProgram
  /** Compiles and fails with the diagnostics when there are errors. */
  plan(library?: BlockLibrary): Plan
}

/** `net().block('t', 'TON', { PT: 1000 }).wire('a.OUT', 't.IN')` */
export function net(name = 'test'): NetBuilder {
  const program: FbdProgram = { format: 1, name, blocks: [], wires: [] }
  const b: NetBuilder = {
    block(id, type, inputs, params) {
      program.blocks.push({ id, type, ...(inputs ? { inputs } : {}), ...(params ? { params } : {}) })
      return b
    },
    tagIn: (id, tag, type) => b.block(id, 'TAG_IN', undefined, type ? { tag, type } : { tag }),
    tagOut: (id, tag) => b.block(id, 'TAG_OUT', undefined, { tag }),
    wire(from, to) {
      program.wires.push({ from, to })
      return b
    },
    build: () => JSON.parse(JSON.stringify(program)) as FbdProgram,
    plan(library) {
      const r = compileNetwork(b.build(), library)
      if (!r.plan) throw new Error(`compile failed:\n${r.diagnostics.map(formatDiagnostic).join('\n')}`)
      return r.plan
    },
  }
  return b
}

/** Runs a compiled plan on a FakeClock, with tags addressed by name. */
export class Runner {
  readonly clock = new FakeClock(1_000_000)
  readonly inst: ProgramInstance

  constructor(readonly plan: Plan, inst?: ProgramInstance) {
    this.inst = inst ?? createInstance(plan)
  }

  set(values: Consts): this {
    for (const [tag, v] of Object.entries(values)) {
      const i = this.plan.tagInputs.findIndex((t) => t.tag === tag)
      if (i < 0) throw new Error(`no tag input ${tag}`)
      this.inst.setTagInput(i, v)
    }
    return this
  }

  /** Advances the clock by `ms`, then scans once. */
  scan(ms = 0): this {
    this.inst.scan(this.clock.advance(ms))
    return this
  }

  /** Scans `n` times, `ms` apart. */
  run(n: number, ms: number): this {
    for (let i = 0; i < n; i++) this.scan(ms)
    return this
  }

  pin(ref: string): number | boolean | undefined {
    const dot = ref.indexOf('.')
    return this.inst.readPin(ref.slice(0, dot), ref.slice(dot + 1))
  }

  tag(tag: string): number | boolean {
    const i = this.plan.tagOutputs.findIndex((t) => t.tag === tag)
    if (i < 0) throw new Error(`no tag output ${tag}`)
    return this.inst.getTagOutput(i)
  }
}

/** One block `b` whose driven inputs are tags named after the pins; read outputs with `get`. */
export class Rig extends Runner {
  get(pinName: string): number | boolean | undefined {
    return this.pin(`b.${pinName}`)
  }

  /** Sets inputs, advances `ms`, scans; returns this for chaining. */
  step(values: Consts, ms = 0): this {
    return this.set(values).scan(ms)
  }
}

/**
 * A rig for one block of `type`. Inputs listed in `drive` (default: every required input without a constant) are
 * wired from TAG_IN blocks named after the pin; `types` fixes a driven pin's type.
 */
export function rig(type: string, constants: Consts = {}, opts: { drive?: string[]; types?: Record<string, ConcreteType> } = {}): Rig {
  const def = getBlock(type)
  if (!def) throw new Error(`no block ${type}`)
  const drive = opts.drive ?? def.inputs.filter((p) => !p.optional && !(p.name in constants)).map((p) => p.name)
  const n = net().block('b', type, constants)
  for (const p of drive) n.tagIn(`in_${p}`, p, opts.types?.[p]).wire(`in_${p}.OUT`, `b.${p}`)
  return new Rig(n.plan())
}
