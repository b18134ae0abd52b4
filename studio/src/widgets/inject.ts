import type { InjectionKey } from 'vue'
import type { LiveSource } from '../live/values'

/** Trends read history through this; the viewer provides the live store, the editor may provide a simulation. */
export const LIVE_SOURCE: InjectionKey<LiveSource> = Symbol('takt.liveSource')
