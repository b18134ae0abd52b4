/**
 * One running APP: tag database, derived tags, connections and scan tasks, built from a compiled APP. A deploy
 * builds the next engine from the previous one: tag values carry over by path (no flicker to "waiting"), and every
 * FB instance whose block id and type are unchanged keeps its state (online change).
 */
import { createInstance, PROGRAM_PIN_PREFIX, toBundle, TaktError, type AppBundle, type ProgramInstance, type TagScalar } from '@takt/blocks'
import type { ConnectionConfig, Logger } from './drivers/types.js'
import { TagDb } from './tags/tagdb.js'
import { attachDerivedTags } from './tags/derived.js'
import { TagWriter } from './tags/write.js'
import { ConnectionManager } from './connections/manager.js'
import { ScanTask } from './scan/task.js'
import type { CompiledApp } from './app/load.js'
import { AlarmService } from './alarms/service.js'

export interface OnlineChangeReport { kept: string[]; reset: string[] }

export class AppEngine {
  readonly db: TagDb
  readonly connections: ConnectionManager
  readonly writer: TagWriter
  readonly tasks: ScanTask[] = []
  readonly bundle: AppBundle
  readonly change: OnlineChangeReport = { kept: [], reset: [] }
  readonly alarms: AlarmService
  private readonly programs = new Map<string, ProgramInstance>()
  private readonly offDerived: () => void

  /** `stateDir`: this APP's runtime state (alarm journal and states); null keeps it in memory. */
  constructor(readonly compiled: CompiledApp, site: Record<string, ConnectionConfig>, private readonly log: Logger, private readonly previous?: AppEngine, stateDir: string | null = null) {
    this.db = new TagDb(compiled.app.tags)
    if (previous) this.carryValues(previous)
    this.offDerived = attachDerivedTags(this.db)
    this.alarms = new AlarmService(this.db, { dir: stateDir === null ? null : `${stateDir}/alarms`, log })
    this.connections = new ConnectionManager(this.db, site, log)
    this.writer = new TagWriter(this.db, this.connections)
    this.bundle = toBundle(compiled.app)
    for (const t of compiled.app.manifest.tasks) {
      const programs = t.programs.map((name) => {
        const plan = compiled.plans.get(name)
        if (!plan) throw new TaktError('E_REFERENCE', `task ${t.name}: program ${name} did not compile`)
        const prev = previous?.programs.get(name)
        const instance = createInstance(plan, prev ? { previous: { plan: prev.plan, instance: prev } } : {})
        this.programs.set(name, instance)
        this.change.kept.push(...instance.change.kept.map((b) => `${name}/${b}`))
        this.change.reset.push(...instance.change.reset.map((b) => `${name}/${b}`))
        return { name, plan, instance }
      })
      this.tasks.push(new ScanTask(t.name, t.periodMs, programs, this.db, this.connections, log))
    }
  }

  async start(): Promise<void> {
    this.alarms.start(this.previous?.alarms)
    await this.connections.start()
    for (const t of this.tasks) t.start()
  }

  /** Stop tasks first (no program writes during the switch), then connections; alarm state is saved last. */
  async stop(): Promise<void> {
    for (const t of this.tasks) t.stop()
    await this.connections.stop()
    this.alarms.stop()
    this.offDerived()
  }

  /** A getter for a program pin path `@program/<program>/<block>.<PIN>`, for online monitoring. */
  pinGetter(path: string): (() => TagScalar) | undefined {
    if (!path.startsWith(PROGRAM_PIN_PREFIX)) return undefined
    const rest = path.slice(PROGRAM_PIN_PREFIX.length)
    const slash = rest.indexOf('/')
    const dot = rest.lastIndexOf('.')
    if (slash < 1 || dot < slash + 2) return undefined
    const inst = this.programs.get(rest.slice(0, slash))
    const block = rest.slice(slash + 1, dot)
    const pin = rest.slice(dot + 1)
    if (!inst || inst.readPin(block, pin) === undefined) return undefined
    return () => inst.readPin(block, pin) ?? null
  }

  private carryValues(previous: AppEngine): void {
    for (const t of this.db.tags) {
      const old = previous.db.get(t.path)
      if (old && old.def.dataType === t.def.dataType && old.def.source.kind === t.def.source.kind) {
        this.db.set(t.id, old.value, old.status, old.sourceTime)
      }
    }
    this.db.commit()
    this.log.info('deploy carried tag values over', { tags: this.db.size })
  }
}
