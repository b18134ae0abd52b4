/**
 * Tags as CSV, one row per tag, a column per field (nested fields flattened with dots: `source.address`,
 * `range.min`, `description.zh-CN`), so a spreadsheet round trip loses nothing:
 * - a plain-string description sits in `description`; per-locale texts in `description.<locale>`;
 * - `source.initial` holds a JSON literal (`true`, `2.5`, `"text"`), so its type survives; bare text is read by
 *   the tag's data type;
 * - historian settings have a column each (`history.enabled`, `history.deadband`, ...);
 * - structured fields (`alarms`, `instance.params`, `folder.params`) are JSON in one cell; fields this version of
 *   the editor does not know travel as a JSON object in `extra`, so a newer format still round-trips;
 * - an empty cell means "absent", a quoted empty cell `""` the empty string (see csv.ts);
 * - a row without a name describes its folder (description, equipment `folder.type` / `folder.params`, or just
 *   that the folder exists); a row with `instance.type` is an equipment instance of the folder.
 * Import is checked row by row against the schemas; problems name the line and the column.
 */
import { Instance, TagDef } from '@takt/blocks'
import type { LocalText, TagFile } from '@takt/blocks'
import type { FileChanges, ReadonlyDoc } from '../doc/command'
import { parseCsv, serializeCsv } from './csv'
import type { Cell } from './csv'
import { FOLDER_RE, folderFilePath, jsonEqual, keepKeyOrder, tagFiles } from './model'
import type { TagFileEntry } from './model'
import { readTag, tagCells } from './csv-row'
import type { Getter } from './csv-row'

const BASE_COLUMNS = [
  'folder', 'name', 'dataType',
  'source.kind', 'source.connection', 'source.address', 'source.samplingMs', 'source.initial', 'source.expr',
  'unit', 'range.min', 'range.max', 'scaling.rawMin', 'scaling.rawMax', 'scaling.engMin', 'scaling.engMax',
  'limits.lolo', 'limits.lo', 'limits.hi', 'limits.hihi', 'alarms',
  'history.enabled', 'history.deadband', 'history.minIntervalMs', 'history.maxIntervalMs', 'deadband',
  'access.write', 'access.confirm', 'access.critical', 'decimals',
  'description', 'description.en', 'description.zh-CN', 'extra',
  'instance.type', 'instance.params', 'folder.type', 'folder.params',
] as const

const DESC = 'description.'
const FILE_KEYS = new Set(['format', 'folder', 'description', 'type', 'params', 'tags', 'instances'])

/** The header for a set of files: the base columns plus `description.<locale>` for any other locale used. */
export function csvColumns(files: readonly TagFileEntry[]): string[] {
  const extra = new Set<string>()
  const see = (d: LocalText | undefined): void => {
    if (d && typeof d === 'object') for (const k of Object.keys(d)) if (k !== 'en' && k !== 'zh-CN') extra.add(`${DESC}${k}`)
  }
  for (const { file } of files) {
    see(file.description)
    for (const t of file.tags) see(t.description)
    for (const i of file.instances ?? []) see(i.description)
  }
  return [...BASE_COLUMNS, ...[...extra].sort()]
}

function descCells(d: LocalText | undefined, out: Record<string, Cell>): void {
  if (typeof d === 'string') out['description'] = d
  else if (d) for (const [k, v] of Object.entries(d)) out[`${DESC}${k}`] = v
}

const json = (v: unknown): Cell => (v === undefined ? null : JSON.stringify(v))

