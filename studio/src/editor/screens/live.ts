/**
 * Live values for the screen being edited: one subscription group per editor (`edit:<screen>`) with the tags the
 * screen's widgets need, re-sent only when that set changes. Disposed with the editor (STYLE.md 21).
 */
import { onBeforeUnmount, watch } from 'vue'
import type { Ref } from 'vue'
import type { Screen } from '@takt/blocks'
import type { BindingCompiler } from '../../bindings/expr'
import { screenTags } from '../../stores/live'
import type { FaceplateLookup } from '../../widgets/faceplate/env'
import type { TaktClient } from '../../wire/client'

export function useScreenSubscription(client: TaktClient, screen: Ref<Screen | null>, compiler: Ref<BindingCompiler>, faceplates?: FaceplateLookup): void {
  let sub: string | null = null
  let last = ''
  watch([screen, compiler], ([s, c]) => {
    if (!s) return
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
