/**
 * Operator commands: writes with permission check and confirmation, and the `events` action lists of widgets
 * (writes, navigation, popups).
 * The displayed value is never updated here: it changes only when the runtime reports the new value.
 */
import { qualityOf } from '@takt/blocks'
import type { Action, LocalText, OpenPopupAction, ResolvedTag, Role, TagScalar, TagValue } from '@takt/blocks'
import { canWriteTag } from '../bindings/resolve'
import { errorText, localText, t } from '../i18n'
import { requestOf, targetOf } from '../popups/model'
import type { PopupRequest, PopupTarget } from '../popups/model'
import { errorCodeOf } from '../wire/errors'
import { truthy } from '../widgets/logic/format'

export interface ActionHost {
  tag(path: string): ResolvedTag | undefined
  /** Current value without dependency tracking. */
  current(path: string): TagValue
  role: Role | null
  /** Ask the operator; resolves true on confirm. */
  confirm(message: string): Promise<boolean>
  /** Send the write; rejects with a WireError. */
  write(tag: string, value: TagScalar, confirmed: boolean): Promise<unknown>
  openScreen(name: string): void
  /** Show a short message (toast). */
  notify(message: string): void
  /** Open a popup over the current screen; absent where no popup can be shown (the design canvas). */
  openPopup?(request: PopupRequest): void
  /** Close the popup showing `target`; null: the popup this host runs in (on a screen: every popup). */
  closePopup?(target: PopupTarget | null): void
}

function showValue(v: TagScalar): string {
  return typeof v === 'string' ? `"${v}"` : String(v)
}

/**
 * Write one value. Asks first when the tag's access requires confirmation or the caller gives a confirm text.
 * Resolves true when the runtime accepted the write.
 */
export async function performWrite(host: ActionHost, path: string, value: TagScalar, confirm?: LocalText): Promise<boolean> {
  const tag = host.tag(path)
  if (!tag) {
    host.notify(errorText('E_UNKNOWN_TAG'))
    return false
  }
  if (!canWriteTag(tag, host.role)) {
    host.notify(t('write.noPermission'))
    return false
  }
  const needConfirm = tag.access?.confirm === true || confirm !== undefined
  if (needConfirm) {
    const message = confirm !== undefined ? localText(confirm) : t('dialog.writeValue', { value: showValue(value), tag: path })
    if (!(await host.confirm(message))) return false
  }
  try {
    await host.write(path, value, needConfirm)
    return true
  } catch (e) {
    host.notify(`${t('write.failed')}: ${errorText(errorCodeOf(e))}`)
    return false
  }
}

/** Flip a boolean tag from its current value; refuses when that value is unknown or of bad quality. */
export async function performToggle(host: ActionHost, path: string, confirm?: LocalText): Promise<boolean> {
  const cur = host.current(path)
  const b = truthy(cur.value)
  if (b === null || qualityOf(cur.status) === 'bad') {
    host.notify(t('write.unknownValue'))
    return false
  }
  return performWrite(host, path, !b, confirm)
}

function openPopup(host: ActionHost, a: OpenPopupAction): void {
  const req = requestOf(a)
  if (!req) return
  if (host.openPopup) host.openPopup(req)
  else host.notify(t('popup.unavailable'))
}

/** Run actions in order; stops at the first one that is cancelled or fails. */
export async function runActions(host: ActionHost, actions: readonly Action[]): Promise<boolean> {
  for (const a of actions) {
    let ok = true
    switch (a.action) {
      case 'write': ok = await performWrite(host, a.tag, a.value, a.confirm); break
      case 'toggle': ok = await performToggle(host, a.tag, a.confirm); break
      case 'openScreen': host.openScreen(a.screen); break
      case 'openPopup': openPopup(host, a); break
      case 'closePopup': host.closePopup?.(targetOf(a)); break
    }
    if (!ok) return false
  }
  return true
}
