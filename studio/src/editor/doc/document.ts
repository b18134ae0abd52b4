/**
 * The project document store: parsed draft files by path, the one place edits happen. It applies commands,
 * records history, and tracks which files changed since the last save (for autosave). Runtime values, selection,
 * viewport and tool state never live here (STYLE.md 13).
 */
import { shallowRef, triggerRef } from 'vue'
import type { CommandDef, FileChanges, ReadonlyDoc } from './command'
import { History } from './history'

export interface DispatchOptions { group?: string }
/** Why files changed: an edit (command, undo, redo), a whole load, or another editor's content. */
export type ChangeOrigin = 'edit' | 'load' | 'external'
export type ChangeListener = (paths: string[], origin: ChangeOrigin) => void
export type DispatchResult = { ok: true; select?: string[] } | { ok: false; error: string }

export class ProjectDocument implements ReadonlyDoc {
  private files = new Map<string, unknown>()
  /** Bumped on every change: components read `version.value` to re-render (one cheap signal, no deep reactivity). */
  readonly version = shallowRef(0)
  readonly history = new History()
  /** Paths changed since the last `takeDirty()` (saved by the project sync). */
  private dirty = new Set<string>()
  private listeners = new Set<ChangeListener>()

  get<T = unknown>(path: string): T | undefined {
    return this.files.get(path) as T | undefined
  }

  paths(): string[] {
    return [...this.files.keys()]
  }

  /** Replace the whole document (open a draft); clears history and dirty state. */
  load(files: Record<string, unknown>): void {
    this.files = new Map(Object.entries(files))
    this.history.clear()
    this.dirty.clear()
    this.bump(Object.keys(files), 'load')
  }

  dispatch<A>(cmd: CommandDef<A>, args: A, opts: DispatchOptions = {}): DispatchResult {
    const r = cmd.apply(this, args)
    if ('error' in r) return { ok: false, error: r.error }
    const paths = Object.keys(r.changes)
    if (paths.length === 0) return { ok: true, ...(r.select ? { select: r.select } : {}) }
    const before: FileChanges = {}
    for (const p of paths) before[p] = this.files.has(p) ? this.files.get(p) : null
    this.write(r.changes)
    if (cmd.undoable) this.history.record(cmd.name, before, r.changes, opts.group)
    return { ok: true, ...(r.select ? { select: r.select } : {}) }
  }

  undo(): string | undefined {
    const e = this.history.popUndo()
    if (e) this.write(e.before)
    return e?.name
  }

  redo(): string | undefined {
    const e = this.history.popRedo()
    if (e) this.write(e.after)
    return e?.name
  }

  /**
   * Apply files that changed elsewhere (another editor's save, a conflict resolved by taking theirs). They do not
   * enter history and are not dirty; history entries touching them are dropped to keep undo honest.
   */
  applyExternal(changes: FileChanges): void {
    for (const [p, v] of Object.entries(changes)) {
      if (v === null) this.files.delete(p)
      else this.files.set(p, v)
      this.dirty.delete(p)
    }
    this.history.dropTouching(Object.keys(changes))
    this.bump(Object.keys(changes), 'external')
  }

  takeDirty(): string[] {
    const d = [...this.dirty]
    this.dirty.clear()
    return d
  }

  /** Put paths back as dirty (a save failed and must be retried). */
  markDirty(paths: string[]): void {
    for (const p of paths) this.dirty.add(p)
  }

  /** Whether `path` changed since the last `takeDirty()` (without taking it). */
  isDirty(path: string): boolean {
    return this.dirty.has(path)
  }

  /** The paths changed since the last `takeDirty()` (without taking them). */
  dirtyPaths(): string[] {
    return [...this.dirty]
  }

  get hasUnsaved(): boolean {
    return this.dirty.size > 0
  }

  onChange(fn: ChangeListener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private write(changes: FileChanges): void {
    for (const [p, v] of Object.entries(changes)) {
      if (v === null) this.files.delete(p)
      else this.files.set(p, v)
      this.dirty.add(p)
    }
    this.bump(Object.keys(changes), 'edit')
  }

  private bump(paths: string[], origin: ChangeOrigin): void {
    this.version.value++
    triggerRef(this.version)
    for (const l of [...this.listeners]) l(paths, origin)
  }
}
