/**
 * One APP file from text to a typed value: size limit, JSON scan, parse, format migration, zod schema.
 * Every problem becomes a Diagnostic with the file, a JSON path like `$.tags[3].range.min` and, where the
 * text allows, line and column.
 */
import type { z } from 'zod'
import type { Diagnostic } from '../errors.js'
import { AppManifest } from './app.js'
import { FbdBlockFile } from './fbd-blocks.js'
import { migrateDocument, migrations } from './migrate.js'
import type { FileKind, MigrationRegistry } from './migrate.js'
import { FbdProgram } from './program.js'
import { Screen } from './screen.js'
import { TagFile } from './tags.js'
import { Template } from './template.js'
import { LineIndex, jsonPath, scanJson } from './validate-json.js'

type Issue = z.core.$ZodIssue

export const FILE_SCHEMAS = { app: AppManifest, tags: TagFile, program: FbdProgram, screen: Screen, template: Template, fbBlock: FbdBlockFile } as const
export interface FileValue { app: AppManifest; tags: TagFile; program: FbdProgram; screen: Screen; template: Template; fbBlock: FbdBlockFile }

export interface FileLimits {
  /** Longest accepted file, in UTF-16 code units (default 32 Mi). */
  maxFileChars: number
  /** Deepest JSON nesting (default 64). */
  maxDepth: number
  /** Longest JSON array (default 400 000, the schema's largest: wires of a program). */
  maxArrayLength: number
  /** Diagnostics kept per file; the rest are summarised in one E_LIMIT (default 100). */
  maxDiagnosticsPerFile: number
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxFileChars: 32 * 1024 * 1024,
  maxDepth: 64,
  maxArrayLength: 400_000,
  maxDiagnosticsPerFile: 100,
}

export interface ParseFileOptions {
  limits?: Partial<FileLimits>
  migrations?: MigrationRegistry
}

export interface ParsedFile<K extends FileKind> {
  value: FileValue[K] | null
  diagnostics: Diagnostic[]
  /** The text is valid JSON within the limits (so JSON paths into it can be located). */
  json: boolean
  /** Set when the file was written in an older format and migrated on load. */
  migratedFrom?: number
}

/**
 * Parses and validates one file of the given kind. Never throws.
 * @example parseAppFile('screen', 'screens/overview.json', text)
 */
export function parseAppFile<K extends FileKind>(kind: K, file: string, text: string, options: ParseFileOptions = {}): ParsedFile<K> {
  const limits = { ...DEFAULT_FILE_LIMITS, ...options.limits }
  let json = false
  const fail = (d: Omit<Diagnostic, 'severity' | 'file'>): ParsedFile<K> => ({ value: null, json, diagnostics: [{ severity: 'error', file, ...d }] })
  if (text.length > limits.maxFileChars) {
    return fail({ code: 'E_LIMIT', message: `file is larger than ${limits.maxFileChars} characters` })
  }
  const problem = scanJson(text, limits)
  if (problem) {
    return fail({ code: problem.code, message: problem.message, path: jsonPath(problem.path), ...new LineIndex(text).at(problem.offset) })
  }
  json = true
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    // The scan accepts exactly JSON's grammar, so this is a safety net rather than an expected path.
    return fail({ code: 'E_FILE_JSON', message: err instanceof Error ? err.message : 'file is not valid JSON' })
  }
  const migrated = migrateDocument(kind, doc, options.migrations ?? migrations)
  if (!migrated.ok) return fail({ code: migrated.code, message: migrated.message, path: migrated.path })
  const result = FILE_SCHEMAS[kind].safeParse(migrated.doc)
  const migratedFrom = migrated.from < (migrated.doc.format as number) ? migrated.from : undefined
  if (result.success) {
    const out: ParsedFile<K> = { value: result.data as FileValue[K], json, diagnostics: [] }
    if (migratedFrom !== undefined) out.migratedFrom = migratedFrom
    return out
  }
  const diagnostics = capDiagnostics(issuesToDiagnostics(result.error.issues, migrated.doc, file), limits.maxDiagnosticsPerFile, file)
  return { value: null, json, diagnostics }
}

