/**
 * Instances and faceplate placement: add, change or remove an instance of a template in a tag file, and place a
 * faceplate widget for an instance on a screen. Member tags are never written: they come from the template.
 */
import type { InstanceParams, LocalText, Screen, Widget } from '@takt/blocks'
import { WIDGET_SPECS } from '../../widgets/specs'
import { defineCommand } from '../doc/command'
import type { CommandResult, ReadonlyDoc } from '../doc/command'
import { uniqueName } from './commands'
import { draftFaceplate, isTemplateDoc, listInstances, templatePath } from './model'

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const FOLDER_RE = /^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,14}$/

interface TagFileDoc { format: number; folder: string; tags: unknown[]; instances?: InstanceDoc[]; [k: string]: unknown }
interface InstanceDoc { name: string; type: string; params?: InstanceParams; description?: LocalText }

function isTagFile(v: unknown): v is TagFileDoc {
  return typeof v === 'object' && v !== null && typeof (v as TagFileDoc).folder === 'string' && Array.isArray((v as TagFileDoc).tags)
}

/** Drops empty values so an instance lists only the parameters it sets. */
function cleanParams(params: InstanceParams | undefined): InstanceParams | undefined {
  if (!params) return undefined
  const out: InstanceParams = {}
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) out[k] = v
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Adds an instance `<folder>/<name>` of `template` to the tag file `file`. When the file does not exist and
 * `folder` is given, creates it.
 */
export const addInstance = defineCommand<{ file: string; folder?: string; template: string; name: string; params?: InstanceParams; description?: LocalText }>(
  'template.addInstance', (doc, a) => {
    if (!NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid instance name` }
    if (!isTemplateDoc(doc.get(templatePath(a.template)))) return { error: `template "${a.template}" does not exist` }
    let f = doc.get(a.file)
    if (f === undefined) {
      if (!/^tags\/[A-Za-z0-9_-]{1,64}\.json$/.test(a.file) || a.folder === undefined || !FOLDER_RE.test(a.folder)) return { error: `no tag file ${a.file}` }
      f = { format: 1, folder: a.folder, tags: [] }
    }
    if (!isTagFile(f)) return { error: `${a.file} is not a tag file` }
    const path = `${f.folder}/${a.name}`
    if (listInstances(doc).some((i) => i.path === path)) return { error: `instance ${path} already exists` }
    const params = cleanParams(a.params)
    const ins: InstanceDoc = { name: a.name, type: a.template, ...(params ? { params } : {}), ...(a.description !== undefined ? { description: a.description } : {}) }
    return { changes: { [a.file]: { ...f, instances: [...(f.instances ?? []), ins] } } }
  })

function withInstance(doc: ReadonlyDoc, file: string, index: number | null, fn: (f: TagFileDoc) => CommandResult): CommandResult {
  const f = doc.get(file)
  if (!isTagFile(f)) return { error: `no tag file ${file}` }
  if (index === null ? typeof f.type !== 'string' : !f.instances?.[index]) return { error: `no such instance in ${file}` }
  return fn(f)
}

/** Replaces an instance's parameter values (`index` null: the folder instance of the file). */
export const setInstanceParams = defineCommand<{ file: string; index: number | null; params: InstanceParams }>('template.setInstanceParams', (doc, a) =>
  withInstance(doc, a.file, a.index, (f) => {
    const params = cleanParams(a.params)
    if (a.index === null) {
      const { params: _old, ...rest } = f
      return { changes: { [a.file]: params ? { ...rest, params } : rest } }
    }
    const list = [...(f.instances as InstanceDoc[])]
    const { params: _old, ...ins } = list[a.index] as InstanceDoc
    list[a.index] = params ? { ...ins, params } : ins
    return { changes: { [a.file]: { ...f, instances: list } } }
  }))

export const removeInstance = defineCommand<{ file: string; index: number | null }>('template.removeInstance', (doc, a) =>
  withInstance(doc, a.file, a.index, (f) => {
    if (a.index === null) {
      const { type: _t, params: _p, ...rest } = f
      return { changes: { [a.file]: rest } }
    }
    const instances = (f.instances as InstanceDoc[]).filter((_, i) => i !== a.index)
    const { instances: _old, ...rest } = f
    return { changes: { [a.file]: instances.length > 0 ? { ...rest, instances } : rest } }
  }))

/**
 * Places a faceplate widget for `instance` on a screen, at the faceplate's design size unless `w`/`h` are given;
 * selects it.
 */
export const placeFaceplate = defineCommand<{ screen: string; template: string; instance: string; x: number; y: number; w?: number; h?: number }>(
  'template.placeFaceplate', (doc, a) => {
    const s = doc.get<Screen>(a.screen)
    if (!s || !Array.isArray(s.widgets)) return { error: `no screen at ${a.screen}` }
    if (!isTemplateDoc(doc.get(templatePath(a.template)))) return { error: `template "${a.template}" does not exist` }
    const fp = draftFaceplate(doc, a.template)
    const size = fp ? { w: fp.width, h: fp.height } : (WIDGET_SPECS.get('faceplate')?.defaultSize ?? { w: 240, h: 140 })
    const base = `fp_${a.instance.split('/').pop()?.replace(/[^A-Za-z0-9_-]/g, '_') ?? 'faceplate'}`
    const id = uniqueName(/^[A-Za-z_]/.test(base) ? base : `fp_${base}`, s.widgets.map((w) => w.id))
    const widget: Widget = {
      id, type: 'faceplate', x: Math.round(a.x), y: Math.round(a.y), w: Math.round(a.w ?? size.w), h: Math.round(a.h ?? size.h),
      props: { template: a.template, instance: a.instance },
    }
    return { changes: { [a.screen]: { ...s, widgets: [...s.widgets, widget] } }, select: [id] }
  })
