import { z } from 'zod'
import { DataType, FORMAT_VERSION, LocalText, Name, Role } from './common.js'
import { AlarmDef } from '../alarms/schema.js'

/** Where a tag's value comes from. */
export const TagSource = z.discriminatedUnion('kind', [
  /** A device value: `connection` is a name the APP declares in app.json; the site maps it to an endpoint. */
  z.object({ kind: z.literal('connection'), connection: Name, address: z.string().min(1), samplingMs: z.number().int().min(0).max(3_600_000).optional() }).strict(),
  /** Held in the runtime; writable by users (per access) and programs. */
  z.object({ kind: z.literal('memory'), initial: z.union([z.boolean(), z.number(), z.string()]).optional() }).strict(),
  /** Derived: an expression over other tags (see the expression language). */
  z.object({ kind: z.literal('expression'), expr: z.string().min(1) }).strict(),
])
export type TagSource = z.infer<typeof TagSource>

export const Range = z.object({ min: z.number(), max: z.number() }).strict()
  .refine((r) => r.max > r.min, { message: 'max must be greater than min' })

/** Linear scaling from raw device units to engineering units. */
export const Scaling = z.object({ rawMin: z.number(), rawMax: z.number(), engMin: z.number(), engMax: z.number() }).strict()
  .refine((s) => s.rawMax !== s.rawMin, { message: 'rawMax must differ from rawMin' })

/** Alarm limits used for colouring in this version; full ISA-18.2 alarms come later. */
export const Limits = z.object({ hihi: z.number().optional(), hi: z.number().optional(), lo: z.number().optional(), lolo: z.number().optional() }).strict()

export const Access = z.object({
  /** Lowest role that may write; absent = nobody (read-only). */
  write: Role.optional(),
  /** The write needs an explicit confirmation from the client. */
  confirm: z.boolean().optional(),
  /** Critical: the write needs confirmation AND a reason, both kept in the audit trail. */
  critical: z.boolean().optional(),
}).strict()

/** Historian recording of a tag. */
export const HistorySettings = z.object({
  /** Record this tag. Absent or false: not recorded. */
  enabled: z.boolean().optional(),
  /** Absolute deadband in engineering units against the last RECORDED value (on top of the tag's own deadband). */
  deadband: z.number().min(0).optional(),
  /** At most one sample per this many ms; the latest value inside the interval is recorded when it ends. */
  minIntervalMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Heartbeat: record the current value again when nothing was recorded for this long. */
  maxIntervalMs: z.number().int().min(1000).max(86_400_000).optional(),
}).strict()
export type HistorySettings = z.infer<typeof HistorySettings>

export const TagDef = z.object({
  name: Name,
  dataType: DataType,
  source: TagSource,
  description: LocalText.optional(),
  unit: z.string().max(32).optional(),
  range: Range.optional(),
  scaling: Scaling.optional(),
  limits: Limits.optional(),
  /** ISA-18.2 alarm definitions (blocks/src/alarms); names unique per tag. */
  alarms: z.array(AlarmDef).max(32).optional(),
  /** Historian recording: enabled, deadband, minimum interval, heartbeat. */
  history: HistorySettings.optional(),
  /** Absolute deadband in engineering units: a change smaller than this is not propagated. */
  deadband: z.number().min(0).optional(),
  access: Access.optional(),
  /** Display format: decimals for numbers. */
  decimals: z.number().int().min(0).max(10).optional(),
}).strict()
export type TagDef = z.infer<typeof TagDef>

/** A parameter name: `${name}` in template text; no `-` so that placeholders stay unambiguous. */
export const ParamName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'letters, digits and _ only; starts with a letter or _')
/** Parameter values of one instance. */
export const InstanceParams = z.record(ParamName, z.union([z.string(), z.number(), z.boolean()]))
export type InstanceParams = z.infer<typeof InstanceParams>

/** One equipment in a tag folder: an instance of the template `types/<type>.json`. */
export const Instance = z.object({
  name: Name,
  type: Name,
  params: InstanceParams.optional(),
  description: LocalText.optional(),
}).strict()
export type Instance = z.infer<typeof Instance>

/** `tags/<folder>.json`: the tags of one folder or equipment. `folder` is the path prefix, e.g. `Area1/Tank1`. */
export const TagFile = z.object({
  format: z.literal(FORMAT_VERSION),
  folder: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,14}$/),
  description: LocalText.optional(),
  /**
   * The folder itself is one equipment: an instance of this template (types/<type>.json), its members at
   * `<folder>/<Member>`. Own `tags` may sit beside the members.
   */
  type: Name.optional(),
  /** Parameter values of the folder's own instance (with `type`). */
  params: InstanceParams.optional(),
  tags: z.array(TagDef).max(100_000),
  /** Equipment in this folder: each expands at load into tags `<folder>/<name>/<Member>`. */
  instances: z.array(Instance).max(10_000).optional(),
}).strict()
export type TagFile = z.infer<typeof TagFile>

/** Marks a tag expanded from an equipment template: the template's name and the instance's path. */
export interface TemplateMark { type: string; instance: string }

/** A tag with its full path resolved, as the runtime and viewer see it. */
export interface ResolvedTag extends TagDef {
  path: string
  /** Set on member tags of a template instance (absent on ordinary tags). */
  template?: TemplateMark
}
