/**
 * Named commands of the tag editor (STYLE.md 11). Each is a pure function of the document; tags are addressed
 * by file and name (indices shift). Renames rewrite every reference (screens, programs, expressions) in the same
 * command, so one undo restores both.
 */
import { IEC_TYPES, TagDef } from '@takt/blocks'
import type { BrowseNodeInfo, DataType, TagFile } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { FileChanges, ReadonlyDoc } from '../doc/command'
import { COLUMN_BY_ID } from './columns'
import type { ColumnCtx, ColumnId } from './columns'
import { importChanges } from './csv-tags'
import type { ImportOptions, ImportPreview } from './csv-tags'
import { FOLDER_RE, NAME_RE, folderFilePath, inFolder, isTagFilePath, rowKey, safeTagName, tagFiles } from './model'
import { renameReferences } from './references'

export interface TagRef { file: string; name: string }

function fileOf(doc: ReadonlyDoc, path: string): TagFile | { error: string } {
  const f = isTagFilePath(path) ? doc.get<TagFile>(path) : undefined
  return f ?? { error: `no tag file ${path}` }
}

function schemaError(tag: unknown): string | null {
  const r = TagDef.safeParse(tag)
  if (r.success) return null
  const i = r.error.issues[0]!
  return `${i.path.map(String).join('.') || 'tag'}: ${i.message}`
}

export interface AddTagArgs { folder: string; tag?: Partial<TagDef> }

/** Adds a tag to a folder (a memory REAL named `Tag`, `Tag_2`, ... unless given), creating its file if needed. */
export const addTag = defineCommand<AddTagArgs>('tags.add', (doc, a) => {
  if (!FOLDER_RE.test(a.folder)) return { error: `'${a.folder}' is not a folder path like Area/Tank1` }
  const existing = tagFiles(doc).find((e) => e.file.folder === a.folder)
  const path = existing?.path ?? folderFilePath(a.folder, new Set(doc.paths()))
  const f: TagFile = existing?.file ?? { format: 1, folder: a.folder, tags: [] }
  const names = new Set(f.tags.map((t) => t.name))
  const name = a.tag?.name ?? safeTagName('Tag', names)
  if (names.has(name)) return { error: `tag ${f.folder}/${name} already exists` }
  const tag = { name, dataType: 'REAL', source: { kind: 'memory' }, ...a.tag } as TagDef
  const bad = schemaError(tag)
  if (bad) return { error: bad }
  return { changes: { [path]: { ...f, tags: [...f.tags, tag] } }, select: [rowKey(path, name)] }
})

export interface UpdateTagArgs { file: string; name: string; tag: TagDef }

/** Replaces one tag; a new name must be unique and renames the tag's references everywhere. */
export const updateTag = defineCommand<UpdateTagArgs>('tags.update', (doc, a) => {
  const f = fileOf(doc, a.file)
  if ('error' in f) return f
  const i = f.tags.findIndex((t) => t.name === a.name)
  if (i < 0) return { error: `no tag ${f.folder}/${a.name}` }
  if (f.tags[i] === a.tag) return { changes: {} }
  const bad = schemaError(a.tag)
  if (bad) return { error: bad }
  const renamed = a.tag.name !== a.name
  if (renamed && f.tags.some((t) => t.name === a.tag.name)) return { error: `tag ${f.folder}/${a.tag.name} already exists` }
  const tags = f.tags.slice()
  tags[i] = a.tag
  const changes: FileChanges = { [a.file]: { ...f, tags } }
  if (renamed) {
    const from = `${f.folder}/${a.name}`
    const to = `${f.folder}/${a.tag.name}`
    Object.assign(changes, renameReferences(doc, (p) => (p === from ? to : undefined), changes))
  }
  return { changes, select: [rowKey(a.file, a.tag.name)] }
})

export interface DeleteTagsArgs { items: readonly TagRef[] }

