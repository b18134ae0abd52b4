/** Who is logged in. The token lives in sessionStorage so a reload resumes the session (per tab, not shared). */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ErrorCode, Role, SessionMsg } from '@takt/blocks'
import { useClient } from '../wire/instance'
import { errorCodeOf } from '../wire/errors'

const TOKEN_KEY = 'takt.session'

function loadToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

function saveToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY)
    else sessionStorage.setItem(TOKEN_KEY, token)
  } catch {
    // storage blocked: the session still works until reload
  }
}

export const useSessionStore = defineStore('session', () => {
  const client = useClient()
  const user = ref<string | null>(null)
  const role = ref<Role | null>(null)
  const token = ref<string | null>(loadToken())
  const expiresAt = ref<number | null>(null)
  /** The runtime lets anyone in (welcome.authRequired false). */
  const anonymous = ref(false)
  /** Why the user sees the login page (wrong password, session expired ...). */
  const lastError = ref<ErrorCode | null>(null)
  const busy = ref(false)

  const loggedIn = computed(() => anonymous.value || user.value !== null)

  function accept(s: SessionMsg): void {
    user.value = s.user
    role.value = s.role
    token.value = s.token
    expiresAt.value = s.expiresAt
    lastError.value = null
    saveToken(s.token)
  }

  function clear(reason: ErrorCode | null): void {
    user.value = null
    role.value = null
    token.value = null
    expiresAt.value = null
    lastError.value = reason
    saveToken(null)
  }

  client.setToken(token.value)
  client.onSession.on(accept)
  client.onSessionLost.on((code) => clear(code))
  client.onState.on((s) => {
    if (s === 'open') anonymous.value = client.welcome?.authRequired === false
  })

  async function login(name: string, password: string): Promise<boolean> {
    busy.value = true
    lastError.value = null
    try {
      await client.login(name, password)
      return true
    } catch (e) {
      lastError.value = errorCodeOf(e)
      return false
    } finally {
      busy.value = false
    }
  }

  async function logout(): Promise<void> {
    try {
      await client.logout()
    } catch {
      // the runtime forgets the token on expiry anyway; the UI logs out regardless
    }
    clear(null)
  }

  return { user, role, token, expiresAt, anonymous, lastError, busy, loggedIn, login, logout }
})
