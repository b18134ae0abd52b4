/**
 * The tag files of the document (`tags/*.json`, one per folder or equipment) seen as folders and rows. Pure
 * helpers; the table and the commands build on them.
 */
import type { AppManifest, DataType, LocalText, TagDef, TagFile } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'

export const TAGS_DIR = 'tags/'

/** Same rule as TagFile.folder: names joined by `/`. */
export const FOLDER_RE = /^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,14}$/
/** Same rule as the `Name` schema. */
export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

export interface TagFileEntry { path: string; file: TagFile }

export function isTagFilePath(path: string): boolean {
  return path.startsWith(TAGS_DIR) && path.endsWith('.json') && !path.slice(TAGS_DIR.length).includes('/')
}

/** Tag files sorted by folder (then path), skipping anything that is not shaped like one. */
export function tagFiles(doc: ReadonlyDoc): TagFileEntry[] {
  const out: TagFileEntry[] = []
  for (const path of doc.paths()) {
    if (!isTagFilePath(path)) continue
    const file = doc.get<TagFile>(path)
    if (file && typeof file.folder === 'string' && Array.isArray(file.tags)) out.push({ path, file })
  }
  return out.sort((a, b) => a.file.folder.localeCompare(b.file.folder) || a.path.localeCompare(b.path))
}

/**
 * File path for a folder: `Area/Tank1` -> `tags/Area.Tank1.json`. `.` cannot occur in folder names, so the
 * mapping is reversible and readable in a file list.
 */
export function folderFilePath(folder: string, taken: ReadonlySet<string> = new Set()): string {
  const base = `${TAGS_DIR}${folder.replace(/\//g, '.')}`
  let p = `${base}.json`
  for (let i = 2; taken.has(p); i++) p = `${base}~${i}.json`
  return p
}

/**
 * A row the tag picker lists before the APP's tags, e.g. a template's member as `$/Member`. `note` is shown before
 * the description; `dataType` may be unknown while the template is being written.
 */
export interface ExtraTagRow { path: string; dataType: DataType | undefined; description?: LocalText; note?: string }

/** One table row: a tag and where it lives. `key` is stable across edits of other rows. */
export interface TagRow {
  key: string
  file: string
  folder: string
  index: number
  tag: TagDef
  path: string
}

export function rowKey(file: string, name: string): string {
  return `${file}|${name}`
}

export function tagRows(files: readonly TagFileEntry[]): TagRow[] {
  const rows: TagRow[] = []
  for (const { path, file } of files) {
    file.tags.forEach((tag, index) => {
      rows.push({ key: rowKey(path, tag.name), file: path, folder: file.folder, index, tag, path: `${file.folder}/${tag.name}` })
    })
  }
  return rows
}

/** Every tag path of the APP. */
export function tagPathSet(doc: ReadonlyDoc): Set<string> {
  const s = new Set<string>()
  for (const { file } of tagFiles(doc)) for (const t of file.tags) s.add(`${file.folder}/${t.name}`)
  return s
}

/** Connection names declared in app.json. */
export function connectionNames(doc: ReadonlyDoc): string[] {
  const m = doc.get<AppManifest>('app.json')
  return m?.connections ? Object.keys(m.connections) : []
}

/** A valid tag name from any text (an OPC UA browse name, a CSV cell), unique among `taken`. */
export function safeTagName(raw: string, taken: ReadonlySet<string>): string {
  let base = raw.replace(/[^A-Za-z0-9_-]/g, '_').replace(/_+/g, '_').slice(0, 56)
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`
  if (base === '_' || base === '') base = 'Tag'
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) {
    const n = `${base}_${i}`
    if (!taken.has(n)) return n
  }
}

/** Folder tree node: `path` is the full folder path; `files` the tag files of exactly this folder. */
export interface FolderNode {
  name: string
  path: string
  files: string[]
  count: number
  children: FolderNode[]
  /** Equipment: the template this folder (or instance) is made from. */
  type?: string
  /** An equipment instance listed in its folder's file (its tags come from the template). */
  instance?: boolean
}

/** Builds the folder tree; intermediate folders without a file of their own appear as plain nodes. */
export function folderTree(files: readonly TagFileEntry[]): FolderNode[] {
  const root: FolderNode = { name: '', path: '', files: [], count: 0, children: [] }
  for (const { path, file } of files) {
    let node = root
    const parts = file.folder.split('/')
    parts.forEach((name, i) => {
      let child = node.children.find((c) => c.name === name)
      if (!child) {
        child = { name, path: parts.slice(0, i + 1).join('/'), files: [], count: 0, children: [] }
        node.children.push(child)
      }
      child.count += file.tags.length
      node = child
    })
    node.files.push(path)
    if (file.type) node.type = file.type
    for (const inst of file.instances ?? []) {
      if (node.children.some((c) => c.name === inst.name)) continue
      node.children.push({ name: inst.name, path: `${node.path}/${inst.name}`, files: [], count: 0, children: [], type: inst.type, instance: true })
    }
  }
  const sort = (n: FolderNode): void => {
    n.children.sort((a, b) => a.name.localeCompare(b.name))
    n.children.forEach(sort)
  }
  sort(root)
  return root.children
}

/** Is `folder` the folder `prefix` or inside it? */
export function inFolder(folder: string, prefix: string): boolean {
  return prefix === '' || folder === prefix || folder.startsWith(`${prefix}/`)
}

/** Structural equality of JSON values (objects compared by keys regardless of order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]))
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** `next` with its keys in the order `prev` had them (new keys last), so a re-written file diffs minimally. */
export function keepKeyOrder<T extends object>(prev: T, next: T): T {
  const out: Record<string, unknown> = {}
  const n = next as Record<string, unknown>
  for (const k of Object.keys(prev)) if (k in n && n[k] !== undefined) out[k] = n[k]
  for (const k of Object.keys(n)) if (!(k in out) && n[k] !== undefined) out[k] = n[k]
  return out as T
}