/** Deletes tags. References elsewhere are left (and reported as problems); the UI warns before. */
export const deleteTags = defineCommand<DeleteTagsArgs>('tags.delete', (doc, a) => {
  const byFile = new Map<string, Set<string>>()
  for (const r of a.items) {
    const s = byFile.get(r.file) ?? new Set<string>()
    s.add(r.name)
    byFile.set(r.file, s)
  }
  const changes: FileChanges = {}
  for (const [path, names] of byFile) {
    const f = fileOf(doc, path)
    if ('error' in f) return f
    const tags = f.tags.filter((t) => !names.has(t.name))
    if (tags.length !== f.tags.length) changes[path] = { ...f, tags }
  }
  return { changes, select: [] }
})

/** Copies tags next to their originals as `Name_copy`, `Name_copy_2`, ...; selects the copies. */
export const duplicateTags = defineCommand<DeleteTagsArgs>('tags.duplicate', (doc, a) => {
  const next = new Map<string, TagFile>()
  const select: string[] = []
  for (const r of a.items) {
    const cur = next.get(r.file) ?? doc.get<TagFile>(r.file)
    if (!cur) return { error: `no tag file ${r.file}` }
    const i = cur.tags.findIndex((t) => t.name === r.name)
    if (i < 0) return { error: `no tag ${r.name} in ${r.file}` }
    const names = new Set(cur.tags.map((t) => t.name))
    const name = safeTagName(`${r.name}_copy`.slice(0, 64), names)
    const tags = cur.tags.slice()
    tags.splice(i + 1, 0, { ...cur.tags[i]!, name })
    next.set(r.file, { ...cur, tags })
    select.push(rowKey(r.file, name))
  }
  return { changes: Object.fromEntries(next), select }
})

export interface BulkSetArgs { items: readonly TagRef[]; column: ColumnId; text: string; ctx: ColumnCtx }

/** Sets one column to the same text for many tags; all or nothing (the first invalid row names the problem). */
export const bulkSet = defineCommand<BulkSetArgs>('tags.bulkSet', (doc, a) => {
  const col = COLUMN_BY_ID.get(a.column)
  if (!col || !col.bulk) return { error: `column ${a.column} cannot be bulk edited` }
  const next = new Map<string, TagFile>()
  for (const r of a.items) {
    const cur = next.get(r.file) ?? doc.get<TagFile>(r.file)
    if (!cur) return { error: `no tag file ${r.file}` }
    const i = cur.tags.findIndex((t) => t.name === r.name)
    if (i < 0) continue
    const res = col.set(cur.tags[i]!, a.text, a.ctx)
    if ('error' in res) return { error: `${cur.folder}/${r.name}: ${res.error}` }
    const bad = schemaError(res.tag)
    if (bad) return { error: `${cur.folder}/${r.name}: ${bad}` }
    const tags = cur.tags.slice()
    tags[i] = res.tag
    next.set(r.file, { ...cur, tags })
  }
  return { changes: Object.fromEntries(next) }
})

export interface CreateFolderArgs { folder: string; description?: TagFile['description'] }

/** Creates a folder: a new tag file `tags/<folder with . for />.json`. */
export const createFolder = defineCommand<CreateFolderArgs>('tags.createFolder', (doc, a) => {
  if (!FOLDER_RE.test(a.folder)) return { error: `'${a.folder}' is not a folder path like Area/Tank1` }
  if (tagFiles(doc).some((e) => e.file.folder === a.folder)) return { error: `folder ${a.folder} already exists` }
  const path = folderFilePath(a.folder, new Set(doc.paths()))
  const file: TagFile = { format: 1, folder: a.folder, ...(a.description !== undefined ? { description: a.description } : {}), tags: [] }
  return { changes: { [path]: file }, select: [path] }
})

export interface RenameFolderArgs { from: string; to: string }

/**
 * Renames a folder and every folder inside it (`Area` -> `Zone` also moves `Area/Tank1`), moving the files to
 * their new names and rewriting every reference to the moved tags.
 */
