/**
 * Live values for the screen being edited: one subscription group per editor (`edit:<screen>`) with the tags the
 * screen's widgets need, re-sent only when that set changes. Disposed with the editor (STYLE.md 21).
 */
import { onBeforeUnmount, watch } from 'vue'
import type { Ref } from 'vue'
import type { Screen, Widget } from '@takt/blocks'
import type { BindingCompiler } from '../../bindings/expr'
import { screenTags } from '../../stores/live'
import type { FaceplateLookup } from '../../widgets/faceplate/env'
import type { TaktClient } from '../../wire/client'

/**
 * Whether two widget lists surely need the same tags: the same widgets in the same order with the very same type,
 * bindings, props and events (commands copy only what they change, so a move or a resize keeps all of them), and
 * no faceplate (its tags also come from its template, in another file).
 */
function sameTagSources(a: readonly Widget[], b: readonly Widget[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Widget
    const y = b[i] as Widget
    if (y.type === 'faceplate') return false
    if (x !== y && (x.type !== y.type || x.bindings !== y.bindings || x.props !== y.props || x.events !== y.events)) return false
  }
  return true
}

export function useScreenSubscription(client: TaktClient, screen: Ref<Screen | null>, compiler: Ref<BindingCompiler>, faceplates?: FaceplateLookup): void {
  let sub: string | null = null
  let last = ''
  watch([screen, compiler], ([s, c], old) => {
    if (!s) return
    // A drop or a nudge changes only positions: no need to collect the screen's tags again.
    if (old !== undefined && old[0] && old[1] === c && old[0].name === s.name && sameTagSources(old[0].widgets, s.widgets)) return
    const name = `edit:${s.name}`
    const tags = screenTags(s, c, faceplates)
    const key = tags.join('\n')
    if (name === sub && key === last) return
    if (sub !== null && sub !== name) void client.unsubscribe(sub).catch(() => undefined)
    sub = name
    last = key
    // Offline the client keeps the group and sends it after reconnecting.
    void client.subscribe(name, tags).catch(() => undefined)
  }, { immediate: true })
  onBeforeUnmount(() => {
    if (sub !== null) void client.unsubscribe(sub).catch(() => undefined)
    sub = null
  })
}
