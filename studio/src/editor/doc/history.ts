/**
 * Undo/redo from recorded diffs of the document store (STYLE.md 12): each entry keeps, per changed file, the
 * content before and after (shared references, not deep copies). Consecutive commands with the same `group` key
 * (a drag, typing in one field) merge into one entry, keeping the first `before` and the last `after`.
 */
import type { FileChanges } from './command'

export interface HistoryEntry {
  name: string
  group: string | undefined
  before: FileChanges
  after: FileChanges
  at: number
}

export class History {
  private undoStack: HistoryEntry[] = []
  private redoStack: HistoryEntry[] = []

  constructor(private readonly limit = 500) {}

  record(name: string, before: FileChanges, after: FileChanges, group?: string, now = Date.now()): void {
    this.redoStack = []
    const last = this.undoStack[this.undoStack.length - 1]
    if (group !== undefined && last && last.group === group) {
      for (const [p, v] of Object.entries(before)) if (!(p in last.before)) last.before[p] = v
      Object.assign(last.after, after)
      last.at = now
      return
    }
    this.undoStack.push({ name, group, before: { ...before }, after: { ...after }, at: now })
    if (this.undoStack.length > this.limit) this.undoStack.shift()
  }

  /** Close the current group so the next command with the same key starts a new entry. */
  seal(): void {
    const last = this.undoStack[this.undoStack.length - 1]
    if (last) last.group = undefined
  }

  popUndo(): HistoryEntry | undefined {
    const e = this.undoStack.pop()
    if (e) this.redoStack.push(e)
    return e
  }

  popRedo(): HistoryEntry | undefined {
    const e = this.redoStack.pop()
    if (e) this.undoStack.push(e)
    return e
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0
  }
  get undoName(): string | undefined {
    return this.undoStack[this.undoStack.length - 1]?.name
  }
  get redoName(): string | undefined {
    return this.redoStack[this.redoStack.length - 1]?.name
  }
  clear(): void {
    this.undoStack = []
    this.redoStack = []
  }

  /**
   * Forget entries that touch any of `paths` (their content was replaced from outside). Entries on other files
   * stay: each records whole-file before/after values, so they remain correct on their own files.
   */
  dropTouching(paths: readonly string[]): void {
    const touches = (e: HistoryEntry) => paths.some((p) => p in e.before || p in e.after)
    this.undoStack = this.undoStack.filter((e) => !touches(e))
    this.redoStack = this.redoStack.filter((e) => !touches(e))
  }
}
