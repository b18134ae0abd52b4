/**
 * `types/<Name>.json`: an equipment template (UDT). It declares parameters, member tags and a faceplate; tag
 * files instantiate it (`instances`, or a folder that is itself one equipment with `type`), and every instance
 * expands at load into ordinary tags (expand.ts). Because expansion happens at load, editing a template updates
 * every instance by construction.
 *
 * Placeholders: `${param}` in any string of a member tag (address, connection, description, expression, ...); a
 * string that is exactly `"${param}"` takes the parameter's typed value, so numbers and booleans can be parameters
 * too (`"range": { "min": 0, "max": "${speedMax}" }`). `{$/Member}` in an expression and `$/Member` as a
 * faceplate binding or action tag mean the instance's own member. Template programs run once per instance, as
 * copies named `<instance>/<program>` (template-program.ts).
 */
import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name } from './common.js'
import { TemplatePrograms } from './template-program.js'
import { SelfOrInstance, Widget, closePopupAction, openPopupAction } from './screen.js'
import { ParamName } from './tags.js'

export const PARAM_TYPES = ['string', 'number', 'boolean'] as const
export type ParamType = (typeof PARAM_TYPES)[number]
export type ParamValue = string | number | boolean

export const TemplateParam = z.object({
  name: ParamName,
  type: z.enum(PARAM_TYPES),
  /** Used when an instance gives no value; without it every instance must give one. */
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: LocalText.optional(),
}).strict()
export type TemplateParam = z.infer<typeof TemplateParam>

/**
 * A member tag as written in a template: a TagDef whose fields may hold placeholders. Only the name is checked
 * here; the rest is checked as a TagDef after substitution (template validation and each instance).
 */
export const TemplateMember = z.looseObject({ name: Name })
export type TemplateMember = z.infer<typeof TemplateMember>

/** `$/Member` (the instance's own member) or an ordinary tag path. */
export const MemberOrTagPath = z.string().regex(
  /^(\$\/[A-Za-z_][A-Za-z0-9_-]*|[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,15})$/,
  'a member like $/Running or a tag path like Area/Tank1/Level',
)

export const TemplateBinding = z.union([
  z.object({ tag: MemberOrTagPath }).strict(),
  z.object({ expr: z.string().min(1).max(4096) }).strict(),
])
export type TemplateBinding = z.infer<typeof TemplateBinding>

export const TemplateAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('write'), tag: MemberOrTagPath, value: z.union([z.number(), z.boolean(), z.string()]), confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('toggle'), tag: MemberOrTagPath, confirm: LocalText.optional() }).strict(),
  z.object({ action: z.literal('openScreen'), screen: Name }).strict(),
  openPopupAction(SelfOrInstance),
  closePopupAction(SelfOrInstance),
])
export type TemplateAction = z.infer<typeof TemplateAction>

/** A faceplate widget: a screen widget whose bindings and actions may name members as `$/Member`. */
export const TemplateWidget = Widget.extend({
  bindings: z.record(z.string(), TemplateBinding).optional(),
  events: z.record(z.string(), z.array(TemplateAction).max(16)).optional(),
})
export type TemplateWidget = z.infer<typeof TemplateWidget>

/** The template's faceplate: a small screen drawn at `width` x `height`, scaled into each faceplate widget. */
export const Faceplate = z.object({
  width: z.number().int().min(20).max(4096),
  height: z.number().int().min(20).max(4096),
  background: z.string().max(64).optional(),
  widgets: z.array(TemplateWidget).max(2000),
}).strict()
export type Faceplate = z.infer<typeof Faceplate>

export const Template = z.object({
  format: z.literal(FORMAT_VERSION),
  name: Name,
  description: LocalText.optional(),
  parameters: z.array(TemplateParam).max(64).default([]),
  tags: z.array(TemplateMember).max(10_000),
  faceplate: Faceplate.optional(),
  /** FB networks every instance runs as its own copy (template-program.ts), each in its `task`. */
  programs: TemplatePrograms.optional(),
}).strict()
export type Template = z.infer<typeof Template>

/** What the viewer needs of a template: its faceplate (member tags arrive already expanded). */
export interface BundleTemplate {
  name: string
  description?: LocalText
  faceplate: Faceplate
}

/** `$/Running` -> `Running`; null for an ordinary tag path. */
export function memberOf(ref: string): string | null {
  return ref.startsWith('$/') ? ref.slice(2) : null
}
