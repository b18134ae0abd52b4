/**
 * Program faults of the runtime, polled with `listProgramFaults` while anyone holds the feed (the Programs page,
 * the fault badge) and the user may ask (engineer, as the gateway enforces). The runtime pushes no event for a
 * fault, so the list is re-read every few seconds and at once after a redeploy or a reset.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { roleAtLeast } from '@takt/blocks'
import type { ErrorCode, ProgramFaultInfo } from '@takt/blocks'
import { useConnectionStore } from '../../stores/connection'
import { useSessionStore } from '../../stores/session'
import { useClient } from '../../wire/instance'
import { errorCodeOf } from '../../wire/errors'
import { useAccountStore } from '../account/store'
import { createHold } from '../hold'

/** How often the list is re-read while held. */
export const FAULT_POLL_MS = 3000

export const useProgramFaultStore = defineStore('programFaults', () => {
  const client = useClient()
  const conn = useConnectionStore()
  const session = useSessionStore()
  const account = useAccountStore()

  const faults = shallowRef<readonly ProgramFaultInfo[]>([])
  /** The list has been read since the feed (re)started. */
  const ready = ref(false)
  const error = ref<ErrorCode | null>(null)
  /** Clock time of the last successful read. */
  const readAt = ref(0)
  const { holding, acquire } = createHold()
  let timer: ReturnType<typeof setInterval> | undefined
  let seq = 0

  /** Engineers and admins may list and reset faults; the badge and page are hidden from the others. */
  const allowed = computed(() => session.role !== null && roleAtLeast(session.role, 'engineer'))
  const wanted = () => holding.value && allowed.value && conn.state === 'open' && session.loggedIn && !account.mustChangePassword
  const faulted = computed(() => faults.value.length)

  async function refresh(): Promise<void> {
    if (!wanted()) return
    const my = ++seq
    try {
      const r = await client.request<'listProgramFaults'>({ type: 'listProgramFaults' })
      if (my !== seq) return
      faults.value = r.faults
      ready.value = true
      error.value = null
      readAt.value = Date.now()
    } catch (e) {
      if (my === seq) error.value = errorCodeOf(e)
    }
  }

  function sync(): void {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
    if (!wanted()) {
      seq++
      ready.value = false
      return
    }
    void refresh()
    timer = setInterval(() => { void refresh() }, FAULT_POLL_MS)
  }
  watch(() => [holding.value, allowed.value, conn.state, session.loggedIn, account.mustChangePassword] as const, sync)
  client.onNotice.on((n) => { if (n.event === 'appChanged') void refresh() })

  /** Lets a faulted program run again; returns the refusal code, or null when it was reset. */
  async function reset(program: string): Promise<ErrorCode | null> {
    try {
      await client.request<'resetProgramFault'>({ type: 'resetProgramFault', program })
      return null
    } catch (e) {
      return errorCodeOf(e)
    } finally {
      await refresh()
    }
  }

  return { faults, faulted, ready, error, readAt, allowed, acquire, refresh, reset }
})
