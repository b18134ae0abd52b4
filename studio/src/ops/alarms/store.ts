/**
 * The alarm list of the runtime, kept current by `subscribeAlarms` (the whole list) and pushed `alarmChanges`.
 * Re-subscribed after every reconnect and after a redeploy (`notice appChanged`), because a new connection or a new
 * APP starts a new subscription on the runtime side. Views use `acquire()`; the feed runs while anyone holds it.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import { qualityOf } from '@takt/blocks'
import type { ActionResult, AlarmActionKind, AlarmView, ErrorCode, TagScalar } from '@takt/blocks'
import { locale } from '../../i18n'
import { useAppStore } from '../../stores/app'
import { useConnectionStore } from '../../stores/connection'
import { useLiveStore } from '../../stores/live'
import { useSessionStore } from '../../stores/session'
import { useClient } from '../../wire/instance'
import { errorCodeOf } from '../../wire/errors'
import { useAccountStore } from '../account/store'
import { createHold } from '../hold'
import { AlarmTexts } from './messages'
import { applyAlarmChanges, replaceAlarms } from './model'
import type { AlarmMap } from './model'

/** Subscription group of the tags that alarm texts read; `@` keeps it apart from screen names. */
export const TEXT_GROUP = '@alarm-texts'

export interface ActionOptions { comment?: string; reason?: string; durationMs?: number; oneShot?: boolean }
/** Outcome of one operator action over several alarms. */
export interface ActionOutcome { error: ErrorCode | null; refused: ActionResult[]; applied: number }

export const useAlarmStore = defineStore('alarms', () => {
  const client = useClient()
  const conn = useConnectionStore()
  const session = useSessionStore()
  const account = useAccountStore()
  const app = useAppStore()
  const live = useLiveStore()

  const map: AlarmMap = markRaw(new Map())
  /** Bumped whenever `map` changes; computeds read it to depend on the set. */
  const version = shallowRef(0)
  /** The first list arrived for the current subscription. */
  const ready = ref(false)
  /** Why the list could not be fetched (e.g. E_FORBIDDEN), null when fine. */
  const error = ref<ErrorCode | null>(null)
  const { holding, acquire } = createHold(() => {
    if (conn.state === 'open' && ready.value) void client.request<'unsubscribeAlarms'>({ type: 'unsubscribeAlarms' }).catch(() => undefined)
  })
  let seq = 0

  const alarms = computed<readonly AlarmView[]>(() => {
    void version.value
    return [...map.values()]
  })
  /** The list is not current: the link is down or not yet subscribed. */
  const stale = computed(() => conn.state !== 'open' || !ready.value)
  const texts = computed(() => new AlarmTexts(app.bundle?.tags ?? []))

  const wanted = () => holding.value && conn.state === 'open' && session.loggedIn && !account.mustChangePassword

  async function subscribe(): Promise<void> {
    const my = ++seq
    try {
      const reply = await client.request<'subscribeAlarms'>({ type: 'subscribeAlarms' })
      if (my !== seq) return
      replaceAlarms(map, reply.alarms)
      version.value++
      ready.value = true
      error.value = null
    } catch (e) {
      if (my === seq) error.value = errorCodeOf(e)
    }
  }

  function sync(): void {
    if (wanted()) {
      void subscribe()
      return
    }
    seq++
    ready.value = false
  }

  watch(() => [holding.value, conn.state, session.loggedIn, account.mustChangePassword] as const, sync)

  // Values of the tags alarm texts name, whatever screen is shown (the client re-subscribes them after a reconnect).
  const refValues = markRaw(new Map<string, TagScalar>())
  /** Bumped when a referenced value changes: whatever rendered a message depends on it, the alarm list does not. */
  const textVersion = shallowRef(0)
  let refSet: ReadonlySet<string> = new Set()
  watch(() => [holding.value, session.loggedIn, account.mustChangePassword, texts.value] as const, ([hold, loggedIn, mustChange, tx]) => {
    const refs = hold && loggedIn && !mustChange ? tx.refs() : []
    refSet = new Set(refs)
    for (const p of refValues.keys()) if (!refSet.has(p)) refValues.delete(p)
    if (refs.length > 0) void client.subscribe(TEXT_GROUP, refs).catch(() => undefined)
    else if (client.activeGroups().has(TEXT_GROUP)) void client.unsubscribe(TEXT_GROUP).catch(() => undefined)
  })
  client.onUpdates.on((rows) => {
    if (refSet.size === 0) return
    let hit = false
    for (const r of rows) {
      if (!refSet.has(r.path)) continue
      refValues.set(r.path, qualityOf(r.status) === 'bad' ? null : r.value)
      hit = true
    }
    if (hit) textVersion.value++
  })
  client.onNotice.on((n) => { if (n.event === 'appChanged' && wanted()) void subscribe() })
  client.onAlarmChanges.on((m) => {
    if (!ready.value || !Array.isArray(m.alarms)) return
    if (applyAlarmChanges(map, m.alarms) > 0) version.value++
  })

  /** Runs an operator action on alarms; refusals per alarm come back in `refused`. */
  async function act(action: AlarmActionKind, ids: readonly string[], opts: ActionOptions = {}): Promise<ActionOutcome> {
    try {
      const r = await client.request<'alarmAction'>({ type: 'alarmAction', action, alarms: [...ids], ...opts })
      const refused = r.results.filter((x) => x.refused !== undefined)
      return { error: null, refused, applied: r.results.length - refused.length }
    } catch (e) {
      return { error: errorCodeOf(e), refused: [], applied: 0 }
    }
  }

  /** The operator text of an alarm in the current language, with other tags' values where the screen has them. */
  function message(a: AlarmView): string {
    void textVersion.value
    return texts.value.message(a, locale.value, (p) => (refValues.has(p) ? refValues.get(p) ?? null : live.values.peek(p).value))
  }

  return { alarms, version, ready, stale, error, texts, acquire, act, message }
})
