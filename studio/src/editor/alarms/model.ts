/**
 * Where an alarm-carrying tag lives in the draft: an ordinary tag in `tags/*.json` (by file and name) or a member
 * tag of a template in `types/*.json` (by template path and member name). Names, not indices: they survive
 * reordering of the rows around the tag while the alarm panel is open.
 * Draft files may be half-edited, so every read is defensive and alarms are handled as plain JSON objects.
 */
import type { ReadonlyDoc, FileChanges } from '../doc/command'

export type AlarmHost =
  | { kind: 'tag'; file: string; name: string }
  | { kind: 'member'; file: string; name: string }

/** An alarm definition as held in the draft: AlarmDef's shape, possibly invalid while being edited. */
export type AlarmDraft = Record<string, unknown>

/** A tag or member as held in the draft. */
export type TagDraft = Record<string, unknown> & { name: string }

interface RawContainer { folder?: unknown; tags?: unknown }

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function container(doc: ReadonlyDoc, host: AlarmHost): { file: RawContainer & Record<string, unknown>; tags: unknown[] } | null {
  const okPath = host.kind === 'tag' ? host.file.startsWith('tags/') : host.file.startsWith('types/')
  const f = okPath ? doc.get<RawContainer & Record<string, unknown>>(host.file) : undefined
  return f && Array.isArray(f.tags) ? { file: f, tags: f.tags } : null
}

/** The host tag, or null when it (or its file) is gone. */
export function hostTag(doc: ReadonlyDoc, host: AlarmHost): TagDraft | null {
  const c = container(doc, host)
  const t = c?.tags.find((x) => isObj(x) && x.name === host.name)
  return t ? t as TagDraft : null
}

/** The alarms of a tag as a list (absent or malformed: empty). */
export function alarmsOf(tag: TagDraft | null): AlarmDraft[] {
  const a = tag?.alarms
  return Array.isArray(a) ? a.filter(isObj) : []
}

/** The full path shown for the host: `Tank1/Level`, or `$/Level` for a template member. */
export function hostPath(doc: ReadonlyDoc, host: AlarmHost): string {
  if (host.kind === 'member') return `$/${host.name}`
  const f = doc.get<RawContainer>(host.file)
  return typeof f?.folder === 'string' ? `${f.folder}/${host.name}` : host.name
}

/**
 * The file change that replaces the host tag by `fn(tag)`; `fn` returns the new tag or an error. Only the tag's
 * file is copied (structural sharing).
 */
export function updateHost(doc: ReadonlyDoc, host: AlarmHost, fn: (tag: TagDraft) => { tag: TagDraft } | { error: string }): { changes: FileChanges } | { error: string } {
  const c = container(doc, host)
  if (!c) return { error: `no ${host.kind === 'tag' ? 'tag file' : 'template'} ${host.file}` }
  const i = c.tags.findIndex((x) => isObj(x) && x.name === host.name)
  if (i < 0) return { error: `no ${host.kind === 'tag' ? 'tag' : 'member'} ${host.name} in ${host.file}` }
  const r = fn(c.tags[i] as TagDraft)
  if ('error' in r) return r
  const next = r.tag
  if (next === c.tags[i]) return { changes: {} }
  const tags = c.tags.slice()
  tags[i] = next
  return { changes: { [host.file]: { ...c.file, tags } } }
}

/** `obj` with `key` set, or removed for undefined (key order kept for existing keys, so files diff minimally). */
export function withField<T extends Record<string, unknown>>(obj: T, key: string, value: unknown): T {
  if (value === undefined) {
    if (!(key in obj)) return obj
    const { [key]: _gone, ...rest } = obj
    return rest as T
  }
  return { ...obj, [key]: value }
}

/** Sets a nested field (`['message', 'zh-CN']`); undefined removes it and an object left empty goes too. */
export function setIn(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path
  if (key === undefined) return obj
  if (rest.length === 0) return withField(obj, key, value)
  const child = obj[key]
  const inner = setIn(isObj(child) ? child : {}, rest, value)
  return withField(obj, key, Object.keys(inner).length === 0 ? undefined : inner)
}
