/**
 * Keeps the project document and the runtime's draft in step: open, autosave with conflict detection, the local
 * journal, another editor's saves. The rule: no edit is ever lost and nothing is overwritten silently.
 *
 * - Every local edit is journaled at once (localStorage) and saved ~800 ms after the last change, each file with
 *   the hash it was based on. The runtime refuses a save whose base is stale (E_CONFLICT); the file is then held
 *   back (not saved) until the user keeps theirs or takes the other version.
 * - Offline, edits stay in the document and the journal; they are saved when the link is back. A reload restores
 *   the journal on top of the freshly opened draft (or reports a conflict when the draft moved meanwhile).
 */
import { ref, shallowRef } from 'vue'
import type { Diagnostic, DraftChange, DraftChangedMsg, DraftFile, VersionInfo } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { FileChanges } from '../doc/command'
import type { ProjectDocument } from '../doc/document'
import { afterPaint } from '../../live/frames'
import { WireError } from '../../wire/errors'
import type { DraftApi } from './api'
import { formatFile, parseFile } from './format'
import { Journal } from './journal'
import type { KeyValueStore } from './journal'

export type SaveState = 'loading' | 'saved' | 'saving' | 'unsaved' | 'conflict' | 'offline' | 'error'

/** A file changed both here and on the runtime. `null` content means deleted on that side. */
export interface Conflict {
  path: string
  mine: unknown | null
  theirs: unknown | null
  /** The runtime's current hash (null: the file is deleted there). */
  theirHash: string | null
  /** Who changed it, when the runtime said so. */
  by?: string
}

export interface SyncOptions {
  api: DraftApi
  doc: ProjectDocument
  user: string
  store?: KeyValueStore
  debounceMs?: number
}

export type PublishResult = { ok: true; version: VersionInfo } | { ok: false; diagnostics: Diagnostic[]; message: string }

/** Restores journaled edits on open; undoable, so the user can step back to the runtime's draft. */
const restoreUnsaved = defineCommand<FileChanges>('project.restoreUnsaved', (_doc, files) => ({ changes: files }))

function parseOr(path: string, text: string | null): unknown | null {
  if (text === null) return null
  try {
    return parseFile(path, text)
  } catch {
    return text // a malformed file stays text: shown as a problem, saved back unchanged
  }
}

export class ProjectSync {
  readonly state = ref<SaveState>('loading')
  readonly conflicts = shallowRef<readonly Conflict[]>([])
  /** The last save or open failure, as a stable error code plus message. */
  readonly error = shallowRef<{ code: string; message: string } | null>(null)
  /** Files of the draft that are not valid JSON (kept as text). */
  readonly loadProblems = shallowRef<readonly Diagnostic[]>([])
  /** How many journaled edits were restored on open. */
  readonly restored = ref(0)
  appId = ''

  private readonly api: DraftApi
  private readonly doc: ProjectDocument
  private readonly debounceMs: number
  private journal: Journal | null = null
  private readonly hashes = new Map<string, string>()
  private readonly savedText = new Map<string, string>()
  /** Paths with local changes the runtime has not confirmed. */
  private readonly unsaved = new Set<string>()
  /** Edit counter per path: tells whether a path changed again while its save was in flight. */
  private readonly gen = new Map<string, number>()
  private readonly held = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private saving: Promise<void> | null = null
  private again = false
  private online = true
  private offline = false
  private failed = false
  private opened = false
  private retryMs = 0
  private journalDirty = new Set<string>()
  private journalQueued = false
  private readonly offs: (() => void)[] = []

  constructor(private readonly opts: SyncOptions) {
    this.api = opts.api
    this.doc = opts.doc
    this.debounceMs = opts.debounceMs ?? 800
    this.offs.push(this.doc.onChange((paths, origin) => { if (origin === 'edit') this.edited(paths) }))
    this.offs.push(this.api.onDraftChanged((m) => { void this.draftChanged(m) }))
  }

