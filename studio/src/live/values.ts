/**
 * Live tag values for the viewer.
 *
 * Values sit in a plain Map (no deep reactivity: a screen of 1,000 widgets at 10 Hz would otherwise pay for
 * proxies on every value). Each tag has one shallow version ref; a widget that reads a tag through `get()` tracks
 * that one ref only, so an update re-renders exactly the widgets that show the tag, once per flush.
 * Trends need every sample rather than the latest: they `listen()` and get called synchronously per update.
 */
import { shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import { Status } from '@takt/blocks'
import type { TagValue } from '@takt/blocks'

interface Entry { v: TagValue; ver: ShallowRef<number> }

export type LiveListener = (v: TagValue) => void

/** What a tag shows before its first value arrives. */
export const WAITING: TagValue = Object.freeze({ value: null, status: Status.BadWaitingForInitialData, sourceTime: 0 })

/** Read access to live values; the editor can provide a simulated one. */
export interface LiveSource {
  /** The tag's current value; tracked by Vue when called in a computed or render. */
  get(path: string): TagValue
  /** Called on every change of the tag; returns the remover. */
  listen(path: string, fn: LiveListener): () => void
}

export class LiveValues implements LiveSource {
  private readonly entries = new Map<string, Entry>()
  private readonly listeners = new Map<string, Set<LiveListener>>()

  private entry(path: string): Entry {
    let e = this.entries.get(path)
    if (!e) {
      e = { v: WAITING, ver: shallowRef(0) }
      this.entries.set(path, e)
    }
    return e
  }

  get(path: string): TagValue {
    const e = this.entry(path)
    void e.ver.value // dependency tracking only
    return e.v
  }

  /** The current value without dependency tracking. */
  peek(path: string): TagValue {
    return this.entries.get(path)?.v ?? WAITING
  }

  set(path: string, v: TagValue): void {
    const e = this.entry(path)
    e.v = v
    e.ver.value++
    const ls = this.listeners.get(path)
    if (ls) for (const fn of [...ls]) fn(v)
  }

  /** Apply one batch of updates from the runtime. */
  apply(rows: readonly { path: string; value: TagValue['value']; status: number; sourceTime: number }[]): void {
    for (const r of rows) this.set(r.path, { value: r.value, status: r.status, sourceTime: r.sourceTime })
  }

  /**
   * The link to the runtime is down: keep the last values but mark them bad, so nothing stale looks good.
   */
  markAllStale(status: number = Status.BadCommunicationError): void {
    for (const [path, e] of this.entries) {
      if (e.v.status !== status) this.set(path, { ...e.v, status })
    }
  }

  /** Forget tags no screen shows any more; a later subscribe starts from WAITING again. */
  forget(paths: Iterable<string>): void {
    for (const p of paths) {
      const e = this.entries.get(p)
      if (!e) continue
      e.v = WAITING
      e.ver.value++
    }
  }

  listen(path: string, fn: LiveListener): () => void {
    let ls = this.listeners.get(path)
    if (!ls) {
      ls = new Set()
      this.listeners.set(path, ls)
    }
    ls.add(fn)
    return () => {
      ls.delete(fn)
      if (ls.size === 0) this.listeners.delete(path)
    }
  }
}
