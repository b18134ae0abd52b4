/**
 * One running APP: tag database, derived tags, connections and scan tasks, built from a compiled APP. A deploy
 * builds the next engine from the previous one: tag values carry over by path (no flicker to "waiting"), every
 * FB instance whose block id and type are unchanged keeps its state, and every Structured Text program keeps its
 * variables (online change). RETAIN variables of ST programs also survive a restart (programs/retain.ts).
 */
import { join } from 'node:path'
import { PROGRAM_PIN_PREFIX, toBundle, type AppBundle, type TagScalar } from '@takt/blocks'
import type { ConnectionConfig, Logger } from './drivers/types.js'
import { TagDb } from './tags/tagdb.js'
import { attachDerivedTags } from './tags/derived.js'
import { TagWriter } from './tags/write.js'
import { ConnectionManager } from './connections/manager.js'
import { ScanTask } from './scan/task.js'
import type { CompiledApp } from './app/load.js'
import { AlarmService } from './alarms/service.js'
import { buildTaskPrograms, type OnlineChangeReport } from './programs/build.js'
import { RETAIN_SAVE_MS, RetainStore } from './programs/retain.js'
import { StTaskProgram } from './programs/st.js'
import type { TaskProgram } from './programs/types.js'

export type { OnlineChangeReport } from './programs/build.js'

export class AppEngine {
  readonly db: TagDb
  readonly connections: ConnectionManager
  readonly writer: TagWriter
  readonly tasks: ScanTask[] = []
  readonly bundle: AppBundle
  readonly change: OnlineChangeReport = { kept: [], reset: [] }
  readonly alarms: AlarmService
  private readonly programs = new Map<string, TaskProgram>()
  private readonly offDerived: () => void
  private readonly retain: RetainStore
  private retainTimer: NodeJS.Timeout | undefined

  /** `stateDir`: this APP's runtime state (alarm journal and states, retained variables); null keeps it in memory. */
  constructor(readonly compiled: CompiledApp, site: Record<string, ConnectionConfig>, private readonly log: Logger, private readonly previous?: AppEngine, stateDir: string | null = null) {
    this.db = new TagDb(compiled.app.tags)
    if (previous) this.carryValues(previous)
    this.offDerived = attachDerivedTags(this.db)
    this.alarms = new AlarmService(this.db, { dir: stateDir === null ? null : `${stateDir}/alarms`, log })
    this.connections = new ConnectionManager(this.db, site, log)
    this.writer = new TagWriter(this.db, this.connections)
    this.bundle = toBundle(compiled.app)
    this.retain = new RetainStore(stateDir === null ? null : join(stateDir, 'retain'), log)
    for (const t of compiled.app.manifest.tasks) {
      const programs = buildTaskPrograms(compiled, t, previous?.programs, this.change)
      for (const p of programs) this.programs.set(p.name, p)
      this.tasks.push(new ScanTask(t.name, t.periodMs, programs, this.db, this.connections, log))
    }
  }

  async start(): Promise<void> {
    this.alarms.start(this.previous?.alarms)
    const st = this.stPrograms()
    // On a deploy the previous engine has stopped scanning by now: take its latest ST state. At a cold start the
    // retained variables come from the state file.
    if (this.previous) for (const p of st) p.refresh()
    else if (st.length && this.retain.restore(st) > 0) this.log.info('retained variables restored', { programs: st.length })
    if (st.length) this.retainTimer = setInterval(() => this.retain.save(this.stPrograms()), RETAIN_SAVE_MS)
    await this.connections.start()
    for (const t of this.tasks) t.start()
  }

  /** Stop tasks first (no program writes during the switch), then connections; alarm state and retained variables are saved last. */
  async stop(): Promise<void> {
    for (const t of this.tasks) t.stop()
    if (this.retainTimer) clearInterval(this.retainTimer)
    this.retainTimer = undefined
    this.retain.save(this.stPrograms())
    await this.connections.stop()
    this.alarms.stop()
    this.offDerived()
  }

  /**
   * Lets a program stopped by a run-time fault run again (its memory as the fault left it). A redeploy clears
   * faults too. Returns false when no task has that program faulted.
   */
  resetFault(program: string): boolean {
    let found = false
    for (const t of this.tasks) found = t.resetFault(program) || found
    if (found) this.log.info('program fault cleared', { program })
    return found
  }

  private stPrograms(): StTaskProgram[] {
    return [...this.programs.values()].filter((p): p is StTaskProgram => p instanceof StTaskProgram)
  }

  /**
   * A getter for a program path, for online monitoring: `@program/<program>/<block>.<PIN>` of an FBD program,
   * `@program/<program>/<variable>` (`t1.Q`, `arr[2]`) of a Structured Text program.
   */
  pinGetter(path: string): (() => TagScalar) | undefined {
    if (!path.startsWith(PROGRAM_PIN_PREFIX)) return undefined
    const rest = path.slice(PROGRAM_PIN_PREFIX.length)
    // Program names of template copies hold a slash (`Agitator/RunCheck`), and so may inner paths: try each split.
    for (let slash = rest.indexOf('/'); slash > 0; slash = rest.indexOf('/', slash + 1)) {
      const program = this.programs.get(rest.slice(0, slash))
      const inner = rest.slice(slash + 1)
      if (program && program.read(inner) !== undefined) return () => program.read(inner) ?? null
    }
    return undefined
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