  /** Open the draft into the document and restore journaled edits. Rejects when the draft cannot be fetched. */
  async open(): Promise<void> {
    this.state.value = 'loading'
    const { appId, files } = await this.api.openDraft()
    this.appId = appId
    this.hashes.clear()
    this.savedText.clear()
    this.unsaved.clear()
    this.held.clear()
    const parsed: Record<string, unknown> = {}
    const problems: Diagnostic[] = []
    for (const f of files) {
      this.hashes.set(f.path, f.hash)
      this.savedText.set(f.path, f.content)
      try {
        parsed[f.path] = parseFile(f.path, f.content)
      } catch (e) {
        parsed[f.path] = f.content
        problems.push({ code: 'E_FILE_JSON', severity: 'error', file: f.path, message: e instanceof Error ? e.message : 'not valid JSON' })
      }
    }
    this.loadProblems.value = problems
    this.doc.load(parsed)
    this.journal = new Journal(this.opts.store, Journal.keyFor(appId, this.opts.user))
    this.opened = true
    this.restoreJournal()
    this.refresh()
    if (this.unsaved.size > 0) this.schedule()
  }

  get hasUnsaved(): boolean {
    return this.unsaved.size > 0 || this.held.size > 0
  }

  /** Whether the local journal could not be written (storage full or blocked). */
  get journalFailed(): boolean {
    return this.journal?.failed ?? false
  }

  /** The link to the runtime went down or came back; saving resumes when it is back. */
  setOnline(online: boolean): void {
    this.online = online
    if (online && this.offline) {
      this.offline = false
      if (this.unsaved.size > 0) void this.flush()
    }
    this.refresh()
  }

  /** Save every pending change now (also what the autosave timer calls). */
  flush(): Promise<void> {
    this.clearTimer()
    if (this.saving) {
      this.again = true
      return this.saving
    }
    this.saving = this.saveOnce().finally(() => {
      this.saving = null
      this.refresh()
      if (this.again) {
        this.again = false
        if (this.pendingPaths().length > 0) void this.flush()
      }
    })
    this.refresh()
    return this.saving
  }

  /** Write the journal now (before the page unloads). */
  journalNow(): void {
    this.writeJournal()
  }

  /** Settle a conflict: keep my version (overwrite theirs knowingly) or take theirs (drop mine). */
  resolve(path: string, choice: 'mine' | 'theirs'): void {
    const c = this.conflicts.value.find((x) => x.path === path)
    if (!c) return
    this.conflicts.value = this.conflicts.value.filter((x) => x.path !== path)
    this.held.delete(path)
    this.setBase(path, c.theirHash, c.theirs === null ? null : formatFile(c.theirs))
    if (choice === 'mine') {
      this.bumpGen(path)
      this.unsaved.add(path)
      this.journalDirty.add(path)
      this.writeJournal()
      void this.flush()
    } else {
      this.unsaved.delete(path)
      this.journal?.remove([path])
      this.doc.applyExternal({ [path]: c.theirs })
    }
    this.refresh()
  }

  async validate(): Promise<Diagnostic[]> {
    await this.flush()
    return this.api.validateDraft()
  }

