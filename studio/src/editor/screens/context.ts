/**
 * What the canvas renders widgets with: a BindingContext over the draft's tags and (when connected) live values,
 * a no-op ActionHost for design mode, and a real one for preview (same writes and confirmations as the HMI).
 */
import { computed } from 'vue'
import type { Ref } from 'vue'
import type { ResolvedTag, Role } from '@takt/blocks'
import type { ActionHost } from '../../actions/run'
import { createBindingCompiler } from '../../bindings/expr'
import type { BindingCompiler } from '../../bindings/expr'
import type { BindingContext } from '../../bindings/resolve'
import { WAITING } from '../../live/values'
import type { LiveSource } from '../../live/values'
import type { WidgetEnv } from '../../widgets/inject'
import type { TaktClient } from '../../wire/client'
import type { TagIndex } from '../project/tagIndex'

const NO_LIVE: LiveSource = { get: () => WAITING, listen: () => () => {} }

export interface CanvasContext {
  ctx: BindingContext
  env: WidgetEnv
  compiler: Ref<BindingCompiler>
}

/** The binding context; `tags` and `live` are refs so widgets follow tag edits and the connection state. */
export function canvasContext(tags: Ref<TagIndex>, live: Ref<LiveSource | null>, role: () => Role | null): CanvasContext {
  // One compiler per tag index: its cache is only valid while the set of tags stays the same.
  const compiler = computed<BindingCompiler>(() => {
    const idx = tags.value
    return createBindingCompiler((p) => idx.byPath.has(p))
  })
  const tag = (p: string): ResolvedTag | undefined => tags.value.byPath.get(p)
  const ctx: BindingContext = {
    value: (p) => (live.value ?? NO_LIVE).get(p),
    tag,
    compile: (s) => compiler.value(s),
    get role() { return role() },
  }
  const env: WidgetEnv = {
    live: { get: (p) => (live.value ?? NO_LIVE).get(p), listen: (p, fn) => (live.value ?? NO_LIVE).listen(p, fn) },
    tag,
  }
  return { ctx, env, compiler }
}

/** Design mode: widgets are drawn but do nothing when clicked or typed into. */
export const designHost: ActionHost = {
  tag: () => undefined,
  current: () => WAITING,
  role: null,
  confirm: async () => false,
  write: async () => undefined,
  openScreen: () => {},
  notify: () => {},
}

/** Preview mode: the HMI's real behaviour against the runtime. */
export function previewHost(opts: {
  client: TaktClient
  tags: Ref<TagIndex>
  live: Ref<LiveSource | null>
  role: () => Role | null
  confirm: (m: string) => Promise<boolean>
  notify: (m: string) => void
  openScreen: (name: string) => void
}): ActionHost {
  return {
    tag: (p) => opts.tags.value.byPath.get(p),
    current: (p) => {
      const l = opts.live.value
      return l && 'peek' in l ? (l as LiveSource & { peek(p: string): ReturnType<LiveSource['get']> }).peek(p) : (l ?? NO_LIVE).get(p)
    },
    get role() { return opts.role() },
    confirm: opts.confirm,
    write: (tag, value, confirmed) => opts.client.write(tag, value, confirmed),
    openScreen: opts.openScreen,
    notify: opts.notify,
  }
}
