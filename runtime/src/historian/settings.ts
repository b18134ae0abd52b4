/**
 * Per-tag history settings. Proposed for `TagDef.history` in blocks/src/format/tags.ts; until the lead moves this
 * schema there, the runtime reads the field through `historyOf`, so both sides agree on one shape.
 */
import { HistorySettings } from '@takt/blocks'
import type { ResolvedTag } from '@takt/blocks'

export { HistorySettings }
export type { HistorySettings as HistorySettingsType } from '@takt/blocks'

/** The history settings of a tag definition, when it has (valid) ones. */
export function historyOf(def: ResolvedTag): HistorySettings | undefined {
  const raw = (def as ResolvedTag & { history?: unknown }).history
  if (raw === undefined) return undefined
  const parsed = HistorySettings.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