  /** Save, then publish. E_INVALID_APP comes back as the runtime's problem list. */
  async publish(note?: string): Promise<PublishResult> {
    await this.flush()
    if (this.hasUnsaved) return { ok: false, diagnostics: [], message: 'E_CONFLICT' }
    try {
      return { ok: true, version: await this.api.publish(note) }
    } catch (e) {
      if (e instanceof WireError && e.code === 'E_INVALID_APP') {
        const d = (e.detail as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics ?? []
        return { ok: false, diagnostics: d, message: e.message }
      }
      throw e
    }
  }

  dispose(): void {
    this.clearTimer()
    this.writeJournal()
    for (const off of this.offs.splice(0)) off()
  }

  // ---------- internals ----------

  private edited(paths: string[]): void {
    for (const p of paths) {
      this.unsaved.add(p)
      this.bumpGen(p)
      this.journalDirty.add(p)
    }
    // Several commands in one task (a paste, a restore) cost one journal write, done right after the frame that
    // shows the edit, so a drop or a keystroke never waits for it.
    if (!this.journalQueued) {
      this.journalQueued = true
      afterPaint(() => this.writeJournal())
    }
    this.refresh()
    this.schedule()
  }

  private writeJournal(): void {
    this.journalQueued = false
    if (!this.journal || this.journalDirty.size === 0) return
    const entries: Record<string, { content: string | null; baseHash: string | null }> = {}
    for (const p of this.journalDirty) {
      if (!this.unsaved.has(p)) continue
      const v = this.doc.get(p)
      entries[p] = { content: v === undefined ? null : formatFile(v), baseHash: this.hashes.get(p) ?? null }
    }
    this.journalDirty.clear()
    this.journal.put(entries)
  }

  private restoreJournal(): void {
    const j = this.journal
    if (!j) return
    const local: FileChanges = {}
    const conflicts: Conflict[] = []
    const done: string[] = []
    for (const [p, e] of Object.entries(j.entries())) {
      const serverText = this.savedText.get(p) ?? null
      if (e.content === serverText) {
        done.push(p)
        continue
      }
      local[p] = parseOr(p, e.content)
      if ((this.hashes.get(p) ?? null) !== e.baseHash) {
        conflicts.push({ path: p, mine: local[p] ?? null, theirs: parseOr(p, serverText), theirHash: this.hashes.get(p) ?? null })
        this.held.add(p)
      }
    }
    j.remove(done)
    const n = Object.keys(local).length
    this.restored.value = n
    if (n > 0) this.doc.dispatch(restoreUnsaved, local)
    this.writeJournal()
    if (conflicts.length > 0) this.conflicts.value = [...this.conflicts.value, ...conflicts]
  }

  private pendingPaths(): string[] {
    return [...this.unsaved].filter((p) => !this.held.has(p))
  }

  private async saveOnce(): Promise<void> {
    if (!this.online) {
      this.offline = true
      return
    }
    const changes: DraftChange[] = []
    const sentGen = new Map<string, number>()
    const sentText = new Map<string, string | null>()
    for (const p of this.pendingPaths()) {
      const v = this.doc.get(p)
      const content = v === undefined ? null : formatFile(v)
      if (content === (this.savedText.get(p) ?? null)) {
        // Back to the saved content (an undo): nothing to send.
        this.unsaved.delete(p)
        this.journal?.remove([p])
        continue
      }
      changes.push({ path: p, content, baseHash: this.hashes.get(p) ?? null })
      sentGen.set(p, this.gen.get(p) ?? 0)
      sentText.set(p, content)
    }
    if (changes.length === 0) return
    try {
      const saved = await this.api.saveDraft(changes)
      this.failed = false
      this.retryMs = 0
      this.error.value = null
      const journalDone: string[] = []
      for (const f of saved) {
        const text = sentText.get(f.path)
        if (text === undefined) continue
        this.setBase(f.path, f.hash, text)
        if ((this.gen.get(f.path) ?? 0) === sentGen.get(f.path)) {
          this.unsaved.delete(f.path)
          journalDone.push(f.path)
        } else {
          this.journalDirty.add(f.path) // changed again meanwhile: re-journal against the new base
        }
      }
      this.journal?.remove(journalDone)
      this.writeJournal()
    } catch (e) {
      this.saveFailed(e, sentText)
    }
  }

  private saveFailed(e: unknown, sent: Map<string, string | null>): void {
    const code = e instanceof WireError ? e.code : 'E_INTERNAL'
    if (code === 'E_OFFLINE' || code === 'E_TIMEOUT') {
      // A timed-out save may still have landed; the next save then meets E_CONFLICT with identical content,
      // which is settled without asking.
      this.offline = true
      this.retryLater()
      return
    }
    if (code === 'E_CONFLICT') {
      const list = ((e as WireError).detail as { conflicts?: DraftFile[] } | undefined)?.conflicts ?? []
      this.addConflicts(list, sent)
      if (this.pendingPaths().length > 0) this.again = true
      return
    }
    this.failed = true
    this.error.value = { code, message: e instanceof Error ? e.message : String(e) }
    this.retryLater()
  }

  /** Retry a failed save with a growing pause (2 s .. 60 s); an edit or a reconnect saves sooner. */
  private retryLater(): void {
    this.retryMs = Math.min(60_000, this.retryMs === 0 ? 2000 : this.retryMs * 2)
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      if (this.online) {
        this.offline = false
        void this.flush()
      }
    }, this.retryMs)
  }

  private addConflicts(list: readonly DraftFile[], sent: Map<string, string | null>, by?: string): void {
    const add: Conflict[] = []
    for (const f of list) {
      const theirHash = f.hash === '' ? null : f.hash
      const theirText = theirHash === null ? null : f.content
      const mineText = sent.get(f.path) ?? this.currentText(f.path)
      if (mineText === theirText) {
        this.setBase(f.path, theirHash, theirText)
        continue
      }
      this.held.add(f.path)
      const mine = this.doc.get(f.path)
      add.push({ path: f.path, mine: mine === undefined ? null : mine, theirs: parseOr(f.path, theirText), theirHash, ...(by ? { by } : {}) })
    }
    if (add.length === 0) return
    const keep = this.conflicts.value.filter((c) => !add.some((a) => a.path === c.path))
    this.conflicts.value = [...keep, ...add]
  }

  private async draftChanged(msg: DraftChangedMsg): Promise<void> {
    if (this.saving) await this.saving.catch(() => undefined)
    let files: DraftFile[]
    try {
      files = (await this.api.openDraft()).files
    } catch {
      return // the next save detects the change as E_CONFLICT instead
    }
    const byPath = new Map(files.map((f) => [f.path, f]))
    const external: FileChanges = {}
    const clash: DraftFile[] = []
    for (const p of msg.paths) {
      const f = byPath.get(p)
      const hash = f?.hash ?? null
      if (hash === (this.hashes.get(p) ?? null)) continue // our own save, or nothing new
      if (!this.unsaved.has(p) && !this.held.has(p)) {
        external[p] = f ? parseOr(p, f.content) : null
        this.setBase(p, hash, f?.content ?? null)
      } else {
        clash.push(f ?? { path: p, hash: '', content: '' })
      }
    }
    if (Object.keys(external).length > 0) this.doc.applyExternal(external)
    if (clash.length > 0) this.addConflicts(clash, new Map(), msg.by)
    this.refresh()
  }

  private currentText(path: string): string | null {
    const v = this.doc.get(path)
    return v === undefined ? null : formatFile(v)
  }

  private setBase(path: string, hash: string | null, text: string | null): void {
    if (hash === null || text === null) {
      this.hashes.delete(path)
      this.savedText.delete(path)
    } else {
      this.hashes.set(path, hash)
      this.savedText.set(path, text)
    }
  }

  private bumpGen(path: string): void {
    this.gen.set(path, (this.gen.get(path) ?? 0) + 1)
  }

  private schedule(): void {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, this.debounceMs)
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private refresh(): void {
    let s: SaveState
    if (this.conflicts.value.length > 0) s = 'conflict'
    else if (this.saving) s = 'saving'
    else if (this.offline || (!this.online && this.unsaved.size > 0)) s = 'offline'
    else if (this.failed) s = 'error'
    else if (this.unsaved.size > 0) s = 'unsaved'
    else s = 'saved'
    if (this.opened) this.state.value = s
  }
}
