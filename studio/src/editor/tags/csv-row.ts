/** One tag <-> one CSV row (see csv-tags.ts for the rules). */
import type { LocalText, TagDef, TagSource } from '@takt/blocks'
import type { Cell } from './csv'

export type Getter = (col: string) => Cell

/** Tag fields with their own columns; anything else travels in `extra`. */
const TAG_KEYS = new Set(['name', 'dataType', 'source', 'description', 'unit', 'range', 'scaling', 'limits', 'alarms', 'history', 'deadband', 'access', 'decimals'])
const HISTORY_NUM = ['deadband', 'minIntervalMs', 'maxIntervalMs'] as const

const numCell = (v: number | undefined): Cell => (v === undefined ? null : String(v))
const strCell = (v: string | undefined): Cell => (v === undefined ? null : v)
const boolCell = (v: boolean | undefined): Cell => (v === undefined ? null : String(v))

function descInto(d: LocalText | undefined, out: Record<string, Cell>): void {
  if (typeof d === 'string') out['description'] = d
  else if (d) for (const [k, v] of Object.entries(d)) out[`description.${k}`] = v
}

export function tagCells(folder: string, t: TagDef): Record<string, Cell> {
  const c: Record<string, Cell> = { folder, name: t.name, dataType: t.dataType, 'source.kind': t.source.kind }
  const s = t.source
  if (s.kind === 'connection') {
    c['source.connection'] = s.connection
    c['source.address'] = s.address
    c['source.samplingMs'] = numCell(s.samplingMs)
  } else if (s.kind === 'memory') {
    c['source.initial'] = s.initial === undefined ? null : JSON.stringify(s.initial)
  } else {
    c['source.expr'] = s.expr
  }
  c['unit'] = strCell(t.unit)
  if (t.range) Object.assign(c, { 'range.min': numCell(t.range.min), 'range.max': numCell(t.range.max) })
  if (t.scaling) for (const k of ['rawMin', 'rawMax', 'engMin', 'engMax'] as const) c[`scaling.${k}`] = numCell(t.scaling[k])
  if (t.limits) for (const k of ['lolo', 'lo', 'hi', 'hihi'] as const) c[`limits.${k}`] = numCell(t.limits[k])
  if (t.alarms !== undefined) c['alarms'] = JSON.stringify(t.alarms)
  if (t.history) {
    c['history.enabled'] = boolCell(t.history.enabled)
    for (const k of HISTORY_NUM) c[`history.${k}`] = numCell(t.history[k])
  }
  c['deadband'] = numCell(t.deadband)
  if (t.access) {
    c['access.write'] = strCell(t.access.write)
    c['access.confirm'] = boolCell(t.access.confirm)
    c['access.critical'] = boolCell(t.access.critical)
  }
  c['decimals'] = numCell(t.decimals)
  descInto(t.description, c)
  const extra: Record<string, unknown> = Object.fromEntries(Object.entries(t).filter(([k]) => !TAG_KEYS.has(k)))
  // An empty settings object has no cell to sit in.
  if (t.history && Object.keys(t.history).length === 0) extra['history'] = t.history
  if (Object.keys(extra).length > 0) c['extra'] = JSON.stringify(extra)
  return c
}

