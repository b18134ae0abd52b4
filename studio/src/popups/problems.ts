/**
 * The editor's local check of a popup action's target against the draft: the screen exists, the instance exists
 * and is one of the named template. (The runtime's full validation also checks the template has a faceplate.)
 */
import type { ClosePopupAction, ErrorCode, ResolvedTag } from '@takt/blocks'

export interface PopupProblem { field: 'screen' | 'faceplate' | 'instance'; code: ErrorCode; message: string }

const byList = new WeakMap<readonly ResolvedTag[], ReadonlyMap<string, string>>()

/** Instance path -> template name, from the member tags of a tag index (cached per list). */
export function instanceTypes(tags: readonly ResolvedTag[]): ReadonlyMap<string, string> {
  let m = byList.get(tags)
  if (!m) {
    const out = new Map<string, string>()
    for (const t of tags) if (t.template) out.set(t.template.instance, t.template.type)
    byList.set(tags, m = out)
  }
  return m
}

export function popupProblems(a: Pick<ClosePopupAction, 'screen' | 'faceplate' | 'instance'>, screens: ReadonlySet<string>,
  instances: ReadonlyMap<string, string>): PopupProblem[] {
  const out: PopupProblem[] = []
  if (a.screen !== undefined && !screens.has(a.screen)) out.push({ field: 'screen', code: 'E_REFERENCE', message: `screen "${a.screen}" does not exist` })
  if (a.faceplate !== undefined && a.instance !== undefined && a.instance !== '$') {
    const type = instances.get(a.instance)
    if (type === undefined) out.push({ field: 'instance', code: 'E_REFERENCE', message: `instance "${a.instance}" does not exist` })
    else if (type !== a.faceplate) out.push({ field: 'instance', code: 'E_TYPE_MISMATCH', message: `instance "${a.instance}" is a ${type}, not a ${a.faceplate}` })
  }
  return out
}
