/**
 * Connects a historian to the tag database: tags whose `history.enabled` is set are tracked, their current value is
 * recorded once, and every commit's changes are offered to the historian. Returns the remover (STYLE.md 21), which
 * also untracks them; attaching the next engine's TagDb after a redeploy re-tracks the same paths under the same handles.
 */
import { Status } from '@takt/blocks'
import type { TagDb } from '../tags/tagdb.js'
import type { Logger } from '../drivers/types.js'
import type { Historian } from './historian.js'
import { historyOf } from './settings.js'

export function attachHistorian(db: TagDb, historian: Historian, log?: Logger): () => void {
  const handles = new Int32Array(db.size).fill(-1)
  for (const t of db.tags) {
    const h = historyOf(t.def)
    if (!h?.enabled) continue
    handles[t.id] = historian.track(t.path, h, t.def.dataType)
    // A tag still waiting for its first device value has nothing worth recording yet.
    if (t.status !== Status.BadWaitingForInitialData) historian.record(handles[t.id]!, t.value, t.status, t.sourceTime)
  }
  let complained = false
  const off = db.onChange((ids) => {
    // The tag database must never see a historian problem: recording is best effort, live data is not.
    try {
      for (const id of ids) {
        const h = handles[id]
        if (h === undefined || h < 0) continue
        const t = db.tags[id]!
        historian.record(h, t.value, t.status, t.sourceTime)
      }
    } catch (e) {
      if (!complained) log?.error('historian listener failed', { error: e instanceof Error ? e.message : String(e) })
      complained = true
    }
  })
  return () => {
    off()
    for (const h of handles) if (h >= 0) historian.untrack(h)
  }
}
