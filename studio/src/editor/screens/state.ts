/**
 * The screen editor's UI state: selection, zoom, grid and snapping, guides. It lives outside the document
 * (STYLE.md 13) and per screen, so switching screens and back keeps the selection.
 */
import { ref, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import type { Guide } from './geometry'

export interface ScreenUiState {
  selection: ShallowRef<ReadonlySet<string>>
  zoom: Ref<number>
  guides: ShallowRef<readonly Guide[]>
  /** Zoomed to fit once, when first shown. */
  fitted: boolean
}

export const grid = ref(10)
export const snapOn = ref(true)

const states = new Map<string, ScreenUiState>()

export function screenUi(path: string): ScreenUiState {
  let s = states.get(path)
  if (!s) {
    s = { selection: shallowRef(new Set()), zoom: ref(1), guides: shallowRef([]), fitted: false }
    states.set(path, s)
  }
  return s
}

/** Forget UI state of screens that no longer exist (after a rename or delete). */
export function dropScreenUi(path: string): void {
  states.delete(path)
}
