import type { InjectionKey } from 'vue'
import type { ResolvedTag } from '@takt/blocks'
import type { LiveSource } from '../live/values'
import type { SlotRect, TextSlot } from '../live/text-layer'

/**
 * What a few widgets need beyond their view: history of live values (trend) and metadata of tags that are
 * not bound props (trend `pens` list). The viewer provides the live store; the editor may provide a simulation.
 */
export interface WidgetEnv {
  live: LiveSource
  tag(path: string): ResolvedTag | undefined
}

export const WIDGET_ENV: InjectionKey<WidgetEnv> = Symbol('takt.widgetEnv')

/**
 * The screen's live text layer (viewer only): a widget whose id `accepts` draws its changing value text there
 * instead of in the DOM (see live/text-layer.ts). Absent in the editor, in faceplates and wherever DOM text is wanted.
 */
export interface TextLayerHost {
  accepts(widgetId: string): boolean
  slot(): TextSlot
  /** An element's box in screen (design) pixels. */
  toScreen(el: Element): SlotRect
}

export const TEXT_LAYER: InjectionKey<TextLayerHost | null> = Symbol('takt.textLayer')
