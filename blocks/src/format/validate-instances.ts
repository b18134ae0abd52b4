/** Template instances declared in tag files, expanded into member tags (and copies of the template's programs) during validation. */
import { expandInstance } from './expand.js'
import type { InstanceParams, TagFile } from './tags.js'
import type { Ctx, TagEntry } from './validate.js'
import { jsonPath } from './validate-json.js'
import { expandInstancePrograms } from './validate-template-programs.js'

/**
 * Expands a tag file's instances: the folder itself when it has `type`, then each of `instances`. Every member
 * tag goes to `add`; problems are reported at the instance.
 */
export function expandFileInstances(ctx: Ctx, file: string, tf: TagFile, add: (entry: TagEntry) => void): void {
  if (tf.type !== undefined) expandOne(ctx, file, tf.folder, tf.type, tf.params, [], ['type'], add)
  else if (tf.params !== undefined) ctx.report('E_SCHEMA', file, ['params'], '"params" are the parameters of a folder instance: add "type" naming its template')
  tf.instances?.forEach((ins, k) => {
    expandOne(ctx, file, `${tf.folder}/${ins.name}`, ins.type, ins.params, ['instances', k], ['instances', k], add)
  })
}

/** `base`: JSON path of the instance's fields; `self`: where to report about the instance as a whole. */
function expandOne(ctx: Ctx, file: string, path: string, type: string, params: InstanceParams | undefined,
  base: PropertyKey[], self: PropertyKey[], add: (entry: TagEntry) => void): void {
  const prior = ctx.instances.get(path)
  if (prior) {
    ctx.report('E_DUPLICATE', file, self, `instance ${path} is already defined in ${prior.file} at ${jsonPath(prior.at)}`)
    return
  }
  ctx.instances.set(path, { type, file, at: self })
  const entry = ctx.templates.get(type)
  if (!entry) {
    if (ctx.parts.complete.templates !== false) {
      const known = [...ctx.templates.keys()]
      ctx.report('E_REFERENCE', file, [...base, 'type'],
        `template "${type}" does not exist (no types/${type}.json${known.length > 0 ? `; templates: ${known.join(', ')}` : ''})`)
    }
    ctx.tagsComplete = false
    return
  }
  const template = entry.value
  const { members, issues } = expandInstance(template, path, params)
  for (const issue of issues) ctx.report(issue.code, file, issue.at.length > 0 ? [...base, ...issue.at] : self, `${path}: ${issue.message}`, issue.severity)
  // A member that does not make a tag is reported in the template; tags naming it would only cascade.
  if (members.length < template.tags.length) ctx.tagsComplete = false
  for (const { tag, index } of members) add({ tag, file, at: self, member: { template, index } })
  expandInstancePrograms(ctx, file, path, template, params, self)
}
