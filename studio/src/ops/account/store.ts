/**
 * The logged-in user's own account: whether the runtime demands a new password first (`SessionMsg.mustChangePassword`)
 * and the password change itself. Kept beside the session store so the session store stays about who is logged in.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ErrorCode } from '@takt/blocks'
import { useClient } from '../../wire/instance'
import { errorCodeOf } from '../../wire/errors'

/** The shortest password the studio proposes; the runtime has the final word (E_WEAK_PASSWORD). */
export const MIN_PASSWORD_LENGTH = 8

export type PasswordProblem = 'empty' | 'short' | 'mismatch' | 'same'

/** Checks a new password before it is sent; null when it may go to the runtime. */
export function passwordProblem(oldPassword: string, next: string, repeat: string): PasswordProblem | null {
  if (oldPassword === '' || next === '') return 'empty'
  if (next.length < MIN_PASSWORD_LENGTH) return 'short'
  if (next !== repeat) return 'mismatch'
  if (next === oldPassword) return 'same'
  return null
}

export const useAccountStore = defineStore('account', () => {
  const client = useClient()
  /** The runtime refuses everything but a password change until this is cleared. */
  const mustChangePassword = ref(false)
  /** Bumped after a successful change, so views that failed with E_PASSWORD_CHANGE_REQUIRED reload. */
  const changed = ref(0)

  client.onSession.on((s) => { mustChangePassword.value = s.mustChangePassword === true })
  client.onSessionLost.on(() => { mustChangePassword.value = false })

  /** Changes the own password; resolves null on success or the refusal code. */
  async function changePassword(oldPassword: string, newPassword: string): Promise<ErrorCode | null> {
    try {
      await client.request<'changePassword'>({ type: 'changePassword', oldPassword, newPassword })
      mustChangePassword.value = false
      changed.value++
      return null
    } catch (e) {
      return errorCodeOf(e)
    }
  }

  return { mustChangePassword, changed, changePassword }
})
