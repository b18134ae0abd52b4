/**
 * The faceplate preview's data: the draft's tags with instances expanded (cached per tag file and template
 * object), and a binding context over them and the live values, for the instance chosen to preview.
 */
import { computed, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { tagFileTags } from '@takt/blocks'
import type { ResolvedTag } from '@takt/blocks'
import { createBindingCompiler } from '../../bindings/expr'
import type { BindingContext } from '../../bindings/resolve'
import { WAITING } from '../../live/values'
import type { LiveSource } from '../../live/values'
import type { WidgetEnv } from '../../widgets/inject'
import type { ProjectDocument } from '../doc/document'
import { templatePath } from './model'

interface Cached { used: [name: string, template: unknown][]; tags: ResolvedTag[] }
const perFile = new WeakMap<object, Cached>()

/** Every tag of the draft, instances expanded; a file is re-expanded only when it or a template it uses changed. */
export function draftTags(doc: ProjectDocument): ResolvedTag[] {
  const out: ResolvedTag[] = []
  for (const p of doc.paths()) {
    if (!p.startsWith('tags/') || !p.endsWith('.json')) continue
    const f = doc.get<Record<string, unknown>>(p)
    if (typeof f !== 'object' || f === null) continue
    const hit = perFile.get(f)
    if (hit && hit.used.every(([name, t]) => doc.get(templatePath(name)) === t)) {
      out.push(...hit.tags)
      continue
    }
    const used: Cached['used'] = []
    const tags = tagFileTags(f, (name) => {
      const t = doc.get(templatePath(name))
      used.push([name, t])
      return t
    })
    perFile.set(f, { used, tags })
    out.push(...tags)
  }
  return out
}

export interface PreviewContext {
  ctx: BindingContext
  env: WidgetEnv
  tags: Ref<ReadonlyMap<string, ResolvedTag>>
}

export function previewContext(doc: ProjectDocument, live: Ref<LiveSource | null>): PreviewContext {
  const tags = computed<ReadonlyMap<string, ResolvedTag>>(() => {
    void doc.version.value
    return new Map(draftTags(doc).map((t) => [t.path, t]))
  })
  // Unknown tags render as bad values rather than compile errors: the preview shows what an operator would see.
  const compiler = shallowRef(createBindingCompiler())
  const source = (): LiveSource => live.value ?? { get: () => WAITING, listen: () => () => {} }
  const ctx: BindingContext = {
    value: (p) => source().get(p),
    tag: (p) => tags.value.get(p),
    compile: (s) => compiler.value(s),
    role: null,
  }
  const env: WidgetEnv = { live: { get: (p) => source().get(p), listen: (p, fn) => source().listen(p, fn) }, tag: (p) => tags.value.get(p) }
  return { ctx, env, tags }
}