/** CSV text of the given tag files (UTF-8 BOM first so spreadsheets read Chinese text correctly). */
export function exportTagsCsv(files: readonly TagFileEntry[]): string {
  const cols = csvColumns(files)
  const rows: Cell[][] = [cols]
  const row = (cells: Record<string, Cell>): Cell[] => cols.map((k) => cells[k] ?? null)
  for (const { file } of files) {
    const unknown = Object.fromEntries(Object.entries(file).filter(([k]) => !FILE_KEYS.has(k)))
    const needsRow = file.description !== undefined || file.type !== undefined || file.params !== undefined
      || Object.keys(unknown).length > 0 || (file.tags.length === 0 && !file.instances?.length)
    if (needsRow) {
      const c: Record<string, Cell> = { folder: file.folder, 'folder.type': file.type ?? null, 'folder.params': json(file.params) }
      if (Object.keys(unknown).length > 0) c['extra'] = JSON.stringify(unknown)
      descCells(file.description, c)
      rows.push(row(c))
    }
    for (const t of file.tags) rows.push(row(tagCells(file.folder, t)))
    for (const i of file.instances ?? []) {
      const c: Record<string, Cell> = { folder: file.folder, name: i.name, 'instance.type': i.type, 'instance.params': json(i.params) }
      descCells(i.description, c)
      rows.push(row(c))
    }
  }
  return `\uFEFF${serializeCsv(rows)}`
}

// ---------- import ----------

export interface ImportError { line: number; column: string; message: string }

export interface FolderImport {
  folder: string
  /** File-level fields from the folder row (description, type, params, unknown keys); absent: no folder row. */
  head?: Record<string, unknown>
  tags: TagDef[]
  instances: Instance[]
}

export interface ImportPreview {
  folders: FolderImport[]
  errors: ImportError[]
  /** Rows read (tag, instance and folder rows). */
  rowCount: number
  tagCount: number
}

export function readDesc(get: Getter, cols: readonly string[], err: (col: string, msg: string) => void): LocalText | undefined {
  const plain = get('description')
  const rec: Record<string, string> = {}
  for (const c of cols) {
    if (!c.startsWith(DESC)) continue
    const v = get(c)
    if (v !== null) rec[c.slice(DESC.length)] = v
  }
  const has = Object.keys(rec).length > 0
  if (plain !== null && has) {
    err('description', 'use either description or description.<locale>, not both')
    return undefined
  }
  return plain ?? (has ? rec : undefined)
}

/** A JSON cell that must hold an object (or, with `array`, an array); undefined when empty. */
export function readJson(get: Getter, col: string, err: (col: string, msg: string) => void, array = false): unknown {
  const v = get(col)
  if (v === null) return undefined
  try {
    const x: unknown = JSON.parse(v)
    const ok = array ? Array.isArray(x) : typeof x === 'object' && x !== null && !Array.isArray(x)
    if (ok) return x
  } catch {
    // reported below
  }
  err(col, array ? `${col} must be a JSON array` : `${col} must be a JSON object`)
  return undefined
}

const FOLDER_ROW = new Set(['folder', 'description', 'extra', 'folder.type', 'folder.params'])
const INSTANCE_ROW = new Set(['folder', 'name', 'description', 'instance.type', 'instance.params'])

