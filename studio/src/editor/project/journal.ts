/**
 * The local journal of unsaved edits: written to localStorage (per APP and user) on every change, so a reload, a
 * crash or a dropped connection loses nothing. Entries leave the journal only once the runtime confirmed the save.
 */

/** The part of the Web Storage API the journal uses (tests pass a Map-backed fake). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** One unsaved file: its text (null = deleted) and the runtime hash the edit started from (null = new file). */
export interface JournalEntry { content: string | null; baseHash: string | null }

interface JournalDoc { v: 1; at: number; files: Record<string, JournalEntry> }

/** The journal of one APP for one user. Storage failures (quota, privacy mode) are reported, never thrown. */
export class Journal {
  private files: Record<string, JournalEntry>
  /** Set when the last write to storage failed (the UI warns that edits are not backed up locally). */
  failed = false

  constructor(private readonly store: KeyValueStore | undefined, readonly key: string) {
    this.files = this.read()
  }

  /** The storage key for an APP and user. */
  static keyFor(appId: string, user: string): string {
    return `takt.journal.${appId}.${user}`
  }

  entries(): Readonly<Record<string, JournalEntry>> {
    return this.files
  }

  get size(): number {
    return Object.keys(this.files).length
  }

  /** Record (or replace) unsaved content for paths and persist at once. */
  put(entries: Record<string, JournalEntry>): void {
    Object.assign(this.files, entries)
    this.persist()
  }

  /** Drop paths whose content is now saved (or abandoned by taking the other editor's version). */
  remove(paths: Iterable<string>): void {
    let changed = false
    for (const p of paths) {
      if (p in this.files) {
        delete this.files[p]
        changed = true
      }
    }
    if (changed) this.persist()
  }

  clear(): void {
    this.files = {}
    this.persist()
  }

  private read(): Record<string, JournalEntry> {
    try {
      const text = this.store?.getItem(this.key)
      if (!text) return {}
      const doc = JSON.parse(text) as Partial<JournalDoc>
      if (doc.v !== 1 || typeof doc.files !== 'object' || doc.files === null) return {}
      const out: Record<string, JournalEntry> = {}
      for (const [p, e] of Object.entries(doc.files)) {
        if (e && (typeof e.content === 'string' || e.content === null) && (typeof e.baseHash === 'string' || e.baseHash === null)) {
          out[p] = { content: e.content, baseHash: e.baseHash }
        }
      }
      return out
    } catch {
      return {} // a corrupt journal must not stop the editor from opening
    }
  }

  private persist(): void {
    if (!this.store) {
      this.failed = true
      return
    }
    try {
      if (Object.keys(this.files).length === 0) this.store.removeItem(this.key)
      else this.store.setItem(this.key, JSON.stringify({ v: 1, at: Date.now(), files: this.files } satisfies JournalDoc))
      this.failed = false
    } catch {
      this.failed = true
    }
  }
}

/** The page's localStorage, or undefined where it is blocked. */
export function browserStore(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}
