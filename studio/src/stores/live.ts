/**
 * Live tag values and the per-screen subscription. One subscription group per shown screen, named after it;
 * leaving the screen unsubscribes it and forgets values no other group shows.
 */
import { defineStore } from 'pinia'
import { markRaw } from 'vue'
import { Status } from '@takt/blocks'
import type { Screen } from '@takt/blocks'
import { widgetTags } from '../bindings/resolve'
import type { BindingCompiler } from '../bindings/expr'
import type { FaceplateLookup } from '../widgets/faceplate/env'
import { faceplateTags } from '../widgets/faceplate/logic'
import { LiveValues } from '../live/values'
import { perFrame } from '../live/frames'
import { specsOf } from '../widgets/specs'
import { useClient } from '../wire/instance'
import { WireError } from '../wire/errors'
import type { LiveUpdate } from '../wire/client'

/** All tags a screen's widgets need, including the inner widgets of faceplates when `faceplate` is given. */
export function screenTags(screen: Screen, compile: BindingCompiler, faceplate?: FaceplateLookup): string[] {
  const out = new Set<string>()
  for (const w of screen.widgets) {
    for (const p of widgetTags(w, specsOf(w.type), compile)) out.add(p)
    if (faceplate) for (const p of faceplateTags(w, faceplate, compile)) out.add(p)
  }
  return [...out].sort()
}

export const useLiveStore = defineStore('live', () => {
  const client = useClient()
  const values = markRaw(new LiveValues())
  let current: { sub: string; tags: string[] } | null = null

  // Updates are applied at most once per animation frame (live/frames.ts), so trend listeners still see each sample.
  const frames = perFrame<LiveUpdate>((rows) => values.apply(rows))
  const flush = frames.flush
  client.onUpdates.on((rows) => frames.push(rows))
  client.onState.on((s) => {
    if (s === 'open') return
    flush()
    values.markAllStale()
  })

  function markUnknown(tags: readonly string[]): void {
    flush()
    for (const p of tags) values.set(p, { value: null, status: Status.BadNodeIdUnknown, sourceTime: 0 })
  }

  /** Show `screen`: subscribe its tags (replacing the previous screen's group). */
  async function showScreen(screen: Screen, compile: BindingCompiler, faceplate?: FaceplateLookup): Promise<void> {
    flush()
    const tags = screenTags(screen, compile, faceplate)
    const prev = current
    current = { sub: screen.name, tags }
    if (prev && prev.sub !== screen.name) {
      const keep = new Set(tags)
      values.forget(prev.tags.filter((p) => !keep.has(p)))
      await client.unsubscribe(prev.sub).catch(() => undefined)
    }
    try {
      const reply = await client.subscribe(screen.name, tags)
      if (reply && reply.unknown.length > 0) markUnknown(reply.unknown)
    } catch (e) {
      // Offline: the client re-subscribes the group on reconnect. Other errors leave values WAITING (shown bad).
      if (!(e instanceof WireError)) throw e
    }
  }

  async function leave(): Promise<void> {
    flush()
    const prev = current
    current = null
    if (!prev) return
    values.forget(prev.tags)
    await client.unsubscribe(prev.sub).catch(() => undefined)
  }

  return { values, showScreen, leave }
})
