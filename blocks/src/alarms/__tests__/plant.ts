/** A tiny fake tag database for engine tests: values and statuses by index, paths resolved by name. */
import { Status } from '../../quality.js'
import type { TagScalar } from '../../quality.js'
import { createAlarmEngine } from '../engine.js'
import type { AlarmEngine, AlarmEngineOptions } from '../engine.js'
import type { AlarmDef } from '../schema.js'

export class Plant {
  readonly paths: string[] = []
  readonly values: TagScalar[] = []
  readonly status: number[] = []
  readonly engine: AlarmEngine
  now = 0

  constructor(tags: Record<string, TagScalar>, alarms: Record<string, AlarmDef[]>, options: AlarmEngineOptions = {}) {
    for (const [p, v] of Object.entries(tags)) {
      this.paths.push(p)
      this.values.push(v)
      this.status.push(Status.Good)
    }
    const bindings = Object.entries(alarms).flatMap(([tag, defs]) => defs.map((def) => ({ tag, tagIndex: this.index(tag), def })))
    const r = createAlarmEngine(bindings, { resolveTag: (p) => this.paths.indexOf(p) >= 0 ? this.paths.indexOf(p) : undefined, ...options })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    this.engine = r.engine
  }

  index(path: string): number {
    const i = this.paths.indexOf(path)
    if (i < 0) throw new Error(`no tag ${path}`)
    return i
  }

  /** Sets values (and optionally a status) and marks them changed. */
  set(values: Record<string, TagScalar>, status: number = Status.Good): this {
    for (const [p, v] of Object.entries(values)) {
      const i = this.index(p)
      this.values[i] = v
      this.status[i] = status
      this.engine.markChanged(i)
    }
    return this
  }

  /** Evaluates at `now` (advancing the clock), leaving the journal in the engine. */
  evaluate(at: number = this.now): this {
    this.now = at
    this.engine.evaluate(at, (i) => this.values[i] ?? null, (i) => this.status[i] ?? Status.Bad)
    return this
  }

  /** Evaluates and drains the journal as `alarmId event>phase` lines. */
  scan(at: number = this.now): string[] {
    this.evaluate(at)
    return this.engine.drainJournal().map((e) => `${e.alarmId} ${e.event}>${e.to}${e.hidden ? ' hidden' : ''}`)
  }

  phase(alarmId: string): string | undefined {
    return this.engine.query.get(alarmId)?.phase
  }
}

/** The definition type whose `kind` admits T (limit alarms share one type for four kinds). */
type DefOf<T extends AlarmDef['kind'], D = AlarmDef> = D extends { kind: infer K } ? (T extends K ? D : never) : never

/** An alarm definition with the fields tests do not care about filled in. */
export function def<T extends AlarmDef['kind']>(kind: T, rest: Omit<DefOf<T>, 'kind' | 'name' | 'priority'> & { name?: string; priority?: AlarmDef['priority'] }): AlarmDef {
  return { name: kind.toUpperCase(), priority: 2, kind, ...rest } as AlarmDef
}
