/**
 * Loads an APP folder (DESIGN.md "The APP") through a small reader interface, since blocks has no file system:
 * the runtime passes a Node reader, the studio and tests an in-memory one. Bad content never throws; it comes
 * back as diagnostics, and the APP is null when any of them is an error.
 */
import { TaktError } from '../errors.js'
import type { Diagnostic } from '../errors.js'
import type { LoadedApp } from './app.js'
import type { FileKind, MigrationRegistry } from './migrate.js'
import { validateApp } from './validate.js'
import type { AppParts, FileEntry, ProgramCheck } from './validate.js'
import { LineIndex, locateJsonPath, parseJsonPath } from './validate-json.js'
import { DEFAULT_FILE_LIMITS, capDiagnostics, parseAppFile } from './validate-schema.js'
import type { FileLimits, FileValue } from './validate-schema.js'
import type { StUnit } from './st-unit.js'

/** Reads an APP folder. Paths are relative to the APP root and use `/`. */
export interface AppSource {
  /** File names (not paths) in a folder; [] when the folder does not exist. */
  list(dir: string): Promise<string[]>
  /** A file's text; throws when it is missing or unreadable. */
  read(path: string): Promise<string>
}

/**
 * An AppSource over a map of relative paths to file text, for tests and the studio.
 * @example memorySource({ 'app.json': '{...}', 'screens/overview.json': '{...}' })
 */
export function memorySource(files: Record<string, string>): AppSource {
  const map = new Map(Object.entries(files))
  return {
    list(dir) {
      const prefix = `${dir}/`
      const names: string[] = []
      for (const path of map.keys()) {
        if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) names.push(path.slice(prefix.length))
      }
      return Promise.resolve(names.sort())
    },
    read(path) {
      const text = map.get(path)
      return text === undefined ? Promise.reject(new TaktError('E_FILE_READ', `no such file: ${path}`, { file: path })) : Promise.resolve(text)
    },
  }
}

export interface LoadLimits extends FileLimits {
  /** Most files read from one folder (default 10 000). */
  maxFilesPerFolder: number
  /** Most characters read in all (default 256 Mi). */
  maxTotalChars: number
  /** Diagnostics returned in all (default 1000). */
  maxDiagnostics: number
  /** Characters of Structured Text in all `programs/*.st` files together (default 2,000,000, the ST compiler's limit). */
  maxStChars: number
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  ...DEFAULT_FILE_LIMITS,
  maxFilesPerFolder: 10_000,
  maxTotalChars: 256 * 1024 * 1024,
  maxDiagnostics: 1000,
  maxStChars: 2_000_000,
}

export interface LoadOptions {
  /** Extra checks per program, e.g. the FB compiler's; its diagnostics join the loader's. */
  programCheck?: ProgramCheck
  limits?: Partial<LoadLimits>
  /** Replaces the built-in migration steps (tests). */
  migrations?: MigrationRegistry
}

export interface LoadResult {
  /** Null when any diagnostic is an error. */
  app: LoadedApp | null
  diagnostics: Diagnostic[]
  /** Files that were in an older format and were migrated in memory (save them to upgrade). */
  migrated: string[]
  /** The APP's Structured Text compiled as one unit (null when it has none), so a caller need not compile it again. */
  st?: StUnit | null
}

type PartKey = 'tags' | 'programs' | 'screens' | 'templates' | 'fbBlocks'

/** Where each kind of file lives, how its names end, and where it goes in AppParts. */
const FOLDERS: readonly { dir: string; kind: Exclude<FileKind, 'app'>; suffix: string; part: PartKey }[] = [
  // Templates first: tag files instantiate them.
  { dir: 'types', kind: 'template', suffix: '.json', part: 'templates' },
  { dir: 'tags', kind: 'tags', suffix: '.json', part: 'tags' },
  { dir: 'programs', kind: 'program', suffix: '.fbd.json', part: 'programs' },
  { dir: 'blocks', kind: 'fbBlock', suffix: '.fb.json', part: 'fbBlocks' },
  { dir: 'screens', kind: 'screen', suffix: '.json', part: 'screens' },
]