/** Builds a tag from a row; null when a cell cannot be read (each problem reported through `err`). */
export function readTag(get: Getter, err: (col: string, msg: string) => void, description: LocalText | undefined): TagDef | null {
  let ok = true
  const fail = (col: string, msg: string): undefined => {
    ok = false
    err(col, msg)
    return undefined
  }
  const num = (col: string): number | undefined => {
    const v = get(col)
    if (v === null) return undefined
    const n = Number(v.trim())
    return v.trim() !== '' && Number.isFinite(n) ? n : fail(col, `'${v}' is not a number`)
  }
  const bool = (col: string): boolean | undefined => {
    const v = get(col)?.trim()
    if (v === undefined) return undefined
    if (/^(true|1|yes)$/i.test(v)) return true
    if (/^(false|0|no)$/i.test(v)) return false
    return fail(col, `'${v}': write true or false`)
  }
  const only = (kind: string, ...allowed: string[]): void => {
    for (const c of ['source.connection', 'source.address', 'source.samplingMs', 'source.initial', 'source.expr']) {
      if (!allowed.includes(c) && get(c) !== null) fail(c, `${c} does not apply to source kind ${kind}`)
    }
  }
  const dataType = get('dataType') ?? ''
  const kind = get('source.kind')
  let source: TagSource | undefined
  if (kind === 'connection') {
    only(kind, 'source.connection', 'source.address', 'source.samplingMs')
    const samplingMs = num('source.samplingMs')
    source = { kind, connection: get('source.connection') ?? '', address: get('source.address') ?? '', ...(samplingMs !== undefined ? { samplingMs } : {}) }
  } else if (kind === 'memory') {
    only(kind, 'source.initial')
    const raw = get('source.initial')
    const initial = raw === null ? undefined : readInitial(raw, dataType)
    if (initial === null) fail('source.initial', `'${raw}' does not fit ${dataType}`)
    source = { kind, ...(initial !== undefined && initial !== null ? { initial } : {}) }
  } else if (kind === 'expression') {
    only(kind, 'source.expr')
    source = { kind, expr: get('source.expr') ?? '' }
  } else {
    fail('source.kind', kind === null ? 'source.kind is required' : `'${kind}': source kind is connection, memory or expression`)
  }
  const obj = <K extends string>(prefix: string, keys: readonly K[], need: boolean): Record<K, number> | undefined => {
    const vals = keys.map((k) => [k, num(`${prefix}.${k}`)] as const)
    if (vals.every(([, v]) => v === undefined)) return undefined
    const out = {} as Record<K, number>
    for (const [k, v] of vals) {
      if (v !== undefined) out[k] = v
      else if (need && get(`${prefix}.${k}`) === null) fail(`${prefix}.${k}`, `${prefix}.${k} is required when ${prefix} is given`)
    }
    return out
  }
  const range = obj('range', ['min', 'max'], true)
  const scaling = obj('scaling', ['rawMin', 'rawMax', 'engMin', 'engMax'], true)
  const limits = obj('limits', ['lolo', 'lo', 'hi', 'hihi'], false)
  const alarms = jsonCell(get('alarms'), true, () => fail('alarms', 'alarms must be a JSON array'))
  const extra = jsonCell(get('extra'), false, () => fail('extra', 'extra must be a JSON object')) as Record<string, unknown> | undefined
  const historyEnabled = bool('history.enabled')
  const historyNums = HISTORY_NUM.map((k) => [k, num(`history.${k}`)] as const).filter(([, v]) => v !== undefined)
  const history = historyEnabled !== undefined || historyNums.length > 0
    ? { ...(historyEnabled !== undefined ? { enabled: historyEnabled } : {}), ...Object.fromEntries(historyNums) }
    : undefined
  const deadband = num('deadband')
  const decimals = num('decimals')
  const write = get('access.write')
  const confirm = bool('access.confirm')
  const critical = bool('access.critical')
  const access = write !== null || confirm !== undefined || critical !== undefined
    ? { ...(write !== null ? { write } : {}), ...(confirm !== undefined ? { confirm } : {}), ...(critical !== undefined ? { critical } : {}) }
    : undefined
  const unit = get('unit')
  if (!ok || !source) return null
  // Schema order, so a new tag file reads like a hand-written one.
  const tag: Record<string, unknown> = { name: get('name'), dataType, source }
  if (description !== undefined) tag['description'] = description
  if (unit !== null) tag['unit'] = unit
  if (range) tag['range'] = range
  if (scaling) tag['scaling'] = scaling
  if (limits) tag['limits'] = limits
  if (alarms !== undefined) tag['alarms'] = alarms
  // Files written before the history columns existed carry it in `extra`.
  const legacyHistory = extra?.['history']
  if (history) tag['history'] = history
  else if (legacyHistory !== undefined) tag['history'] = legacyHistory
  if (deadband !== undefined) tag['deadband'] = deadband
  if (access) tag['access'] = access
  if (decimals !== undefined) tag['decimals'] = decimals
  if (extra) for (const [k, v] of Object.entries(extra)) if (!TAG_KEYS.has(k)) tag[k] = v
  return tag as TagDef
}

function jsonCell(v: Cell, array: boolean, bad: () => void): unknown {
  if (v === null) return undefined
  try {
    const x: unknown = JSON.parse(v)
    if (array ? Array.isArray(x) : typeof x === 'object' && x !== null && !Array.isArray(x)) return x
  } catch {
    // reported below
  }
  bad()
  return undefined
}

/** A `source.initial` cell: a JSON literal, else text read by the data type; null when it fits nothing. */
function readInitial(raw: string, dataType: string): boolean | number | string | null {
  try {
    const v: unknown = JSON.parse(raw)
    if (typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v
  } catch {
    // not JSON: read by data type below
  }
  if (dataType === 'STRING') return raw
  const s = raw.trim()
  if (dataType === 'BOOL') return /^true$/i.test(s) ? true : /^false$/i.test(s) ? false : null
  const n = Number(s)
  return s !== '' && Number.isFinite(n) ? n : null
}
