import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AppBundle, ResolvedTag } from '@takt/blocks'
import { useAppStore } from '../../stores/app'
import { setClient } from '../../wire/instance'
import { alarm } from '../testing/alarms'
import { fakeClient } from '../../wire/fake-socket'
import { TEXT_GROUP, useAlarmStore } from './store'

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
})
afterEach(() => {
  setClient(null)
  vi.useRealTimers()
})

describe('alarm store', () => {
  it('subscribes while held, applies pushed changes, and re-subscribes after a reconnect and a redeploy', async () => {
    const f = fakeClient()
    setClient(f.client)
    const store = useAlarmStore()
    const release = store.acquire()
    f.client.connect()
    await f.handshake()
    const sub = f.sock().last('subscribeAlarms')
    expect(store.stale).toBe(true)
    f.sock().reply({ type: 'alarmList', id: sub.id, alarms: [alarm('T/L:HI'), alarm('T/L:LO', { phase: 'normal', unacknowledged: false })] })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.alarms.map((a) => a.alarmId)).toEqual(['T/L:HI', 'T/L:LO'])
    expect(store.stale).toBe(false)

    f.sock().reply({ type: 'alarmChanges', alarms: [alarm('T/L:HI', { phase: 'acked', unacknowledged: false })] })
    expect(store.alarms.find((a) => a.alarmId === 'T/L:HI')?.phase).toBe('acked')

    // The link drops: the list is stale until the new connection's subscription answers.
    f.sock().close()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.stale).toBe(true)
    await vi.advanceTimersByTimeAsync(20)
    await f.handshake()
    const again = f.sock().last('subscribeAlarms')
    f.sock().reply({ type: 'alarmList', id: again.id, alarms: [alarm('P/F:TRIP', { priority: 1 })] })
    await vi.advanceTimersByTimeAsync(0)
    expect(store.alarms.map((a) => a.alarmId)).toEqual(['P/F:TRIP'])

    f.sock().reply({ type: 'notice', event: 'appChanged' })
    await vi.advanceTimersByTimeAsync(0)
    expect(f.sock().all('subscribeAlarms')).toHaveLength(2)

    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(f.sock().all('unsubscribeAlarms')).toHaveLength(1)
    expect(store.stale).toBe(true)
  })

  it('sends operator actions and reports refusals per alarm', async () => {
    const f = fakeClient()
    setClient(f.client)
    const store = useAlarmStore()
    f.client.connect()
    await f.handshake()
    const done = store.act('shelve', ['A:HI', 'B:HI'], { reason: 'sensor repair', durationMs: 3_600_000 })
    await vi.advanceTimersByTimeAsync(0)
    const m = f.sock().last('alarmAction')
    expect(m).toMatchObject({ action: 'shelve', alarms: ['A:HI', 'B:HI'], reason: 'sensor repair', durationMs: 3_600_000 })
    f.sock().reply({ type: 'alarmResult', id: m.id, results: [{ alarmId: 'A:HI' }, { alarmId: 'B:HI', refused: 'notShelvable' }] })
    await expect(done).resolves.toEqual({ error: null, applied: 1, refused: [{ alarmId: 'B:HI', refused: 'notShelvable' }] })

    const refused = store.act('outOfService', ['A:HI'])
    await vi.advanceTimersByTimeAsync(0)
    f.sock().reply({ type: 'error', id: f.sock().last('alarmAction').id, code: 'E_FORBIDDEN', message: 'no' })
    await expect(refused).resolves.toMatchObject({ error: 'E_FORBIDDEN', applied: 0 })
  })
})

describe('alarm texts', () => {
  it('subscribe the tags their messages name and render them whatever screen is shown', async () => {
    const f = fakeClient()
    setClient(f.client)
    const app = useAppStore()
    app.bundle = {
      manifest: {} as AppBundle['manifest'], screens: [],
      tags: [{ path: 'T/L', name: 'L', dataType: 'REAL', unit: 'm', decimals: 1, alarms: [{ name: 'DEV', kind: 'deviation', setpoint: 'T/SP', high: 1, low: 1, priority: 3, message: 'Level {value} off {T/SP}' }] } as unknown as ResolvedTag],
    }
    const store = useAlarmStore()
    store.acquire()
    f.client.connect()
    await f.handshake()
    const sub = f.sock().last('subscribe')
    expect(sub).toMatchObject({ sub: TEXT_GROUP, tags: ['T/SP'] })
    f.sock().reply({ type: 'subscribed', id: sub.id, sub: TEXT_GROUP, handles: [7], unknown: [] })
    await vi.advanceTimersByTimeAsync(0)
    const a = alarm('T/L:DEV', { value: 4.25 })
    expect(store.message(a)).toBe('Level 4.3 m off ???')
    f.sock().reply({ type: 'updates', t: 0, u: [[7, 2.5, 0, 0]] })
    expect(store.message(a)).toBe('Level 4.3 m off 2.5')
  })
})
