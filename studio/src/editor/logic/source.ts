/**
 * Where a network the logic editor edits lives. Most are a whole file (`programs/<name>.fbd.json`,
 * `blocks/<NAME>.fb.json`); a template program is one entry of its template's `programs` (`types/<T>.json`),
 * addressed by name as `types/<T>.json#programs/<name>`. Addressing by name, not index, keeps an open editor and
 * every command on the right program when other programs are added, removed or reordered. Commands read and write
 * networks only through `readProgram` / `writeProgram`, so one set of commands serves every kind.
 */
import type { FbdProgram } from '@takt/blocks'
import type { FileChanges, ReadonlyDoc } from '../doc/command'

export type ProgramSource =
  | { kind: 'file'; file: string }
  | { kind: 'template'; file: string; template: string; program: string }

const TEMPLATE_PROGRAM = /^types\/([^/#]+)\.json#programs\/([^/#]+)$/

/** The editor path of a template program. @example templateProgramPath('Motor', 'RunCheck') // 'types/Motor.json#programs/RunCheck' */
export function templateProgramPath(template: string, program: string): string {
  return `types/${template}.json#programs/${program}`
}

export function programSource(path: string): ProgramSource {
  const m = TEMPLATE_PROGRAM.exec(path)
  return m ? { kind: 'template', file: `types/${m[1]!}.json`, template: m[1]!, program: m[2]! } : { kind: 'file', file: path }
}

export function isTemplateProgramPath(path: string): boolean {
  return TEMPLATE_PROGRAM.test(path)
}

interface RawTemplate { programs?: unknown }

function programsOf(doc: ReadonlyDoc, file: string): { template: RawTemplate; programs: unknown[] } | null {
  const t = doc.get<RawTemplate>(file)
  if (typeof t !== 'object' || t === null || !Array.isArray(t.programs)) return null
  return { template: t, programs: t.programs }
}

const isNetwork = (p: unknown): p is FbdProgram => typeof p === 'object' && p !== null
  && Array.isArray((p as FbdProgram).blocks) && Array.isArray((p as FbdProgram).wires)

/** Index of a template program in its file's `programs` (the first of that name), or -1. Files: -1. */
export function templateProgramIndex(doc: ReadonlyDoc, path: string): number {
  const s = programSource(path)
  if (s.kind !== 'template') return -1
  const found = programsOf(doc, s.file)
  return found ? found.programs.findIndex((p) => (p as { name?: unknown } | null)?.name === s.program) : -1
}

/**
 * The network at `path`, or undefined when it is missing or not a network (half-edited JSON). A template program is
 * returned as stored: its blocks may hold `"${param}"` input constants and `$/Member` tags (TemplateFbBlock).
 */
export function readProgram(doc: ReadonlyDoc, path: string): FbdProgram | undefined {
  const s = programSource(path)
  if (s.kind === 'file') return doc.get<FbdProgram>(path)
  const k = templateProgramIndex(doc, path)
  const p = k < 0 ? undefined : programsOf(doc, s.file)?.programs[k]
  return isNetwork(p) ? p : undefined
}

/** The file changes that store `next` at `path`; null when the template program is gone. */
export function writeProgram(doc: ReadonlyDoc, path: string, next: FbdProgram): FileChanges | null {
  const s = programSource(path)
  if (s.kind === 'file') return { [path]: next }
  const found = programsOf(doc, s.file)
  const k = templateProgramIndex(doc, path)
  if (!found || k < 0) return null
  const programs = found.programs.slice()
  programs[k] = next
  return { [s.file]: { ...found.template, programs } }
}

/**
 * A diagnostic path of the file that holds `path`, made relative to the network: `$.programs[2].blocks[0]` ->
 * `$.blocks[0]` for the template program at index 2. Undefined when the path points elsewhere (another program).
 */
export function pathInProgram(doc: ReadonlyDoc, path: string, filePath: string | undefined): string | undefined {
  if (programSource(path).kind === 'file') return filePath
  if (filePath === undefined) return undefined
  const k = templateProgramIndex(doc, path)
  const prefix = `$.programs[${k}]`
  if (k < 0 || !filePath.startsWith(prefix)) return undefined
  const rest = filePath.slice(prefix.length)
  return rest === '' || rest.startsWith('.') || rest.startsWith('[') ? `$${rest}` : undefined
}
