/** What the custom node and edge components need from their editor, provided once instead of threaded through vue-flow. */
import type { InjectionKey, Ref } from 'vue'
import type { LiveSource } from '../../live/values'

export interface LogicContext {
  live: LiveSource | null
  /** Monitoring is switched on (values shown on pins and wires). */
  monitoring: Ref<boolean>
  /** Hover check while dragging a wire (the full check with its message runs on drop). */
  canConnect(from: string, to: string): boolean
}

export const LOGIC_CTX: InjectionKey<LogicContext> = Symbol('takt.logic')
