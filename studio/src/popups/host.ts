/**
 * Action hosts for a screen with popups: the screen's own host plus openPopup/closePopup going to its popup stack.
 * Every popup gets its own host, so a closePopup without a target closes the popup its widget sits in.
 */
import type { ActionHost } from '../actions/run'
import type { PopupStack, PopupTarget } from './model'

/**
 * `self`: the id of the popup whose widgets use this host; null for the screen below, where a closePopup
 * without a target closes every popup.
 * @example popupHost(screenHost, stack, null).openPopup?.({ target: { kind: 'screen', screen: 'detail' } })
 */
export function popupHost(base: ActionHost, stack: PopupStack, self: number | null): ActionHost {
  // Delegation rather than a spread: `role` is a getter on the base and must stay live.
  return {
    tag: (p) => base.tag(p),
    current: (p) => base.current(p),
    get role() { return base.role },
    confirm: (m) => base.confirm(m),
    write: (tag, value, confirmed) => base.write(tag, value, confirmed),
    openScreen: (name) => base.openScreen(name),
    notify: (m) => base.notify(m),
    openPopup: (req) => { stack.open(req) },
    closePopup: (target: PopupTarget | null) => {
      if (target) stack.closeTarget(target)
      else if (self !== null) stack.close(self)
      else stack.closeAll()
    },
  }
}
