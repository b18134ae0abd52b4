/**
 * One subscription group per open popup (`popup:<id>`), the same mechanism a screen uses: added when the popup
 * opens, re-sent when its tags change (a redeploy), removed when it closes or its screen goes away. Values of
 * tags that nothing shows any more are dropped, so a popup opened later starts from "waiting", never stale.
 */

/** The subscription side of the host (the viewer's client and live values, or the editor's). */
export interface PopupLive {
  /** Subscribe the named group, replacing its tag list. */
  subscribe(sub: string, tags: string[]): void
  /** Remove the group; `drop` are its tags that no screen or other popup shows (their values may go). */
  unsubscribe(sub: string, drop: string[]): void
}

export interface PopupSubscriptions {
  /** Brings the groups in line with the open popups (`id` -> the tags its content needs). */
  sync(wanted: ReadonlyMap<number, readonly string[]>): void
  /** Removes every group (the screen is going away). */
  dispose(): void
}

export const popupSub = (id: number): string => `popup:${id}`

/** `screenTags`: what the screen below shows, kept when a popup that also showed it closes. */
export function popupSubscriptions(live: PopupLive, screenTags: () => readonly string[]): PopupSubscriptions {
  const groups = new Map<number, { tags: readonly string[]; key: string }>()

  function sync(wanted: ReadonlyMap<number, readonly string[]>): void {
    const removed: { id: number; tags: readonly string[] }[] = []
    for (const [id, g] of groups) {
      if (!wanted.has(id)) {
        groups.delete(id)
        removed.push({ id, tags: g.tags })
      }
    }
    for (const [id, tags] of wanted) {
      const key = tags.join('\n')
      if (groups.get(id)?.key === key) continue
      groups.set(id, { tags, key })
      live.subscribe(popupSub(id), [...tags])
    }
    if (removed.length === 0) return
    const keep = new Set(screenTags())
    for (const g of groups.values()) for (const p of g.tags) keep.add(p)
    for (const r of removed) live.unsubscribe(popupSub(r.id), r.tags.filter((p) => !keep.has(p)))
  }

  return { sync, dispose: () => sync(new Map()) }
}
