/** Requests of the Users page. `saveUser` replaces the whole record, so edits carry the fields they keep. */
import type { Role, SaveUserMsg, UserInfoMsgRow } from '@takt/blocks'

export type SaveUser = Omit<SaveUserMsg, 'type' | 'id'>

export const ROLES: readonly Role[] = ['viewer', 'operator', 'engineer', 'admin']

/** The runtime's rule for user names, checked before sending. */
export const USER_NAME = /^[A-Za-z0-9_.-]{1,64}$/

export function createUser(name: string, role: Role, password: string, displayName: string): SaveUser {
  const d = displayName.trim()
  return { user: name.trim(), role, password, ...(d ? { displayName: d } : {}) }
}

/** A role change keeps the display name (and the password, by leaving it out). */
export function changeRole(u: UserInfoMsgRow, role: Role): SaveUser {
  return { user: u.name, role, ...(u.displayName ? { displayName: u.displayName } : {}) }
}

/** A password reset by an admin; the runtime then makes the user choose a new one at the next login. */
export function resetPassword(u: UserInfoMsgRow, password: string): SaveUser {
  return { user: u.name, role: u.role, password, ...(u.displayName ? { displayName: u.displayName } : {}) }
}

/** Users sorted by role (admins first), then name. */
export function sortUsers(list: readonly UserInfoMsgRow[]): UserInfoMsgRow[] {
  return [...list].sort((a, b) => ROLES.indexOf(b.role) - ROLES.indexOf(a.role) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
