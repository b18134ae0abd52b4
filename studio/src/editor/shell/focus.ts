/**
 * "Go to this problem": the problems panel sets a focus target (file + JSON path); the editor showing that file
 * selects what the path points at (a widget, a block, a tag). Provided by the editor shell; any editor may inject.
 */
import type { InjectionKey, ShallowRef } from 'vue'

export interface FocusTarget {
  file: string
  /** JSON path like `$.widgets[3].bindings.value`. */
  path?: string
  /** Source position (Structured Text diagnostics), 1-based. */
  line?: number
  column?: number
  /** Increments per request, so focusing the same place twice still reacts. */
  seq: number
}

export const EDITOR_FOCUS: InjectionKey<ShallowRef<FocusTarget | null>> = Symbol('takt.editorFocus')
