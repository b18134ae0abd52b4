/**
 * What a `faceplate` widget needs from its host, beyond the view every widget gets: the template's faceplate,
 * and the binding context and action host to run the faceplate's inner widgets as the screen runs its own.
 * The viewer provides it from the APP bundle; the editor may provide one over the draft (with `host: null`).
 */
import type { InjectionKey } from 'vue'
import type { Faceplate } from '@takt/blocks'
import type { ActionHost } from '../../actions/run'
import type { BindingContext } from '../../bindings/resolve'

/** Looks up a template's faceplate by template name. */
export type FaceplateLookup = (template: string) => Faceplate | undefined

export interface FaceplateEnv {
  faceplate: FaceplateLookup
  ctx: BindingContext
  /** Runs writes and click actions of inner widgets; null where nothing is operated (editor canvas). */
  host: ActionHost | null
}

export const FACEPLATE_ENV: InjectionKey<FaceplateEnv> = Symbol('takt.faceplateEnv')