/** Reads the rows of CSV text into folders, with every problem found (line, column, message). */
export function parseTagsCsv(text: string): ImportPreview {
  const parsed = parseCsv(text)
  const errors: ImportError[] = []
  const preview: ImportPreview = { folders: [], errors, rowCount: 0, tagCount: 0 }
  if (parsed.error) {
    errors.push({ line: parsed.error.line, column: '', message: parsed.error.message })
    return preview
  }
  const [head, ...body] = parsed.records
  if (!head) {
    errors.push({ line: 1, column: '', message: 'the file is empty' })
    return preview
  }
  const cols = head.cells.map((c) => (c ?? '').trim())
  const known = new Set<string>(BASE_COLUMNS)
  const index = new Map<string, number>()
  cols.forEach((c, i) => {
    if (!known.has(c) && !(c.startsWith(DESC) && c.length > DESC.length)) {
      errors.push({ line: head.line, column: c, message: `unknown column '${c}'` })
    } else if (index.has(c)) errors.push({ line: head.line, column: c, message: `column '${c}' appears twice` })
    else index.set(c, i)
  })
  for (const need of ['folder', 'name', 'dataType', 'source.kind']) {
    if (!index.has(need)) errors.push({ line: head.line, column: need, message: `column '${need}' is missing` })
  }
  if (errors.length > 0) return preview

  const byFolder = new Map<string, FolderImport>()
  const names = new Map<string, Set<string>>()
  const folderOf = (folder: string): FolderImport => {
    let f = byFolder.get(folder)
    if (!f) {
      f = { folder, tags: [], instances: [] }
      byFolder.set(folder, f)
      preview.folders.push(f)
    }
    return f
  }
  for (const rec of body) {
    preview.rowCount++
    const get: Getter = (col) => {
      const i = index.get(col)
      return i === undefined ? null : (rec.cells[i] ?? null)
    }
    let bad = false
    const err = (column: string, message: string): void => {
      bad = true
      errors.push({ line: rec.line, column, message })
    }
    const only = (allowed: ReadonlySet<string>, what: string): void => {
      for (const c of cols) if (!allowed.has(c) && !c.startsWith(DESC) && get(c) !== null) err(c, `${c} does not apply to ${what}`)
    }
    if (rec.cells.length > cols.length && rec.cells.slice(cols.length).some((c) => c !== null)) {
      err('', `the row has ${rec.cells.length} cells; the header has ${cols.length}`)
    }
    const folder = get('folder')
    if (folder === null || !FOLDER_RE.test(folder)) {
      err('folder', folder === null ? 'folder is required' : `'${folder}' is not a folder path like Area/Tank1`)
      continue
    }
    const name = get('name')
    if (name === null) {
      only(FOLDER_ROW, 'a folder row (a row without a name)')
      const fh: Record<string, unknown> = {}
      const d = readDesc(get, cols, err)
      if (d !== undefined) fh['description'] = d
      const type = get('folder.type')
      if (type !== null) fh['type'] = type
      const params = readJson(get, 'folder.params', err)
      if (params !== undefined) fh['params'] = params
      const extra = readJson(get, 'extra', err) as Record<string, unknown> | undefined
      if (extra) for (const [k, v] of Object.entries(extra)) if (!FILE_KEYS.has(k)) fh[k] = v
      if (!bad) folderOf(folder).head = fh
      continue
    }
    const seen = names.get(folder) ?? new Set<string>()
    names.set(folder, seen)
    if (get('instance.type') !== null) {
      only(INSTANCE_ROW, 'an equipment instance row')
      const inst: Record<string, unknown> = { name, type: get('instance.type') }
      const params = readJson(get, 'instance.params', err)
      if (params !== undefined) inst['params'] = params
      const d = readDesc(get, cols, err)
      if (d !== undefined) inst['description'] = d
      if (bad) continue
      const r = Instance.safeParse(inst)
      if (!r.success) {
        for (const i of r.error.issues) err(i.path[0] === 'type' ? 'instance.type' : i.path[0] === 'params' ? 'instance.params' : String(i.path[0] ?? 'name'), i.message)
        continue
      }
      if (seen.has(name)) {
        err('name', `${folder}/${name} appears twice`)
        continue
      }
      seen.add(name)
      folderOf(folder).instances.push(inst as Instance)
      continue
    }
    only(new Set([...BASE_COLUMNS].filter((c) => !c.startsWith('instance.') && !c.startsWith('folder.'))), 'a tag row')
    const tag = readTag(get, err, readDesc(get, cols, err))
    if (!tag || bad) continue
    const r = TagDef.safeParse(tag)
    if (!r.success) {
      for (const i of r.error.issues) err(csvColumnOf(i.path.map(String)), i.message)
      continue
    }
    if (seen.has(tag.name)) {
      err('name', `${folder}/${tag.name} appears twice`)
      continue
    }
    seen.add(tag.name)
    folderOf(folder).tags.push(tag)
    preview.tagCount++
  }
  return preview
}

const KNOWN_PATHS = new Set<string>(BASE_COLUMNS)