/** Characters of text the line/column locator may scan in all, so thousands of problems in a huge file stay cheap. */
const LOCATE_BUDGET = 64 * 1024 * 1024

class Loading {
  readonly diagnostics: Diagnostic[] = []
  readonly migrated: string[] = []
  /** Texts that are valid JSON, kept to give later diagnostics a line and column. */
  readonly texts = new Map<string, string>()
  totalChars = 0
  stChars = 0
  readonly limits: LoadLimits

  constructor(readonly source: AppSource, readonly options: LoadOptions) {
    this.limits = { ...DEFAULT_LOAD_LIMITS, ...options.limits }
  }

  error(code: Diagnostic['code'], file: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ code, severity, message, file })
  }

  async list(dir: string): Promise<string[] | null> {
    try {
      const names = await this.source.list(dir)
      if (!Array.isArray(names)) throw new Error('listing is not an array')
      if (names.length > this.limits.maxFilesPerFolder) {
        this.error('E_LIMIT', dir, `more than ${this.limits.maxFilesPerFolder} files in ${dir}/`)
        return null
      }
      return names.filter((n): n is string => typeof n === 'string').sort()
    } catch (err) {
      this.error('E_FILE_READ', dir, `cannot list ${dir}/: ${messageOf(err)}`)
      return null
    }
  }

  async file<K extends FileKind>(kind: K, file: string): Promise<FileEntry<FileValue[K]> | null> {
    let text: string
    try {
      text = await this.source.read(file)
      if (typeof text !== 'string') throw new Error('content is not text')
    } catch (err) {
      this.error('E_FILE_READ', file, `cannot read ${file}: ${messageOf(err)}`)
      return null
    }
    this.totalChars += text.length
    if (this.totalChars > this.limits.maxTotalChars) {
      this.error('E_LIMIT', file, `the APP is larger than ${this.limits.maxTotalChars} characters in all`)
      return null
    }
    const parsed = parseAppFile(kind, file, text, { limits: this.limits, ...(this.options.migrations ? { migrations: this.options.migrations } : {}) })
    if (parsed.json) this.texts.set(file, text)
    this.diagnostics.push(...parsed.diagnostics)
    if (parsed.migratedFrom !== undefined) this.migrated.push(file)
    return parsed.value === null ? null : { file, value: parsed.value }
  }

  /** A Structured Text file's text, within the size limit; null (reported) when it cannot be used. */
  async text(file: string): Promise<FileEntry<string> | null> {
    let text: string
    try {
      text = await this.source.read(file)
      if (typeof text !== 'string') throw new Error('content is not text')
    } catch (err) {
      this.error('E_FILE_READ', file, `cannot read ${file}: ${messageOf(err)}`)
      return null
    }
    this.totalChars += text.length
    this.stChars += text.length
    if (this.totalChars > this.limits.maxTotalChars) {
      this.error('E_LIMIT', file, `the APP is larger than ${this.limits.maxTotalChars} characters in all`)
      return null
    }
    if (this.stChars > this.limits.maxStChars) {
      // Once: the files after the one that crossed the limit are left out with it.
      if (this.stChars - text.length <= this.limits.maxStChars) this.error('E_LIMIT', file, `the Structured Text files are larger than ${this.limits.maxStChars} characters together`)
      return null
    }
    return { file, value: text }
  }

  /** Adds line/column to diagnostics that have a file and JSON path but no position yet. */
  locate(): void {
    let budget = LOCATE_BUDGET
    const indexes = new Map<string, LineIndex>()
    for (const d of this.diagnostics) {
      if (d.line !== undefined || d.file === undefined || d.path === undefined) continue
      const text = this.texts.get(d.file)
      const segments = parseJsonPath(d.path)
      if (text === undefined || segments === null) continue
      budget -= text.length
      if (budget < 0) return
      let index = indexes.get(d.file)
      if (!index) indexes.set(d.file, index = new LineIndex(text))
      Object.assign(d, index.at(locateJsonPath(text, segments)))
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Loads and validates an APP: app.json, types/*.json, tags/*.json, programs/*.fbd.json, programs/*.st (Structured
 * Text, compiled together as one unit), blocks/*.fb.json (FBD function blocks), screens/*.json. Other folders are
 * ignored. Never throws.
 * @example
 * const { app, diagnostics } = await loadApp(memorySource(files), { programCheck })
 * if (!app) diagnostics.forEach((d) => log(formatDiagnostic(d)))
 */
export async function loadApp(source: AppSource, options: LoadOptions = {}): Promise<LoadResult> {
  const ld = new Loading(source, options)
  try {
    return await load(ld)
  } catch (err) {
    // Only a defect in the loader gets here; report it rather than take the caller down.
    ld.diagnostics.push({ code: 'E_INTERNAL', severity: 'error', message: `loader failed: ${messageOf(err)}` })
    return { app: null, diagnostics: ld.diagnostics, migrated: ld.migrated }
  }
}

async function load(ld: Loading): Promise<LoadResult> {
  const manifest = await ld.file('app', 'app.json')
  const parts: AppParts = {
    manifest,
    tagFiles: [],
    programs: [],
    screens: [],
    templates: [],
    fbBlocks: [],
    stFiles: [],
    complete: { manifest: manifest !== null, tags: true, programs: true, screens: true, templates: true, fbBlocks: true },
  }
  const lists: { [P in PartKey]: FileEntry<unknown>[] } = {
    tags: parts.tagFiles, programs: parts.programs, screens: parts.screens, templates: parts.templates as FileEntry<unknown>[],
    fbBlocks: parts.fbBlocks as FileEntry<unknown>[],
  }
  for (const { dir, kind, suffix, part } of FOLDERS) {
    const names = await ld.list(dir)
    if (names === null) {
      parts.complete[part] = false
      continue
    }
    for (const name of names) {
      const file = `${dir}/${name}`
      if (name.startsWith('.') || name.includes('/') || name.includes('\\')) continue
      if (name.endsWith('.st')) {
        if (part !== 'programs') {
          ld.error('E_UNSUPPORTED', file, `ignored: Structured Text files belong in programs/`, 'warning')
          continue
        }
        const st = await ld.text(file)
        if (st === null) parts.complete.programs = false
        else parts.stFiles!.push(st)
        continue
      }
      if (!name.endsWith(suffix)) {
        if (name.endsWith('.json')) ld.error('E_UNSUPPORTED', file, `ignored: files in ${dir}/ are named <name>${suffix}`, 'warning')
        continue
      }
      const entry = await ld.file(kind, file)
      if (entry === null) parts.complete[part] = false
      else lists[part].push(entry)
    }
  }
  const { tags, diagnostics, st, templatePrograms } = validateApp(parts, ld.options.programCheck ? { programCheck: ld.options.programCheck } : {})
  ld.diagnostics.push(...diagnostics)
  ld.locate()
  const all = capDiagnostics(ld.diagnostics, ld.limits.maxDiagnostics)
  const failed = all.some((d) => d.severity === 'error')
  const app: LoadedApp | null = failed || !manifest ? null : {
    manifest: manifest.value,
    tags,
    programs: parts.programs.map((p) => p.value),
    screens: parts.screens.map((s) => s.value),
    templates: (parts.templates ?? []).map((t) => t.value),
  }
  if (app && templatePrograms.length > 0) app.templatePrograms = templatePrograms
  if (app && parts.fbBlocks!.length > 0) app.fbBlocks = parts.fbBlocks!.map((b) => b.value)
  if (app && st) {
    app.stFiles = parts.stFiles!.map((f) => ({ file: f.file, source: f.value }))
    app.stPrograms = [...st.programs.values()].map((p) => ({ name: p.name, file: st.where(p).file }))
  }
  return { app, diagnostics: all, migrated: ld.migrated, st }
}