export const renameFolder = defineCommand<RenameFolderArgs>('tags.renameFolder', (doc, a) => {
  if (!FOLDER_RE.test(a.to)) return { error: `'${a.to}' is not a folder path like Area/Tank1` }
  if (a.from === a.to) return { changes: {} }
  const files = tagFiles(doc)
  const moving = files.filter((e) => inFolder(e.file.folder, a.from))
  if (moving.length === 0) return { error: `no folder ${a.from}` }
  const move = (folder: string): string => a.to + folder.slice(a.from.length)
  const staying = new Set(files.filter((e) => !inFolder(e.file.folder, a.from)).map((e) => e.file.folder))
  for (const e of moving) if (staying.has(move(e.file.folder))) return { error: `folder ${move(e.file.folder)} already exists` }
  const changes: FileChanges = {}
  const taken = new Set(doc.paths())
  for (const e of moving) taken.delete(e.path)
  for (const e of moving) {
    const folder = move(e.file.folder)
    const path = folderFilePath(folder, taken)
    taken.add(path)
    if (path !== e.path) changes[e.path] = null
    changes[path] = { ...e.file, folder }
  }
  const prefix = `${a.from}/`
  const rename = (p: string): string | undefined => {
    if (!p.startsWith(prefix)) return undefined
    // Only tags that live in a moved file move; `Area/X` under a folder "Area" only when such a file exists.
    const folder = p.slice(0, p.lastIndexOf('/'))
    return moving.some((e) => e.file.folder === folder) ? a.to + p.slice(a.from.length) : undefined
  }
  Object.assign(changes, renameReferences(doc, rename, changes))
  return { changes }
})

export interface DeleteFolderArgs { folder: string }

/** Deletes a folder with everything inside it (its files and the files of sub-folders). */
export const deleteFolder = defineCommand<DeleteFolderArgs>('tags.deleteFolder', (doc, a) => {
  const gone = tagFiles(doc).filter((e) => inFolder(e.file.folder, a.folder))
  if (gone.length === 0) return { error: `no folder ${a.folder}` }
  return { changes: Object.fromEntries(gone.map((e) => [e.path, null])), select: [] }
})

export interface ImportArgs { preview: ImportPreview; options: ImportOptions }

/** Applies a checked CSV import as one undoable step. */
export const importTags = defineCommand<ImportArgs>('tags.import', (doc, a) => ({ changes: importChanges(doc, a.preview, a.options) }))

/** IEC type for a browsed node: the runtime sends IEC names; OPC UA built-in names are mapped as a fallback. */
export function iecTypeOf(dataType: string | undefined): DataType {
  if (dataType && (IEC_TYPES as readonly string[]).includes(dataType)) return dataType as DataType
  const map: Record<string, DataType> = {
    Boolean: 'BOOL', SByte: 'SINT', Byte: 'USINT', Int16: 'INT', UInt16: 'UINT', Int32: 'DINT', UInt32: 'UDINT',
    Int64: 'LINT', UInt64: 'ULINT', Float: 'REAL', Double: 'LREAL', String: 'STRING', LocalizedText: 'STRING',
  }
  return (dataType && map[dataType]) || 'LREAL'
}

export interface CreateFromBrowseArgs { folder: string; connection: string; nodes: readonly BrowseNodeInfo[] }

/**
 * Creates one connection tag per browsed variable in `folder` (its file is created when the folder has none yet),
 * named after the node, typed from its data type. A node already bound in that folder is skipped (a double drop).
 */
export const createFromBrowse = defineCommand<CreateFromBrowseArgs>('tags.createFromBrowse', (doc, a) => {
  if (!FOLDER_RE.test(a.folder)) return { error: `'${a.folder}' is not a folder path like Area/Tank1` }
  if (!NAME_RE.test(a.connection)) return { error: `'${a.connection}' is not a connection name` }
  const existing = tagFiles(doc).find((e) => e.file.folder === a.folder)
  const path = existing?.path ?? folderFilePath(a.folder, new Set(doc.paths()))
  const f: TagFile = existing?.file ?? { format: 1, folder: a.folder, tags: [] }
  const names = new Set(f.tags.map((t) => t.name))
  const tags = f.tags.slice()
  const select: string[] = []
  for (const n of a.nodes) {
    if (n.nodeClass !== 'Variable') continue
    if (tags.some((t) => t.source.kind === 'connection' && t.source.connection === a.connection && t.source.address === n.address)) continue
    const name = safeTagName(n.name, names)
    names.add(name)
    tags.push({ name, dataType: iecTypeOf(n.dataType), source: { kind: 'connection', connection: a.connection, address: n.address } })
    select.push(rowKey(path, name))
  }
  if (select.length === 0) return { changes: {} }
  return { changes: { [path]: { ...f, tags } }, select }
})
