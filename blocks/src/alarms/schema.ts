/**
 * Alarm definitions attached to a tag (ISA-18.2 / IEC 62682). One tag may carry several alarms; each is identified
 * by `<tag path>:<name>` (see alarmKey). Units are the tag's engineering units; times are ms.
 */
import { z } from 'zod'
import { compileExpression } from '../expr/index.js'
import { LocalText, Name, TagPath } from '../format/common.js'

/** 1 is the most urgent; `diagnostic` alarms go to maintenance views and never to the operator banner's top. */
export const AlarmPriority = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('diagnostic')])
export type AlarmPriority = z.infer<typeof AlarmPriority>

/** Upper bound for delays: longer than an hour is a process state, not an alarm filter. */
const MAX_DELAY_MS = 3_600_000
/** Upper bound for maxShelveMs: shelving longer than 30 days is taking the alarm out of service. */
const MAX_SHELVE_MS = 30 * 86_400_000

const common = {
  name: Name,
  priority: AlarmPriority,
  /** Operator text; `{value}` is the tag's value, `{Area/Tank1/Level}` any tag's value. Absent: a default per kind. */
  message: LocalText.optional(),
  /** Plant area for filtering and KPIs; absent: the tag's folder (`Area1/Tank1` for `Area1/Tank1/Level`). */
  area: z.string().min(1).max(128).optional(),
  /** The condition must hold this long before the alarm activates (filters noise). */
  onDelayMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  /** The condition must be gone this long before the alarm returns to normal (stops chattering). */
  offDelayMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  /** Stays annunciated after return to normal until acknowledged and explicitly reset. */
  latched: z.boolean().optional(),
  /** Suppression by design: an expression (e.g. `{Area1/Startup} || !{Area1/Pump1/Running}`); true hides the alarm. */
  suppressedBy: z.string().min(1).max(4096).optional(),
  /** Operators may shelve it (default true). Safety-critical alarms set false. */
  shelvable: z.boolean().optional(),
  /** Longest shelving allowed, timed or one-shot (default 8 h, one shift). */
  maxShelveMs: z.number().int().min(1000).max(MAX_SHELVE_MS).optional(),
}

const deadband = z.number().min(0).optional()

/** Analog limit: activates at `limit` (≥ for hihi/hi, ≤ for lo/lolo), returns beyond `limit ∓ deadband`. */
export const LimitAlarm = z.object({ ...common, kind: z.enum(['hihi', 'hi', 'lo', 'lolo']), limit: z.number(), deadband }).strict()

/** Deviation of the value from a setpoint (a tag path or a constant): active when `pv − sp ≥ high` or `sp − pv ≥ low`. */
export const DeviationAlarm = z.object({
  ...common,
  kind: z.literal('deviation'),
  setpoint: z.union([z.number(), TagPath]),
  high: z.number().positive().optional(),
  low: z.number().positive().optional(),
  deadband,
}).strict().refine((d) => d.high !== undefined || d.low !== undefined, { message: 'give high, low or both' })

/** Rate of change in units per second, measured over a sliding window (default 10 s). */
export const RocAlarm = z.object({
  ...common,
  kind: z.literal('roc'),
  rate: z.number().positive(),
  windowMs: z.number().int().min(100).max(MAX_DELAY_MS).optional(),
  direction: z.enum(['rise', 'fall', 'both']).optional(),
  deadband,
}).strict()

/** Discrete: active while the value equals `state` (default true; numbers and text compare exactly). */
export const DiscreteAlarm = z.object({
  ...common,
  kind: z.literal('discrete'),
  state: z.union([z.boolean(), z.number(), z.string().max(256)]).optional(),
}).strict()

/** Active while the tag's quality is bad (and uncertain too, with includeUncertain). */
export const BadQualityAlarm = z.object({ ...common, kind: z.literal('badQuality'), includeUncertain: z.boolean().optional() }).strict()

export const AlarmDef = z.discriminatedUnion('kind', [LimitAlarm, DeviationAlarm, RocAlarm, DiscreteAlarm, BadQualityAlarm])
export type AlarmDef = z.infer<typeof AlarmDef>
export type LimitAlarm = z.infer<typeof LimitAlarm>
export type DeviationAlarm = z.infer<typeof DeviationAlarm>
export type RocAlarm = z.infer<typeof RocAlarm>
export type DiscreteAlarm = z.infer<typeof DiscreteAlarm>
export type BadQualityAlarm = z.infer<typeof BadQualityAlarm>
export type AlarmKind = AlarmDef['kind']
export const ALARM_KINDS = ['hihi', 'hi', 'lo', 'lolo', 'deviation', 'roc', 'discrete', 'badQuality'] as const satisfies readonly AlarmKind[]

/** Defaults applied where a definition leaves a field out. */
export const ALARM_DEFAULTS = {
  maxShelveMs: 8 * 3_600_000,
  rocWindowMs: 10_000,
} as const

/** The identity of an alarm instance: `Area1/Tank1/Level:HI`. Stable across restarts and redeploys. */
export function alarmKey(tagPath: string, name: string): string {
  return `${tagPath}:${name}`
}

/** The default area: the tag's folder, or the path itself for a tag at the root. */
export function defaultArea(tagPath: string): string {
  const i = tagPath.lastIndexOf('/')
  return i > 0 ? tagPath.slice(0, i) : tagPath
}

/** Sort rank of a priority: 1..4, diagnostic 5. */
export function priorityRank(p: AlarmPriority): number {
  return p === 'diagnostic' ? 5 : p
}

/**
 * Tag paths an alarm reads besides its own tag: a deviation setpoint tag and the tags of `suppressedBy`, for the
 * APP loader's reference check. An expression that does not compile contributes nothing here; the engine reports it.
 */
export function alarmTagRefs(def: AlarmDef): string[] {
  const refs = new Set<string>()
  if (def.kind === 'deviation' && typeof def.setpoint === 'string') refs.add(def.setpoint)
  if (def.suppressedBy !== undefined) {
    const r = compileExpression(def.suppressedBy)
    if (r.ok) for (const p of r.expr.refs) refs.add(p)
  }
  return [...refs]
}
