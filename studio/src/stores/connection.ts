/** The link state to the runtime, for the connection indicator and the login page. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectionState } from '../wire/client'
import { useClient } from '../wire/instance'

export const useConnectionStore = defineStore('connection', () => {
  const client = useClient()
  const state = ref<ConnectionState>(client.state)
  /** Set once the first handshake completed, so the UI can tell "starting" from "lost". */
  const everOpen = ref(client.state === 'open')
  client.onState.on((s) => {
    state.value = s
    if (s === 'open') everOpen.value = true
  })
  function connect(): void {
    client.connect()
  }
  return { state, everOpen, connect }
})
