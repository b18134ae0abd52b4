/**
 * The contract between the widget set and the two faces that host it (viewer now, editor later).
 * A widget component is presentational: it gets a resolved `view` and an `actions` object and nothing else
 * (trends also inject a LiveSource for history). Hosts decide where values come from and what a write does.
 */
import type { Component } from 'vue'
import type { Quality, ResolvedTag, TagScalar, WidgetType } from '@takt/blocks'

/** Text in both UI languages, for palette and inspector labels. */
export interface UiText { en: string; 'zh-CN': string }

/**
 * - `text`: LocalText (string or per-locale object)
 * - `tag`: a tag path the widget itself works with (trend pens): a `{tag}` binding gives the path, not the value
 * - `tagList`: a list of tag paths (static only)
 * - `value`: any scalar, usually bound to a tag
 */
export type PropType = 'string' | 'text' | 'number' | 'boolean' | 'enum' | 'color' | 'value' | 'tag' | 'tagList'

export interface PropSpec {
  name: string
  type: PropType
  label: UiText
  default?: unknown
  /** May carry a binding (`{tag}` or `{expr}`). */
  bindable: boolean
  /** For `enum`. */
  options?: readonly string[]
  /** The widget writes to the tag bound to this property (toggle, setpoint). */
  writes?: boolean
}

/** A widget type's metadata, without its component. */
export interface WidgetSpec {
  type: WidgetType
  name: UiText
  defaultSize: { w: number; h: number }
  props: readonly PropSpec[]
  /** Events the widget raises, e.g. `click` for a button. */
  events: readonly string[]
}

export interface WidgetMeta extends WidgetSpec { component: Component }

/** What a widget renders from: all values already resolved (static, tag or expression). */
export interface WidgetView {
  id: string
  w: number
  h: number
  /** Property values with defaults applied. */
  p: Record<string, unknown>
  /** Quality of each bound property; static properties have no entry. */
  q: Record<string, Quality>
  /** Tag metadata (unit, range, limits, decimals, access) of properties bound with `{tag}`. */
  tags: Record<string, ResolvedTag>
  /** Tag path of properties bound with `{tag}`. */
  paths: Record<string, string>
  /** Per property bound to a tag: whether the current user may write that tag. */
  writable: Record<string, boolean>
  /** The widget has click actions and the user may run all of them. */
  clickable: boolean
  /** Display problem (e.g. an expression that does not compile), shown instead of silently wrong values; undefined when none. */
  errors: Record<string, string | undefined>
}

/** What a widget may ask of its host. The editor passes no-ops. */
export interface WidgetActions {
  /** Write `value` to the tag bound to `prop`; resolves true when the runtime accepted it. */
  write(prop: string, value: TagScalar): Promise<boolean>
  /** Run the widget's `click` actions. */
  click(): Promise<void>
}

export interface WidgetProps { view: WidgetView; actions: WidgetActions }
