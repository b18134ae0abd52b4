/**
 * The tag database: the present value, status and source time of every tag, with change detection and deadband.
 * Producers (drivers, programs, writes, derived expressions) call `set`, then `commit` once per batch; listeners
 * (gateway sessions, scan tasks, later alarms and historian) get the changed tag ids once per commit.
 */
import { Status, type ResolvedTag, type TagScalar } from '@takt/blocks'
import { coerce } from './coerce.js'

export interface TagState {
  readonly id: number
  readonly path: string
  readonly def: ResolvedTag
  value: TagScalar
  status: number
  sourceTime: number
}

export type ChangeListener = (ids: readonly number[]) => void
/** Runs inside commit before listeners, may `set` more tags (derived tags); their changes join the same batch. */
export type CommitHook = (ids: readonly number[]) => void

export class TagDb {
  readonly tags: TagState[]
  private readonly byPath = new Map<string, number>()
  private readonly listeners = new Set<ChangeListener>()
  private readonly hooks: CommitHook[] = []
  // Pending changes: a flag per tag keeps the list free of duplicates without a Set per batch.
  private readonly pendingFlag: Uint8Array
  private pending: number[] = []
  private committing = false

  constructor(defs: readonly ResolvedTag[], now: () => number = Date.now) {
    const t0 = now()
    this.tags = defs.map((def, id) => {
      this.byPath.set(def.path, id)
      const initial = def.source.kind === 'memory' ? coerce(def.source.initial ?? defaultOf(def), def.dataType) ?? null : null
      const status = def.source.kind === 'memory' ? Status.Good : Status.BadWaitingForInitialData
      return { id, path: def.path, def, value: initial, status, sourceTime: t0 }
    })
    this.pendingFlag = new Uint8Array(this.tags.length)
  }

  get size(): number {
    return this.tags.length
  }

  id(path: string): number | undefined {
    return this.byPath.get(path)
  }

  byId(id: number): TagState | undefined {
    return this.tags[id]
  }

  get(path: string): TagState | undefined {
    const id = this.byPath.get(path)
    return id === undefined ? undefined : this.tags[id]
  }

  /**
   * Offer a new value. Coerces to the tag's type (an impossible value marks the tag bad), applies the deadband
   * (a numeric change smaller than it, at unchanged status, is dropped), and records a change when value or status
   * differ. Returns whether it changed. Call `commit()` after a batch.
   */
  set(id: number, value: TagScalar, status: number, sourceTime: number): boolean {
    const t = this.tags[id]
    if (!t) return false
    let v = coerce(value, t.def.dataType)
    if (v === undefined) {
      v = t.value
      status = Status.BadConfigurationError
    }
    if (status === t.status) {
      if (v === t.value) return false
      const db = t.def.deadband
      if (db !== undefined && db > 0 && typeof v === 'number' && typeof t.value === 'number' && Math.abs(v - t.value) < db) return false
    }
    t.value = v
    t.status = status
    t.sourceTime = sourceTime
    if (this.pendingFlag[id] === 0) {
      this.pendingFlag[id] = 1
      this.pending.push(id)
    }
    return true
  }

  /** Mark tags with a (bad) status, keeping their last value (e.g. connection down). */
  setStatus(ids: Iterable<number>, status: number, sourceTime: number): void {
    for (const id of ids) {
      const t = this.tags[id]
      if (t) this.set(id, t.value, status, sourceTime)
    }
  }

  /** Deliver pending changes: hooks first (they may add changes), then listeners once with the whole batch. */
  commit(): void {
    if (this.committing || this.pending.length === 0) return
    this.committing = true
    try {
      let from = 0
      // Hooks may add changes; run them over each newly added slice until nothing new appears (bounded by tag count).
      for (let round = 0; round < 64 && from < this.pending.length; round++) {
        const slice = this.pending.slice(from)
        from = this.pending.length
        for (const h of this.hooks) h(slice)
      }
      const batch = this.pending
      this.pending = []
      for (const id of batch) this.pendingFlag[id] = 0
      for (const l of this.listeners) l(batch)
    } finally {
      this.committing = false
    }
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  addCommitHook(hook: CommitHook): () => void {
    this.hooks.push(hook)
    return () => {
      const i = this.hooks.indexOf(hook)
      if (i >= 0) this.hooks.splice(i, 1)
    }
  }
}

function defaultOf(def: ResolvedTag): TagScalar {
  return def.dataType === 'BOOL' ? false : def.dataType === 'STRING' ? '' : 0
}
