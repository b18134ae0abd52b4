/** Valve state from a feedback position (%) and/or an open/closed feedback. */
import type { MessageKey } from '../../i18n'
import type { WidgetView } from '../types'
import { truthy } from './format'

export type ValveState = 'open' | 'closed' | 'travelling' | 'unknown'

/** Position band treated as fully open / closed (limit-switch tolerance). */
export const OPEN_AT = 98
export const CLOSED_AT = 2

/**
 * A modulating (control) valve is open at any position above CLOSED_AT; an on/off valve between the end
 * positions is travelling. Without a usable position the open feedback decides.
 */
export function valveState(view: Pick<WidgetView, 'p' | 'q'>, modulating: boolean): ValveState {
  const pos = view.p.position
  if (typeof pos === 'number' && Number.isFinite(pos) && view.q.position !== 'bad') {
    if (pos <= CLOSED_AT) return 'closed'
    if (modulating || pos >= OPEN_AT) return 'open'
    return 'travelling'
  }
  if (view.q.open === 'bad') return 'unknown'
  const o = truthy(view.p.open)
  return o === null ? 'unknown' : o ? 'open' : 'closed'
}

export const VALVE_TEXT: Record<ValveState, MessageKey> = {
  open: 'state.open', closed: 'state.closed', travelling: 'state.travelling', unknown: 'state.unknown',
}
