/**
 * Columns of the tag table: how each shows a tag as text and how an edited text sets it. The same setters serve
 * inline edits and bulk edits. A setter refuses what cannot be represented (a word in a number column); the
 * row as a whole is then checked against the TagDef schema by `validateTag`.
 */
import { IEC_TYPES, TagDef } from '@takt/blocks'
import type { LocalText, TagSource } from '@takt/blocks'
import type { MessageKey } from '../../i18n'

type Def = TagDef

export type ColumnId =
  | 'name' | 'dataType' | 'sourceKind' | 'source' | 'unit' | 'range' | 'scaling' | 'limits' | 'deadband'
  | 'alarms' | 'history' | 'histDeadband' | 'histMinMs' | 'histMaxMs'
  | 'writeRole' | 'confirm' | 'critical' | 'decimals' | 'descEn' | 'descZh'

export interface ColumnCtx { connections: readonly string[] }

export type SetResult = { tag: Def } | { error: string }

export interface ColumnDef {
  id: ColumnId
  label: MessageKey
  width: number
  /**
   * `source` opens the source editor, `alarms` the alarm panel; `select` and `bool` edit in place; `text` is an
   * input; `none`: shown only.
   */
  editor: 'text' | 'select' | 'bool' | 'source' | 'alarms' | 'none'
  options?: (ctx: ColumnCtx) => readonly string[]
  get(tag: Def): string
  set(tag: Def, text: string, ctx: ColumnCtx): SetResult
  /** Schema paths (dotted prefixes) whose problems show in this column. */
  owns: readonly string[]
  bulk: boolean
  numeric?: boolean
}

const SOURCE_KINDS = ['connection', 'memory', 'expression'] as const
export const WRITE_ROLES = ['', 'viewer', 'operator', 'engineer', 'admin'] as const

const num = (v: number | undefined): string => (v === undefined ? '' : String(v))

/** A number from a cell; '' is "absent". */
export function parseNum(text: string): number | undefined | { error: string } {
  const s = text.trim()
  if (s === '') return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : { error: `'${s}' is not a number` }
}

function without<T extends object, K extends keyof T>(o: T, k: K): T {
  const { [k]: _gone, ...rest } = o
  return rest as T
}

/** Sets or (undefined) removes an optional field. */
function put<K extends keyof Def>(tag: Def, k: K, v: Def[K] | undefined): Def {
  return v === undefined ? without(tag, k) : { ...tag, [k]: v }
}

function numberField(k: 'deadband' | 'decimals') {
  return (tag: Def, text: string): SetResult => {
    const v = parseNum(text)
    if (typeof v === 'object') return v
    return { tag: put(tag, k, v) }
  }
}

type HistoryKey = keyof NonNullable<Def['history']>

/** Sets or removes one history setting; `history` goes when nothing is left in it. */
function putHistory<K extends HistoryKey>(tag: Def, k: K, v: NonNullable<Def['history']>[K] | undefined): Def {
  const h = v === undefined ? without(tag.history ?? {}, k) : { ...tag.history, [k]: v }
  return put(tag, 'history', Object.keys(h).length === 0 ? undefined : h)
}

function historyNumber(k: Exclude<HistoryKey, 'enabled'>) {
  return (tag: Def, text: string): SetResult => {
    const v = parseNum(text)
    if (typeof v === 'object') return v
    return { tag: putHistory(tag, k, v) }
  }
}

/** `0 .. 100` */
export function formatPair(a: number, b: number): string {
  return `${a} .. ${b}`
}

const PAIR = /^\s*(\S+?)\s*(?:\.\.|…)\s*(\S+)\s*$/

function parsePair(text: string): [number, number] | undefined | { error: string } {
  if (text.trim() === '') return undefined
  const m = PAIR.exec(text)
  const a = m ? Number(m[1]) : NaN
  const b = m ? Number(m[2]) : NaN
  if (!m || !Number.isFinite(a) || !Number.isFinite(b)) return { error: `'${text.trim()}': write min .. max, e.g. 0 .. 100` }
  return [a, b]
}

function setDesc(tag: Def, locale: 'en' | 'zh-CN', text: string): Def {
  const cur = tag.description
  const rec: Record<string, string> = typeof cur === 'string' ? { en: cur } : { ...(cur ?? {}) }
  if (text === '') delete rec[locale]
  else rec[locale] = text
  const keys = Object.keys(rec)
  const next: LocalText | undefined = keys.length === 0 ? undefined : rec
  return put(tag, 'description', next)
}

