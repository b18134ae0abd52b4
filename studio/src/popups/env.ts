/**
 * What a screen canvas needs to show popups: where screens come from and how popup tags are subscribed. The
 * viewer builds it over the APP bundle and its live store; the editor's preview over the draft.
 */
import type { Screen, SubscribedMsg } from '@takt/blocks'
import type { BindingCompiler } from '../bindings/expr'
import type { PopupLive } from './live'

export interface PopupEnv extends PopupLive {
  /** A screen of the APP by name. */
  screen(name: string): Screen | undefined
  /** The current binding compiler (read each time: it changes with the tag set). */
  readonly compile: BindingCompiler
  /** At most this many popups at once (default DEFAULT_POPUP_LIMIT). */
  limit?: number
}

/** The part of the wire client popups use. */
export interface PopupClient {
  subscribe(sub: string, tags: string[]): Promise<SubscribedMsg | null>
  unsubscribe(sub: string): Promise<void>
}

/**
 * A PopupEnv over the wire client: popup groups are named `<prefix>popup:<id>`. `unknown` hears tags the runtime
 * does not know; `forget` the tags no longer shown once a popup closes.
 */
export function clientPopupEnv(opts: {
  client: PopupClient
  screen: (name: string) => Screen | undefined
  compile: () => BindingCompiler
  prefix?: string
  unknown?: (paths: readonly string[]) => void
  forget?: (paths: readonly string[]) => void
}): PopupEnv {
  const prefix = opts.prefix ?? ''
  return {
    screen: opts.screen,
    get compile() { return opts.compile() },
    subscribe(sub, tags) {
      // Offline the client keeps the group and sends it after reconnecting; other failures leave values waiting.
      opts.client.subscribe(prefix + sub, tags).then((reply) => {
        if (reply && reply.unknown.length > 0) opts.unknown?.(reply.unknown)
      }, () => undefined)
    },
    unsubscribe(sub, drop) {
      opts.forget?.(drop)
      void opts.client.unsubscribe(prefix + sub).catch(() => undefined)
    },
  }
}
