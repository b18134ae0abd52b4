import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name, TagPath } from './common.js'

/** A property's live source: a tag's value, or an expression over tags (see the expression language). */
export const Binding = z.union([
  z.object({ tag: TagPath }).strict(),
  z.object({ expr: z.string().min(1).max(4096) }).strict(),
])
export type Binding = z.infer<typeof Binding>

/** A popup's instance inside a template's faceplate: `$` (the faceplate's own instance) or an instance path. */
export const SelfOrInstance = z.union([z.literal('$'), TagPath])

/**
 * What a popup shows: a screen (`screen`), or an equipment template's faceplate bound to one instance
 * (`faceplate` + `instance`, the instance's tag folder path). `instance` is the schema given for it, so a
 * template's own actions can also name their instance as `$`.
 */
function popupTarget<I extends z.ZodType<string>>(instance: I) {
  return { screen: Name.optional(), faceplate: Name.optional(), instance: instance.optional() }
}

/** Reports a popup target that names both kinds, or a faceplate without its instance. `required`: no target is an error. */
function checkPopupTarget(required: boolean) {
  return (a: { screen?: string | undefined; faceplate?: string | undefined; instance?: string | undefined }, ctx: z.RefinementCtx): void => {
    const say = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (a.screen !== undefined && a.faceplate !== undefined) say('faceplate', 'name either a screen or a faceplate, not both')
    else if (a.faceplate !== undefined && a.instance === undefined) say('instance', 'a faceplate popup needs "instance": the equipment it shows, e.g. Area1/Motor3')
    else if (a.faceplate === undefined && a.instance !== undefined) say('instance', '"instance" goes with "faceplate" (a screen popup has no instance)')
    else if (required && a.screen === undefined && a.faceplate === undefined) say('screen', 'an openPopup action needs "screen", or "faceplate" and "instance"')
  }
}

/**
 * `openPopup`: a floating window over the current screen. `title` replaces the default (the screen's title, or
 * the instance and template); `x`/`y` place its top-left corner in viewer pixels (default: centred); `width` sets
 * the window's content width (the content scales to it; default: its design size, at least 320); `modal` blocks the screen
 * below until it is closed. Opening a popup that is already open brings it to the front.
 */
export function openPopupAction<I extends z.ZodType<string>>(instance: I) {
  return z.object({
    action: z.literal('openPopup'),
    ...popupTarget(instance),
    title: LocalText.optional(),
    x: z.number().min(0).max(16384).optional(),
    y: z.number().min(0).max(16384).optional(),
    width: z.number().min(40).max(16384).optional(),
    modal: z.boolean().optional(),
  }).strict().superRefine(checkPopupTarget(true))
}

/** `closePopup`: closes the named popup; with no target, the popup the widget sits in (on a screen: every popup). */
export function closePopupAction<I extends z.ZodType<string>>(instance: I) {
  return z.object({ action: z.literal('closePopup'), ...popupTarget(instance) }).strict().superRefine(checkPopupTarget(false))
}

/** What an event does. `confirm` asks the operator first (text shown in the dialog). */
export const Action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('write'), tag: TagPath, value: z.union([z.number(), z.boolean(), z.string()]), confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('toggle'), tag: TagPath, confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('openScreen'), screen: Name }).strict(),
  openPopupAction(TagPath),
  closePopupAction(TagPath),
])
export type Action = z.infer<typeof Action>
export type OpenPopupAction = Extract<Action, { action: 'openPopup' }>
export type ClosePopupAction = Extract<Action, { action: 'closePopup' }>
/** Actions that write a tag (the others navigate and need no permission). */
export type WriteAction = Extract<Action, { tag: string }>

/** Whether an action writes a tag. */
export function isWriteAction<A extends { action: string }>(a: A): a is Extract<A, { tag: string }> {
  return a.action === 'write' || a.action === 'toggle'
}

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
