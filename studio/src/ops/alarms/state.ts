/** The state text of an alarm row: hidden states first, then the ISA-18.2 annunciation phase. */
import type { AlarmView } from '@takt/blocks'
import type { MessageKey } from '../../i18n'

export function stateKey(a: AlarmView): MessageKey {
  if (a.outOfService) return 'ops.state.outOfService'
  if (a.shelved === 'oneShot') return 'ops.state.shelvedOneShot'
  if (a.shelved === 'timed') return 'ops.state.shelved'
  if (a.suppressed) return 'ops.state.suppressed'
  switch (a.phase) {
    case 'unack': return 'ops.state.unack'
    case 'acked': return 'ops.state.acked'
    case 'rtnUnack': return 'ops.state.rtnUnack'
    case 'latched': return 'ops.state.latched'
    case 'normal': return 'ops.state.normal'
  }
}