function getDesc(tag: Def, locale: 'en' | 'zh-CN'): string {
  const d = tag.description
  if (d === undefined) return ''
  if (typeof d === 'string') return locale === 'en' ? d : ''
  return d[locale] ?? ''
}

/** Short text of a tag's source for the table. */
export function sourceText(s: TagSource): string {
  switch (s.kind) {
    case 'connection': return `${s.connection} · ${s.address}${s.samplingMs !== undefined ? ` @${s.samplingMs}ms` : ''}`
    case 'memory': return s.initial === undefined ? '' : `= ${JSON.stringify(s.initial)}`
    case 'expression': return s.expr
  }
}

/** The source a kind change starts from: fields carried over where they fit, defaults otherwise. */
export function sourceOfKind(tag: Def, kind: TagSource['kind'], ctx: ColumnCtx): TagSource {
  const s = tag.source
  if (s.kind === kind) return s
  if (kind === 'memory') return { kind }
  if (kind === 'expression') return { kind, expr: s.kind === 'memory' && s.initial !== undefined ? JSON.stringify(s.initial) : '0' }
  return { kind, connection: ctx.connections[0] ?? 'plc', address: tag.name }
}

const LIMIT_KEYS = ['lolo', 'lo', 'hi', 'hihi'] as const
const LIMIT_LABEL: Record<(typeof LIMIT_KEYS)[number], string> = { lolo: 'LL', lo: 'L', hi: 'H', hihi: 'HH' }

function formatLimits(l: Def['limits']): string {
  if (!l) return ''
  return LIMIT_KEYS.filter((k) => l[k] !== undefined).map((k) => `${LIMIT_LABEL[k]} ${l[k]}`).join('  ')
}

/** `LL 0.2  L 0.5  H 4.5  HH 4.8` (also `LL=0.2, H=4.5`), any subset, any order. */
export function parseLimits(text: string): Def['limits'] | undefined | { error: string } {
  if (text.trim() === '') return undefined
  const out: NonNullable<Def['limits']> = {}
  const re = /(HH|LL|H|L)\s*[=:]?\s*([^\s,;]+)[\s,;]*/iy
  let i = 0
  const s = text.trim()
  while (i < s.length) {
    re.lastIndex = i
    const m = re.exec(s)
    if (!m) return { error: `'${s}': write limits as LL 1  L 2  H 8  HH 9` }
    const n = Number(m[2])
    if (!Number.isFinite(n)) return { error: `'${m[2]}' is not a number` }
    const key = LIMIT_KEYS.find((k) => LIMIT_LABEL[k] === m[1]!.toUpperCase())!
    out[key] = n
    i = re.lastIndex
  }
  return out
}

function formatScaling(s: Def['scaling']): string {
  return s ? `${formatPair(s.rawMin, s.rawMax)} → ${formatPair(s.engMin, s.engMax)}` : ''
}

function parseScaling(text: string): Def['scaling'] | undefined | { error: string } {
  if (text.trim() === '') return undefined
  const parts = text.split(/→|->/)
  const raw = parts.length === 2 ? parsePair(parts[0]!) : undefined
  const eng = parts.length === 2 ? parsePair(parts[1]!) : undefined
  if (!Array.isArray(raw) || !Array.isArray(eng)) return { error: `'${text.trim()}': write rawMin .. rawMax → engMin .. engMax` }
  return { rawMin: raw[0], rawMax: raw[1], engMin: eng[0], engMax: eng[1] }
}

