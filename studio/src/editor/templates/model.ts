/**
 * Read helpers over the draft for templates: template files (`types/<Name>.json`), the instances tag files
 * declare, and faceplates by template name. Draft files are raw JSON that may be half-edited, so every read is
 * defensive; the loader's validation reports what is wrong.
 */
import { Faceplate as FaceplateSchema } from '@takt/blocks'
import type { Faceplate, InstanceParams, Template, TemplateMember, TemplateParam } from '@takt/blocks'
import type { CommandDef, ReadonlyDoc } from '../doc/command'

/** A template file as held in the draft: the schema's shape, any field possibly missing. */
export interface TemplateDoc {
  format: number
  name: string
  description?: Template['description']
  parameters?: TemplateParam[]
  tags: TemplateMember[]
  faceplate?: Faceplate
  programs?: unknown[]
}

export const templatePath = (name: string): string => `types/${name}.json`

/** `types/Motor.json` -> `Motor`; null for another path. */
export function templateNameOf(path: string): string | null {
  const m = /^types\/([^/]+)\.json$/.exec(path)
  return m?.[1] ?? null
}

export function isTemplateDoc(v: unknown): v is TemplateDoc {
  return typeof v === 'object' && v !== null && Array.isArray((v as TemplateDoc).tags) && typeof (v as TemplateDoc).name === 'string'
}

/** Template names in the draft, sorted. */
export function listTemplates(doc: ReadonlyDoc): string[] {
  return doc.paths().map(templateNameOf).filter((n): n is string => n !== null).sort((a, b) => a.localeCompare(b))
}

export interface InstanceRef {
  /** Instance path: `<folder>/<name>`, or the folder itself for a folder instance. */
  path: string
  type: string
  /** Tag file declaring it. */
  file: string
  /** Index in the file's `instances`, or null for the folder instance (`type` on the file). */
  index: number | null
  params: InstanceParams
}

interface RawTagFile { folder?: unknown; type?: unknown; params?: unknown; instances?: unknown }

function paramsOf(v: unknown): InstanceParams {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as InstanceParams : {}
}

/** Instances declared in the draft's tag files, optionally of one template, sorted by path. */
export function listInstances(doc: ReadonlyDoc, type?: string): InstanceRef[] {
  const out: InstanceRef[] = []
  for (const file of doc.paths()) {
    if (!file.startsWith('tags/') || !file.endsWith('.json')) continue
    const f = doc.get<RawTagFile>(file)
    if (!f || typeof f.folder !== 'string') continue
    if (typeof f.type === 'string') out.push({ path: f.folder, type: f.type, file, index: null, params: paramsOf(f.params) })
    if (!Array.isArray(f.instances)) continue
    f.instances.forEach((i: unknown, index) => {
      const ins = i as { name?: unknown; type?: unknown; params?: unknown }
      if (typeof ins?.name === 'string' && typeof ins.type === 'string') {
        out.push({ path: `${f.folder as string}/${ins.name}`, type: ins.type, file, index, params: paramsOf(ins.params) })
      }
    })
  }
  return out.filter((i) => type === undefined || i.type === type).sort((a, b) => a.path.localeCompare(b.path))
}

// Faceplates checked against the schema once per raw object: the document shares unchanged files.
const faceplates = new WeakMap<object, Faceplate | null>()

/** The valid faceplate of a template in the draft, else undefined (a half-edited one is not drawn). */
export function draftFaceplate(doc: ReadonlyDoc, template: string): Faceplate | undefined {
  const t = doc.get<TemplateDoc>(templatePath(template))
  const raw = t?.faceplate
  if (typeof raw !== 'object' || raw === null) return undefined
  let fp = faceplates.get(raw)
  if (fp === undefined) {
    const r = FaceplateSchema.safeParse(raw)
    fp = r.success ? r.data : null
    faceplates.set(raw, fp)
  }
  return fp ?? undefined
}

/** Member names of a template (for `$/` pickers). */
export function memberNames(t: TemplateDoc | undefined): string[] {
  return (t?.tags ?? []).map((m) => m.name).filter((n) => typeof n === 'string')
}

/** How the editor's parts run a command: dispatch, show a refusal, say whether it applied. */
export type RunCommand = <A>(cmd: CommandDef<A>, args: A, group?: string) => boolean
