/**
 * Format migrations, one numbered step at a time (STYLE.md 18). Step `n` of a file kind turns a document of
 * format `n` into format `n + 1`; loading an older file runs every step up to FORMAT_VERSION.
 * v1 is the first format, so the registry is empty today. When v2 arrives: bump FORMAT_VERSION, add
 * `migrations.<kind>[1] = (doc) => ...` for every kind whose shape changed, and add a test with a v1 file.
 */
import type { ErrorCode } from '../errors.js'
import { FORMAT_VERSION } from './common.js'

/** The kinds of file in an APP folder, each with its own schema and its own migration steps. */
export type FileKind = 'app' | 'tags' | 'program' | 'screen' | 'template' | 'fbBlock'
export const FILE_KINDS: readonly FileKind[] = ['app', 'tags', 'program', 'screen', 'template', 'fbBlock']

export type JsonObject = Record<string, unknown>
/** One step: takes a document of format n, returns it in format n + 1 (may mutate and return its argument). */
export type Migration = (doc: JsonObject) => JsonObject
export type MigrationRegistry = Record<FileKind, Readonly<Record<number, Migration>>>

export const migrations: MigrationRegistry = { app: {}, tags: {}, program: {}, screen: {}, template: {}, fbBlock: {} }

export type MigrateResult =
  | { ok: true; doc: JsonObject; from: number }
  | { ok: false; code: ErrorCode; message: string; path: string }

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Brings a parsed document to `current` (default FORMAT_VERSION). A newer format is refused with
 * E_FORMAT_VERSION naming the version; a missing or non-integer `format` is E_SCHEMA at `$.format`.
 */
export function migrateDocument(kind: FileKind, doc: unknown, registry: MigrationRegistry = migrations,
  current: number = FORMAT_VERSION): MigrateResult {
  if (!isObject(doc)) return { ok: false, code: 'E_SCHEMA', message: 'expected a JSON object at the top level', path: '$' }
  const from = doc.format
  if (from === undefined) {
    return { ok: false, code: 'E_SCHEMA', message: `missing "format" (the format version; this Takt writes ${current})`, path: '$.format' }
  }
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return { ok: false, code: 'E_SCHEMA', message: `"format" must be a whole number like ${current}`, path: '$.format' }
  }
  if (from > current) {
    return {
      ok: false, code: 'E_FORMAT_VERSION', path: '$.format',
      message: `format ${from} is newer than this Takt understands (up to ${current}); update Takt to load this file`,
    }
  }
  // A registry written before a kind existed has no entry for it; that kind then has no steps.
  const steps = registry[kind] ?? {}
  let out = doc
  for (let v = from; v < current; v++) {
    const step = Object.hasOwn(steps, v) ? steps[v] : undefined
    if (!step) {
      return { ok: false, code: 'E_FORMAT_VERSION', path: '$.format', message: `format ${from} is not supported: no migration from ${v} to ${v + 1}` }
    }
    try {
      const next = step(out)
      if (!isObject(next)) throw new Error('the step did not return an object')
      out = next
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      return { ok: false, code: 'E_FORMAT_VERSION', path: '$', message: `migration from format ${v} to ${v + 1} failed: ${why}` }
    }
    out.format = v + 1
  }
  return { ok: true, doc: out, from }
}