/** Keeps the first `max` diagnostics and adds one E_LIMIT saying how many were left out. */
export function capDiagnostics(list: Diagnostic[], max: number, file?: string): Diagnostic[] {
  if (list.length <= max) return list
  const kept = list.slice(0, max)
  const d: Diagnostic = { code: 'E_LIMIT', severity: 'error', message: `${list.length - max} more problems not shown` }
  if (file !== undefined) d.file = file
  kept.push(d)
  return kept
}

/** Converts zod issues into diagnostics; `doc` is the validated input, used to say what was found. */
export function issuesToDiagnostics(issues: readonly Issue[], doc: unknown, file: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const issue of issues) {
    for (const { path, message } of describeIssue(issue, [], doc)) {
      out.push({ code: 'E_SCHEMA', severity: 'error', message, file, path: jsonPath(path) })
    }
  }
  return out
}

interface Described { path: PropertyKey[]; message: string }

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return undefined
    v = (v as Record<PropertyKey, unknown>)[seg]
  }
  return v
}

function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** zod says "record" where a JSON author thinks "object". */
function typeName(t: string): string {
  return t === 'record' ? 'object' : t === 'int' ? 'whole number' : t
}

function describeIssue(issue: Issue, prefix: readonly PropertyKey[], doc: unknown): Described[] {
  const path = [...prefix, ...issue.path]
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown property "${key}"` }))
    case 'invalid_type': {
      const found = valueAt(doc, path)
      if (found === undefined) return [{ path, message: `missing required property (expected ${typeName(issue.expected)})` }]
      return [{ path, message: `expected ${typeName(issue.expected)}, found ${kindOf(found)}` }]
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v))
      return [{ path, message: values.length > 2 ? `must be one of ${values.join(', ')}` : `must be ${values.join(' or ')}` }]
    }
    case 'invalid_format': {
      const found = valueAt(doc, path)
      const shown = typeof found === 'string' ? `"${found.length > 80 ? `${found.slice(0, 80)}...` : found}": ` : ''
      return [{ path, message: `${shown}${issue.message}` }]
    }
    case 'invalid_key':
      return issue.issues.flatMap((sub) => describeIssue(sub, path, doc)).map((d) => ({
        path: d.path, message: `property name ${JSON.stringify(String(path[path.length - 1]))} is not valid: ${d.message}`,
      }))
    case 'invalid_union':
      return describeUnion(issue, path, doc)
    default:
      return [{ path, message: issue.message }]
  }
}

/**
 * A union failed. With a discriminator, say which values it takes. Otherwise report the branch that got
 * furthest (fewest issues), unless every branch failed on the type itself, then list the accepted types.
 */
function describeUnion(issue: Issue & { code: 'invalid_union' }, path: PropertyKey[], doc: unknown): Described[] {
  const options = 'options' in issue ? issue.options : undefined
  if (issue.discriminator !== undefined && options !== undefined) {
    return [{ path, message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}` }]
  }
  const branches = issue.errors
  if (branches.length === 0) return [{ path, message: issue.message }]
  const typeOnly = (b: readonly Issue[]) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0
  if (branches.every(typeOnly)) {
    const expected = [...new Set(branches.map((b) => typeName((b[0] as Issue & { code: 'invalid_type' }).expected)))]
    return [{ path, message: `expected ${expected.join(' or ')}, found ${kindOf(valueAt(doc, path))}` }]
  }
  let best = branches.find((b) => !typeOnly(b)) as Issue[]
  for (const b of branches) if (!typeOnly(b) && b.length < best.length) best = b
  return best.flatMap((sub) => describeIssue(sub, path, doc))
}
