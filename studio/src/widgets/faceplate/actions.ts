/**
 * What a faceplate's inner widget may ask: writes to its bound tag and its click actions, run through the
 * host's action runner exactly as on a screen (permission check, confirmation). Without a host it does nothing.
 */
import type { Widget } from '@takt/blocks'
import { performWrite, runActions } from '../../actions/run'
import type { ActionHost } from '../../actions/run'
import { isLocalText, t } from '../../i18n'
import type { WidgetActions } from '../types'

export function childActions(widget: () => Widget, host: () => ActionHost | null): WidgetActions {
  return {
    async write(prop, value) {
      const h = host()
      if (!h) return false
      const w = widget()
      const b = w.bindings?.[prop]
      if (!b || !('tag' in b)) {
        h.notify(t('write.noTag'))
        return false
      }
      // A switch may ask differently for each direction ("Start motor?" / "Stop motor?").
      const directed = typeof value === 'boolean' ? w.props?.[value ? 'confirmOn' : 'confirmOff'] : undefined
      const confirm = isLocalText(directed) ? directed : w.props?.confirm
      return performWrite(h, b.tag, value, isLocalText(confirm) ? confirm : undefined)
    },
    async click() {
      const h = host()
      const list = widget().events?.click
      if (h && list) await runActions(h, list)
    },
  }
}
