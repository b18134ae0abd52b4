/** Run/stop/fault state of pumps and motors from their bound values and qualities. */
import type { MessageKey } from '../../i18n'
import type { WidgetView } from '../types'
import { truthy } from './format'

export type EquipmentState = 'running' | 'stopped' | 'fault' | 'unknown'

/**
 * Fault wins over running (a faulted pump must not look merely stopped). A bad `running` value gives
 * `unknown`, drawn hollow with a quality marker, never as a confident "stopped".
 */
export function equipmentState(view: Pick<WidgetView, 'p' | 'q'>): EquipmentState {
  const fault = view.q.fault === 'bad' ? null : truthy(view.p.fault)
  if (fault === true) return 'fault'
  if (view.q.running === 'bad') return 'unknown'
  const run = truthy(view.p.running)
  return run === null ? 'unknown' : run ? 'running' : 'stopped'
}

export const STATE_TEXT: Record<EquipmentState, MessageKey> = {
  running: 'state.running', stopped: 'state.stopped', fault: 'state.fault', unknown: 'state.unknown',
}