function csvColumnOf(path: readonly string[]): string {
  const p = path.join('.')
  if (KNOWN_PATHS.has(p)) return p
  if (path[0] === 'alarms') return 'alarms'
  if (path[0] === 'history') return 'history.enabled'
  if (p === 'range') return 'range.max'
  if (p === 'scaling') return 'scaling.rawMax'
  if (p === 'source') return 'source.kind'
  if (path[0] === 'description') return 'description'
  return KNOWN_PATHS.has(path[0] ?? '') ? path[0]! : 'extra'
}

export interface ImportOptions {
  /** `merge`: add and update tags, keep others. `replace`: the CSV is the whole tag list (others are deleted). */
  mode: 'merge' | 'replace'
}

/** Items of `old` updated from `incoming` by name (equal ones keep their object), new ones appended. */
function mergeNamed<T extends { name: string }>(old: readonly T[], incoming: readonly T[], mode: ImportOptions['mode']): T[] {
  const byName = new Map(incoming.map((t) => [t.name, t]))
  const out: T[] = []
  for (const t of old) {
    const n = byName.get(t.name)
    if (n) {
      out.push(jsonEqual(t, n) ? t : keepKeyOrder(t, n))
      byName.delete(t.name)
    } else if (mode === 'merge') out.push(t)
  }
  return [...out, ...incoming.filter((t) => byName.has(t.name))]
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** A file in schema key order (format, folder, description, type, params, tags, instances, then anything newer). */
function newFile(f: FolderImport): TagFile {
  const h = f.head ?? {}
  const file: Record<string, unknown> = { format: 1, folder: f.folder }
  for (const k of ['description', 'type', 'params']) if (h[k] !== undefined) file[k] = h[k]
  file['tags'] = f.tags
  if (f.instances.length > 0) file['instances'] = f.instances
  for (const [k, v] of Object.entries(h)) if (!(k in file)) file[k] = v
  return file as TagFile
}

/**
 * The file changes an import makes. Tags equal to the current ones keep their objects (and files stay untouched),
 * changed tags keep their key order, new tags and folders are appended.
 */
export function importChanges(doc: ReadonlyDoc, preview: ImportPreview, opts: ImportOptions): FileChanges {
  const files = tagFiles(doc)
  const byFolder = new Map<string, TagFileEntry>()
  for (const e of files) if (!byFolder.has(e.file.folder)) byFolder.set(e.file.folder, e)
  const taken = new Set(doc.paths())
  const changes: FileChanges = {}
  for (const f of preview.folders) {
    const cur = byFolder.get(f.folder)
    if (!cur) {
      const path = folderFilePath(f.folder, taken)
      taken.add(path)
      changes[path] = newFile(f)
      continue
    }
    const old = cur.file as TagFile & Record<string, unknown>
    let next: Record<string, unknown> = old
    const tags = mergeNamed(old.tags, f.tags, opts.mode)
    if (!sameList(tags, old.tags)) next = { ...next, tags }
    const instances = mergeNamed(old.instances ?? [], f.instances, opts.mode)
    if (!sameList(instances, old.instances ?? [])) {
      next = { ...next }
      if (instances.length > 0) next['instances'] = instances
      else delete next['instances']
    }
    // The folder row, when present (always, in replace mode), sets every file-level field.
    if (f.head !== undefined || opts.mode === 'replace') {
      const h = f.head ?? {}
      const heads = new Set([...Object.keys(old), ...Object.keys(h)].filter((k) => k !== 'format' && k !== 'folder' && k !== 'tags' && k !== 'instances'))
      for (const k of heads) {
        if (jsonEqual(h[k], old[k])) continue
        next = next === old ? { ...old } : next
        if (h[k] === undefined) delete next[k]
        else next[k] = h[k]
      }
    }
    if (next !== old) changes[cur.path] = keepKeyOrder(old, next)
  }
  if (opts.mode === 'replace') {
    const keep = new Set(preview.folders.map((f) => f.folder))
    for (const e of files) if (!keep.has(e.file.folder)) changes[e.path] = null
  }
  return changes
}
