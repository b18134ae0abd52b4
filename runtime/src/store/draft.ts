/**
 * The draft of an APP: its folder on disk, edited file by file from the studio. A save is all or nothing and
 * refused with E_CONFLICT when any file changed since the editor read it, so two editors never silently overwrite
 * each other. Files are written to a temporary name and renamed, so a crash never leaves half a file.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { TaktError, type DraftChange, type DraftFile } from '@takt/blocks'
import { APP_FOLDERS, checkAppPath, contentHash, isAppPath, MAX_DRAFT_FILES, MAX_FILE_BYTES } from './paths.js'

export class DraftStore {
  // Serialises saves: the check-then-write of one save must not interleave with another's.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(readonly root: string) {}

  /** Every APP file of the draft with its hash. */
  async readAll(): Promise<DraftFile[]> {
    const paths = await this.listPaths()
    return Promise.all(paths.map(async (path) => {
      const content = await readFile(join(this.root, path), 'utf8')
      return { path, content, hash: contentHash(content) }
    }))
  }

  async listPaths(): Promise<string[]> {
    const out: string[] = []
    if (await exists(join(this.root, 'app.json'))) out.push('app.json')
    for (const folder of APP_FOLDERS) {
      const names = await readdir(join(this.root, folder)).catch(() => [] as string[])
      for (const n of names.sort()) if (isAppPath(`${folder}/${n}`)) out.push(`${folder}/${n}`)
    }
    return out
  }

  /** Apply changes atomically with respect to other saves; returns each path's new hash (null when deleted). */
  save(changes: DraftChange[]): Promise<{ path: string; hash: string | null }[]> {
    const run = this.queue.then(() => this.saveNow(changes))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async saveNow(changes: DraftChange[]): Promise<{ path: string; hash: string | null }[]> {
    if (changes.length === 0) return []
    const seen = new Set<string>()
    for (const c of changes) {
      checkAppPath(c.path)
      if (seen.has(c.path)) throw new TaktError('E_BAD_MESSAGE', `${c.path} appears twice in one save`)
      seen.add(c.path)
      if (c.content !== null && Buffer.byteLength(c.content) > MAX_FILE_BYTES) throw new TaktError('E_TOO_LARGE', `${c.path} is larger than ${MAX_FILE_BYTES} bytes`)
    }
    // Check every base hash before writing anything.
    const conflicts: DraftFile[] = []
    for (const c of changes) {
      const current = await readFile(join(this.root, c.path), 'utf8').catch(() => null)
      const currentHash = current === null ? null : contentHash(current)
      if (currentHash !== c.baseHash) conflicts.push({ path: c.path, hash: currentHash ?? '', content: current ?? '' })
    }
    if (conflicts.length) {
      throw new TaktError('E_CONFLICT', `changed by someone else: ${conflicts.map((c) => c.path).join(', ')}`, undefined, { conflicts })
    }
    const creates = changes.filter((c) => c.content !== null && c.baseHash === null).length
    if (creates && (await this.listPaths()).length + creates > MAX_DRAFT_FILES) throw new TaktError('E_LIMIT', `a draft holds at most ${MAX_DRAFT_FILES} files`)
    const out: { path: string; hash: string | null }[] = []
    for (const c of changes) {
      const full = join(this.root, c.path)
      if (c.content === null) {
        await rm(full, { force: true })
        out.push({ path: c.path, hash: null })
        continue
      }
      await mkdir(dirname(full), { recursive: true })
      const tmp = `${full}.${process.pid}.tmp`
      await writeFile(tmp, c.content, 'utf8')
      await rename(tmp, full)
      out.push({ path: c.path, hash: contentHash(c.content) })
    }
    return out
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false)
}