export const COLUMNS: readonly ColumnDef[] = [
  {
    id: 'name', label: 'tags.col.name', width: 180, editor: 'text', owns: ['name'], bulk: false,
    get: (t) => t.name,
    set: (t, text) => ({ tag: { ...t, name: text.trim() } }),
  },
  {
    id: 'dataType', label: 'tags.col.dataType', width: 86, editor: 'select', owns: ['dataType'], bulk: true,
    options: () => IEC_TYPES,
    get: (t) => t.dataType,
    set: (t, text) => ((IEC_TYPES as readonly string[]).includes(text) ? { tag: { ...t, dataType: text as Def['dataType'] } } : { error: `unknown data type ${text}` }),
  },
  {
    id: 'sourceKind', label: 'tags.col.sourceKind', width: 104, editor: 'select', owns: ['source.kind'], bulk: true,
    options: () => SOURCE_KINDS,
    get: (t) => t.source.kind,
    set: (t, text, ctx) => ((SOURCE_KINDS as readonly string[]).includes(text)
      ? { tag: { ...t, source: sourceOfKind(t, text as TagSource['kind'], ctx) } }
      : { error: `unknown source kind ${text}` }),
  },
  {
    id: 'source', label: 'tags.col.source', width: 260, editor: 'source', owns: ['source'], bulk: false,
    get: (t) => sourceText(t.source),
    // Edited through the source editor, which builds the whole source; text edits go to the kind's main field.
    set: (t, text) => {
      const s = t.source
      if (s.kind === 'connection') return { tag: { ...t, source: { ...s, address: text } } }
      if (s.kind === 'expression') return { tag: { ...t, source: { ...s, expr: text } } }
      const v = parseInitial(text, t.dataType)
      if (typeof v === 'object' && v !== null) return v
      return { tag: { ...t, source: v === undefined ? { kind: 'memory' } : { kind: 'memory', initial: v } } }
    },
  },
  {
    id: 'unit', label: 'tags.col.unit', width: 70, editor: 'text', owns: ['unit'], bulk: true,
    get: (t) => t.unit ?? '',
    set: (t, text) => ({ tag: put(t, 'unit', text === '' ? undefined : text) }),
  },
  {
    id: 'range', label: 'tags.col.range', width: 110, editor: 'text', owns: ['range'], bulk: true, numeric: true,
    get: (t) => (t.range ? formatPair(t.range.min, t.range.max) : ''),
    set: (t, text) => {
      const p = parsePair(text)
      if (p && !Array.isArray(p)) return p
      return { tag: put(t, 'range', p ? { min: p[0], max: p[1] } : undefined) }
    },
  },
  {
    id: 'scaling', label: 'tags.col.scaling', width: 190, editor: 'text', owns: ['scaling'], bulk: true,
    get: (t) => formatScaling(t.scaling),
    set: (t, text) => {
      const s = parseScaling(text)
      if (s && 'error' in s) return s
      return { tag: put(t, 'scaling', s) }
    },
  },
  {
    id: 'limits', label: 'tags.col.limits', width: 170, editor: 'text', owns: ['limits'], bulk: true,
    get: (t) => formatLimits(t.limits),
    set: (t, text) => {
      const l = parseLimits(text)
      if (l && 'error' in l) return l as { error: string }
      return { tag: put(t, 'limits', l as Def['limits']) }
    },
  },
  {
    id: 'alarms', label: 'tags.col.alarms', width: 150, editor: 'alarms', owns: ['alarms'], bulk: false,
    get: (t) => (t.alarms ?? []).map((a) => (typeof a?.name === 'string' ? a.name : '?')).join(', '),
    set: () => ({ error: 'alarms are edited in the alarm panel' }),
  },
  {
    id: 'history', label: 'alarmcfg.col.history', width: 64, editor: 'bool', owns: ['history.enabled', 'history'], bulk: true,
    get: (t) => (t.history?.enabled === true ? 'true' : ''),
    set: (t, text) => ({ tag: putHistory(t, 'enabled', text === 'true' ? true : undefined) }),
  },
  {
    id: 'histDeadband', label: 'alarmcfg.col.histDeadband', width: 96, editor: 'text', owns: ['history.deadband'], bulk: true, numeric: true,
    get: (t) => num(t.history?.deadband), set: historyNumber('deadband'),
  },
  {
    id: 'histMinMs', label: 'alarmcfg.col.histMin', width: 96, editor: 'text', owns: ['history.minIntervalMs'], bulk: true, numeric: true,
    get: (t) => num(t.history?.minIntervalMs), set: historyNumber('minIntervalMs'),
  },
  {
    id: 'histMaxMs', label: 'alarmcfg.col.histMax', width: 96, editor: 'text', owns: ['history.maxIntervalMs'], bulk: true, numeric: true,
    get: (t) => num(t.history?.maxIntervalMs), set: historyNumber('maxIntervalMs'),
  },
  {
    id: 'deadband', label: 'tags.col.deadband', width: 80, editor: 'text', owns: ['deadband'], bulk: true, numeric: true,
    get: (t) => num(t.deadband), set: numberField('deadband'),
  },
  {
    id: 'writeRole', label: 'tags.col.writeRole', width: 96, editor: 'select', owns: ['access.write', 'access'], bulk: true,
    options: () => WRITE_ROLES,
    get: (t) => t.access?.write ?? '',
    set: (t, text) => {
      if (!(WRITE_ROLES as readonly string[]).includes(text)) return { error: `unknown role ${text}` }
      const access = text === '' ? without(t.access ?? {}, 'write') : { ...t.access, write: text as NonNullable<Def['access']>['write'] }
      return { tag: put(t, 'access', Object.keys(access).length === 0 ? undefined : access) }
    },
  },
  {
    id: 'confirm', label: 'tags.col.confirm', width: 70, editor: 'bool', owns: ['access.confirm'], bulk: true,
    get: (t) => (t.access?.confirm === true ? 'true' : t.access?.confirm === false ? 'false' : ''),
    set: (t, text) => {
      const access = text === 'true' ? { ...t.access, confirm: true } : without(t.access ?? {}, 'confirm')
      return { tag: put(t, 'access', Object.keys(access).length === 0 ? undefined : access) }
    },
  },
  {
    id: 'critical', label: 'tags.col.critical', width: 70, editor: 'bool', owns: ['access.critical'], bulk: true,
    get: (t) => (t.access?.critical === true ? 'true' : t.access?.critical === false ? 'false' : ''),
    set: (t, text) => {
      const access = text === 'true' ? { ...t.access, critical: true } : without(t.access ?? {}, 'critical')
      return { tag: put(t, 'access', Object.keys(access).length === 0 ? undefined : access) }
    },
  },
  {
    id: 'decimals', label: 'tags.col.decimals', width: 70, editor: 'text', owns: ['decimals'], bulk: true, numeric: true,
    get: (t) => num(t.decimals), set: numberField('decimals'),
  },
  {
    id: 'descEn', label: 'tags.col.descEn', width: 200, editor: 'text', owns: ['description'], bulk: true,
    get: (t) => getDesc(t, 'en'), set: (t, text) => ({ tag: setDesc(t, 'en', text) }),
  },
  {
    id: 'descZh', label: 'tags.col.descZh', width: 180, editor: 'text', owns: ['description'], bulk: true,
    get: (t) => getDesc(t, 'zh-CN'), set: (t, text) => ({ tag: setDesc(t, 'zh-CN', text) }),
  },
]

