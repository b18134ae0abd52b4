/**
 * What alarm widgets need from their host. The viewer provides the live alarm store; the editor provides nothing and
 * the widgets then draw a still preview, so an engineer sees where they sit without a runtime.
 */
import type { InjectionKey } from 'vue'
import type { AlarmActionKind, AlarmView, Role } from '@takt/blocks'
import type { ActionOptions, ActionOutcome } from './store'

export interface AlarmSource {
  /** All alarms with their current state (reactive). */
  readonly alarms: readonly AlarmView[]
  /** The list is not current (link down, not subscribed yet). */
  readonly stale: boolean
  readonly role: Role | null
  message(a: AlarmView): string
  act(action: AlarmActionKind, ids: readonly string[], opts?: ActionOptions): Promise<ActionOutcome>
  /** Open the alarm summary page (banner click). */
  openSummary(): void
}

export const ALARM_SOURCE: InjectionKey<AlarmSource> = Symbol('takt.alarmSource')

/** The role an alarm action needs (ISA-18.2 practice: operators acknowledge and shelve, engineers take out of service). */
export function actionRole(action: AlarmActionKind): Role {
  return action === 'outOfService' || action === 'returnToService' ? 'engineer' : 'operator'
}
