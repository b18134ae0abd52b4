/**
 * Every edit of the project is a named command (STYLE.md 11): a pure function from the document to the new
 * versions of the files it changes. Resources are immutable plain JSON (the saved model), so a command copies
 * only the path it changes and history can keep before/after references cheaply (structural sharing).
 */

/** Read access to the project document: parsed draft files by path (`screens/overview.json`). */
export interface ReadonlyDoc {
  get<T = unknown>(path: string): T | undefined
  paths(): string[]
}

/** New content per changed path; `null` deletes the file. Untouched files are not listed. */
export type FileChanges = Record<string, unknown | null>

export type CommandResult = { changes: FileChanges; select?: string[] } | { error: string }

export interface CommandDef<A> {
  /** Stable name, `area.verb` (e.g. `screen.moveWidgets`); shown in the undo menu and logs. */
  readonly name: string
  /** Whether the command enters undo history. Commands that touch no saved file do not exist: use UI state. */
  readonly undoable: boolean
  apply(doc: ReadonlyDoc, args: A): CommandResult
}

export function defineCommand<A>(name: string, apply: (doc: ReadonlyDoc, args: A) => CommandResult, undoable = true): CommandDef<A> {
  return { name, undoable, apply }
}

/** Immutable update helper: a shallow copy of `obj` with `key` replaced. */
export function assoc<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): T {
  return { ...obj, [key]: value }
}
