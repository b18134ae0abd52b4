/**
 * Online monitoring glue for the logic editor: while `enabled`, keeps the subscription group `logic:<program>` in
 * step with the pins of the blocks on screen (debounced), reports its state, and unsubscribes when switched off or
 * when the owning component unmounts.
 */
import { onScopeDispose, ref, watch } from 'vue'
import type { Ref } from 'vue'
import type { FbdProgram } from '@takt/blocks'
import type { TaktClient } from '../../wire/client'
import { PinMonitor, monitorGroup, monitorPaths } from './monitor'
import type { MonitorState } from './monitor'

export function useMonitor(
  client: TaktClient,
  program: Ref<FbdProgram | undefined>,
  visible: Ref<ReadonlySet<string> | null>,
  enabled: Ref<boolean>,
): { state: Ref<MonitorState>; online: Ref<boolean> } {
  const state = ref<MonitorState>('off')
  const online = ref(client.state === 'open')
  const offState = client.onState.on((s) => { online.value = s === 'open' })
  let monitor: PinMonitor | null = null
  let monitorName = ''
  let timer: ReturnType<typeof setTimeout> | null = null

  const ensure = (name: string): PinMonitor => {
    if (monitor && monitorName === name) return monitor
    void monitor?.stop()
    monitorName = name
    monitor = new PinMonitor(client, monitorGroup(name), (s) => { state.value = s })
    return monitor
  }

  const sync = (): void => {
    timer = null
    const p = program.value
    if (!enabled.value || !p) {
      void monitor?.stop()
      return
    }
    void ensure(p.name).set(monitorPaths(p, visible.value ?? undefined))
  }

  watch([program, visible, enabled, online], () => {
    if (!enabled.value) {
      if (timer !== null) clearTimeout(timer)
      sync()
      return
    }
    if (timer !== null) clearTimeout(timer)
    // Panning and editing change the visible pins often; one subscribe per pause is plenty.
    timer = setTimeout(sync, 250)
  }, { immediate: true })

  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
    offState()
    void monitor?.stop()
  })
  return { state, online }
}
