/**
 * Starting values for a new alarm of each kind, taken from what the tag already says (its `limits`, its `range`,
 * a setpoint tag beside it), so that a fresh alarm is usually valid and close to what the engineer wants.
 */
import type { AlarmKind } from '@takt/blocks'
import type { AlarmDraft, TagDraft } from './model'

/** Fields every kind shares; the others belong to one kind and are dropped when the kind changes. */
export const COMMON_FIELDS = [
  'name', 'priority', 'message', 'area', 'onDelayMs', 'offDelayMs', 'latched', 'suppressedBy', 'shelvable', 'maxShelveMs',
] as const

/** Kind-specific fields in the order the form shows them. */
export const KIND_FIELDS: Record<AlarmKind, readonly string[]> = {
  hihi: ['limit', 'deadband'],
  hi: ['limit', 'deadband'],
  lo: ['limit', 'deadband'],
  lolo: ['limit', 'deadband'],
  deviation: ['setpoint', 'high', 'low', 'deadband'],
  roc: ['rate', 'windowMs', 'direction', 'deadband'],
  discrete: ['state'],
  badQuality: ['includeUncertain'],
}

export const LIMIT_KINDS: readonly AlarmKind[] = ['hihi', 'hi', 'lo', 'lolo']

const BASE_NAME: Record<AlarmKind, string> = {
  hihi: 'HIHI', hi: 'HI', lo: 'LO', lolo: 'LOLO', deviation: 'DEV', roc: 'ROC', discrete: 'STATE', badQuality: 'BAD',
}

const PRIORITY: Record<AlarmKind, 1 | 2 | 3 | 'diagnostic'> = {
  hihi: 1, hi: 2, lo: 2, lolo: 1, deviation: 3, roc: 3, discrete: 2, badQuality: 'diagnostic',
}

/** Where a limit sits in the range when the tag has no `limits` entry for it. */
const RANGE_SHARE: Record<'hihi' | 'hi' | 'lo' | 'lolo', number> = { hihi: 0.95, hi: 0.9, lo: 0.1, lolo: 0.05 }

/** The name a new alarm of `kind` gets: `HI`, else `HI_2`, ... */
export function defaultAlarmName(kind: AlarmKind, taken: Iterable<string>): string {
  const set = new Set(taken)
  const base = BASE_NAME[kind]
  if (!set.has(base)) return base
  for (let i = 2; ; i++) if (!set.has(`${base}_${i}`)) return `${base}_${i}`
}

/** Rounds to 4 significant digits so defaults read well (`4.75`, not `4.749999`). */
function nice(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n
  return Number(n.toPrecision(4))
}

function span(tag: TagDraft): { min: number; max: number } | null {
  const r = tag.range as { min?: unknown; max?: unknown } | undefined
  return r && typeof r.min === 'number' && typeof r.max === 'number' && r.max > r.min ? { min: r.min, max: r.max } : null
}

export interface DefaultCtx {
  /** The host tag's folder (`Tank1`), to find a setpoint tag beside it; absent for template members. */
  folder?: string
  /** Known tag paths, to pick a setpoint tag (`<folder>/<name>SP`). */
  isTag?: (path: string) => boolean
}

/** The kind-specific fields of a new alarm of `kind` on `tag`. */
export function kindDefaults(kind: AlarmKind, tag: TagDraft, ctx: DefaultCtx = {}): AlarmDraft {
  const r = span(tag)
  const width = r ? r.max - r.min : 100
  switch (kind) {
    case 'hihi': case 'hi': case 'lo': case 'lolo': {
      const limits = tag.limits as Record<string, unknown> | undefined
      const given = limits?.[kind]
      const limit = typeof given === 'number' ? given : nice((r?.min ?? 0) + RANGE_SHARE[kind] * width)
      return { limit, deadband: nice(width * 0.01) }
    }
    case 'deviation': {
      const sp = `${tag.name}SP`
      const setpoint = ctx.folder !== undefined && ctx.isTag?.(`${ctx.folder}/${sp}`) ? `${ctx.folder}/${sp}` : 0
      return { setpoint, high: nice(width * 0.1), low: nice(width * 0.1), deadband: nice(width * 0.01) }
    }
    case 'roc':
      // A full-range change within a minute is a fast change for most process values.
      return { rate: nice(width / 60), windowMs: 10_000, direction: 'both' }
    case 'discrete':
      return tag.dataType === 'BOOL' ? {} : tag.dataType === 'STRING' ? { state: 'ALARM' } : { state: 1 }
    case 'badQuality':
      return {}
  }
}

/** A complete new alarm: name, kind, the kind's fields, priority (the order hand-written files use). */
export function defaultAlarm(kind: AlarmKind, tag: TagDraft, taken: Iterable<string>, ctx: DefaultCtx = {}): AlarmDraft {
  return { name: defaultAlarmName(kind, taken), kind, ...kindDefaults(kind, tag, ctx), priority: PRIORITY[kind] }
}

/**
 * The alarm turned into another kind: common fields kept, the old kind's own fields dropped, the new kind's
 * defaults added (a limit alarm keeps its limit and deadband when it becomes another limit kind). A name that was
 * the old kind's default follows the kind (`HI` -> `LO`) when that name is free.
 */
export function changeKind(alarm: AlarmDraft, kind: AlarmKind, tag: TagDraft, taken: Iterable<string>, ctx: DefaultCtx = {}): AlarmDraft {
  const old = alarm.kind as AlarmKind
  if (old === kind) return alarm
  const out: AlarmDraft = {}
  const takenSet = new Set(taken)
  let name = alarm.name
  if (typeof old === 'string' && old in BASE_NAME && typeof name === 'string' && name.replace(/_\d+$/, '') === BASE_NAME[old]) {
    name = defaultAlarmName(kind, takenSet)
  }
  out.name = name
  out.kind = kind
  const fresh = kindDefaults(kind, tag, ctx)
  const keepLimit = LIMIT_KINDS.includes(old) && LIMIT_KINDS.includes(kind)
  for (const f of KIND_FIELDS[kind]) {
    if (keepLimit && alarm[f] !== undefined) out[f] = alarm[f]
    else if (fresh[f] !== undefined) out[f] = fresh[f]
  }
  if (keepLimit && typeof (tag.limits as Record<string, unknown> | undefined)?.[kind] === 'number') out.limit = fresh.limit
  for (const f of COMMON_FIELDS) if (f !== 'name' && alarm[f] !== undefined) out[f] = alarm[f]
  return out
}