export const COLUMN_BY_ID: ReadonlyMap<ColumnId, ColumnDef> = new Map(COLUMNS.map((c) => [c.id, c]))

/** A memory tag's initial value from text, by data type: `true`, `2.5`, any text for STRING ('' = none). */
export function parseInitial(text: string, dataType: Def['dataType']): boolean | number | string | undefined | { error: string } {
  if (dataType === 'STRING') return text === '' ? undefined : text
  const s = text.trim()
  if (s === '') return undefined
  if (dataType === 'BOOL') {
    if (/^(true|1)$/i.test(s)) return true
    if (/^(false|0)$/i.test(s)) return false
    return { error: `'${s}': a BOOL is true or false` }
  }
  const n = Number(s)
  return Number.isFinite(n) ? n : { error: `'${s}' is not a number` }
}

export interface RowIssue { path: string; message: string }

/** Problems of a tag against the TagDef schema, each with its dotted path (`range`, `source.address`). */
export function validateTag(tag: unknown): RowIssue[] {
  const r = TagDef.safeParse(tag)
  if (r.success) return []
  return r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}

/** The column in which a problem at `path` shows. */
export function columnOfIssue(path: string): ColumnId {
  // Exact owners first: `access.confirm` belongs to the confirm column, not to `access` (write role).
  for (const c of COLUMNS) if (c.owns.includes(path)) return c.id
  let best: ColumnDef | undefined
  let bestLen = -1
  for (const c of COLUMNS) {
    for (const o of c.owns) {
      if (path.startsWith(`${o}.`) && o.length > bestLen) {
        best = c
        bestLen = o.length
      }
    }
  }
  return best?.id ?? 'name'
}

// Tags are immutable in the document, so a tag object's problems never change: cache them by identity.
const issueCache = new WeakMap<object, ReadonlyMap<ColumnId, RowIssue[]>>()
const NO_ISSUES: ReadonlyMap<ColumnId, RowIssue[]> = new Map()

/** Schema problems of a tag by the column they show in; cached per tag object (validation costs ~30 µs a tag). */
export function tagIssues(tag: object): ReadonlyMap<ColumnId, RowIssue[]> {
  let m = issueCache.get(tag)
  if (!m) {
    const issues = validateTag(tag)
    if (issues.length === 0) m = NO_ISSUES
    else {
      const byCol = new Map<ColumnId, RowIssue[]>()
      for (const i of issues) {
        const c = columnOfIssue(i.path)
        byCol.set(c, [...(byCol.get(c) ?? []), i])
      }
      m = byCol
    }
    issueCache.set(tag, m)
  }
  return m
}
