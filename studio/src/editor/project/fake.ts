/**
 * An in-memory draft store speaking the DraftApi, for tests and offline demos: hashes per file, all-or-nothing
 * saves with E_CONFLICT on a stale base, and `draftChanged` pushed to the other sessions.
 */
import type { Diagnostic, DraftChange, DraftChangedMsg, DraftFile, VersionInfo } from '@takt/blocks'
import { WireError } from '../../wire/errors'
import type { DraftApi } from './api'

/** A short content hash (FNV-1a, 32 bit): enough to tell versions apart in tests. */
export function fakeHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

export class FakeDraftServer {
  readonly files = new Map<string, string>()
  readonly versions: VersionInfo[] = []
  deployed: string | null = null
  /** Set to make every request fail with E_OFFLINE. */
  offline = false
  /** Problems `validateDraft` and `publish` report. */
  problems: Diagnostic[] = []
  saves = 0
  private readonly sessions = new Set<(m: DraftChangedMsg) => void>()

  constructor(readonly appId: string, files: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(files)) this.files.set(p, c)
  }

  hash(path: string): string {
    const c = this.files.get(path)
    return c === undefined ? '' : fakeHash(c)
  }

  /** Change files as another editor would (and push draftChanged to every session). */
  writeAs(user: string, files: Record<string, string | null>): void {
    for (const [p, c] of Object.entries(files)) {
      if (c === null) this.files.delete(p)
      else this.files.set(p, c)
    }
    for (const fn of this.sessions) fn({ type: 'draftChanged', paths: Object.keys(files), by: user })
  }

  /** A DraftApi for one editor session. */
  session(user = 'engineer'): DraftApi {
    let listener: ((m: DraftChangedMsg) => void) | null = null
    const check = () => {
      if (this.offline) throw new WireError('E_OFFLINE')
    }
    return {
      openDraft: async () => {
        check()
        const files: DraftFile[] = [...this.files].map(([path, content]) => ({ path, content, hash: fakeHash(content) }))
        return { appId: this.appId, files }
      },
      saveDraft: async (changes: DraftChange[]) => {
        check()
        const conflicts = changes.filter((c) => (c.baseHash ?? '') !== this.hash(c.path))
        if (conflicts.length > 0) {
          throw new WireError('E_CONFLICT', undefined, {
            conflicts: conflicts.map((c) => ({ path: c.path, hash: this.hash(c.path), content: this.files.get(c.path) ?? '' })),
          })
        }
        this.saves++
        for (const c of changes) {
          if (c.content === null) this.files.delete(c.path)
          else this.files.set(c.path, c.content)
        }
        const own = listener
        for (const fn of this.sessions) if (fn !== own) fn({ type: 'draftChanged', paths: changes.map((c) => c.path), by: user })
        return changes.map((c) => ({ path: c.path, hash: c.content === null ? null : fakeHash(c.content) }))
      },
      validateDraft: async () => {
        check()
        return this.problems
      },
      publish: async (note?: string) => {
        check()
        if (this.problems.some((d) => d.severity === 'error')) throw new WireError('E_INVALID_APP', undefined, { diagnostics: this.problems })
        const v: VersionInfo = { version: `${this.versions.length + 1}`, publishedAt: Date.now(), by: user, hash: fakeHash([...this.files.values()].join()), ...(note ? { note } : {}) }
        this.versions.push(v)
        return v
      },
      listVersions: async () => {
        check()
        return { versions: [...this.versions], deployed: this.deployed }
      },
      deploy: async (version: string) => {
        check()
        if (!this.versions.some((v) => v.version === version)) throw new WireError('E_UNKNOWN_VERSION')
        this.deployed = version
        return { version, kept: [], reset: [] }
      },
      onDraftChanged: (fn) => {
        listener = fn
        this.sessions.add(fn)
        return () => { this.sessions.delete(fn) }
      },
    }
  }
}

/** A Map-backed KeyValueStore (localStorage stand-in). */
export class MemoryStore {
  readonly map = new Map<string, string>()
  getItem(k: string): string | null { return this.map.get(k) ?? null }
  setItem(k: string, v: string): void { this.map.set(k, v) }
  removeItem(k: string): void { this.map.delete(k) }
}
