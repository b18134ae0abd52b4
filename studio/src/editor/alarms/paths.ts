/**
 * Tag paths the alarm editor checks references against: ordinary tags plus the member tags of every template
 * instance (expanded at load, so they exist at run time without a line of their own in a tag file).
 */
import type { ReadonlyDoc } from '../doc/command'
import { tagPathSet } from '../tags/model'
import { listInstances, memberNames, templatePath } from '../templates/model'
import type { TemplateDoc } from '../templates/model'

/** Every tag path of the draft, instance members included. */
export function knownTagPaths(doc: ReadonlyDoc): Set<string> {
  const out = tagPathSet(doc)
  const members = new Map<string, string[]>()
  for (const inst of listInstances(doc)) {
    let names = members.get(inst.type)
    if (!names) {
      names = memberNames(doc.get<TemplateDoc>(templatePath(inst.type)))
      members.set(inst.type, names)
    }
    for (const n of names) out.add(`${inst.path}/${n}`)
  }
  return out
}
