import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name, TagPath } from './common.js'

/** A property's live source: a tag's value, or an expression over tags (see the expression language). */
export const Binding = z.union([
  z.object({ tag: TagPath }).strict(),
  z.object({ expr: z.string().min(1).max(4096) }).strict(),
])
export type Binding = z.infer<typeof Binding>

/** What an event does. `confirm` asks the operator first (text shown in the dialog). */
export const Action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('write'), tag: TagPath, value: z.union([z.number(), z.boolean(), z.string()]), confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('toggle'), tag: TagPath, confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('openScreen'), screen: Name }).strict(),
])
export type Action = z.infer<typeof Action>

/** Widget types of this version; the studio's widget registry has one component per type. */
export const WIDGET_TYPES = [
  'label', 'numeric', 'bar', 'tank', 'pump', 'motor', 'valve', 'pipe', 'button', 'toggle', 'setpoint', 'lamp', 'trend', 'rect',
  /** An equipment template's faceplate bound to one instance: props `{ template, instance }`. */
  'faceplate',
  /** Alarm widgets: the banner (most important unacknowledged), the summary table, an ISA-101 indicator beside equipment. */
  'alarmBanner', 'alarmSummary', 'alarmIndicator',
] as const
export const WidgetType = z.enum(WIDGET_TYPES)
export type WidgetType = z.infer<typeof WidgetType>

export const Widget = z.object({
  id: Name,
  type: WidgetType,
  x: z.number(),
  y: z.number(),
  w: z.number().positive(),
  h: z.number().positive(),
  /** Static properties (label, unit, min, max, colours, ...); each widget documents its own. */
  props: z.record(z.string(), z.unknown()).optional(),
  /** Property name -> live source. */
  bindings: z.record(z.string(), Binding).optional(),
  /** Event name (`click`) -> actions run in order. */
  events: z.record(z.string(), z.array(Action).max(16)).optional(),
}).strict()
export type Widget = z.infer<typeof Widget>

/** `screens/<name>.json` */
export const Screen = z.object({
  format: z.literal(FORMAT_VERSION),
  name: Name,
  title: LocalText,
  width: z.number().int().min(100).max(16384),
  height: z.number().int().min(100).max(16384),
  background: z.string().max(64).optional(),
  /** Show in the viewer's navigation bar (default true). */
  nav: z.boolean().optional(),
  widgets: z.array(Widget).max(20_000),
}).strict()
export type Screen = z.infer<typeof Screen>
