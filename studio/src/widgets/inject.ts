import type { InjectionKey } from 'vue'
import type { ResolvedTag } from '@takt/blocks'
import type { LiveSource } from '../live/values'

/**
 * What a few widgets need beyond their view: history of live values (trend) and metadata of tags that are
 * not bound props (trend `pens` list). The viewer provides the live store; the editor may provide a simulation.
 */
export interface WidgetEnv {
  live: LiveSource
  tag(path: string): ResolvedTag | undefined
}

export const WIDGET_ENV: InjectionKey<WidgetEnv> = Symbol('takt.widgetEnv')
