import { describe, expect, it } from 'vitest'
import type { SubscribedMsg } from '@takt/blocks'
import { PinMonitor, formatPinValue, monitorGroup, monitorPaths, pinPath } from './monitor'
import type { MonitorClient, MonitorState } from './monitor'
import { prog } from './fixtures'

function fakeClient(unknownAll = false) {
  const calls: string[] = []
  const client: MonitorClient = {
    async subscribe(sub, tags) {
      calls.push(`sub ${sub} ${tags.length}`)
      const reply: SubscribedMsg = { type: 'subscribed', id: 1, sub, handles: tags.map((_, i) => (unknownAll ? -1 : i)), unknown: unknownAll ? tags : [] }
      return reply
    },
    async unsubscribe(sub) { calls.push(`unsub ${sub}`) },
  }
  return { client, calls }
}

const p = prog([{ id: 'ton', type: 'TON' }, { id: 'x', type: 'TAG_IN', params: { tag: 'A/X' } }, { id: 'u', type: 'UNKNOWN_T' }])

describe('online monitoring', () => {
  it('subscribes every pin of the visible blocks as @program paths', () => {
    expect(pinPath('p', 'ton', 'Q')).toBe('@program/p/ton.Q')
    expect(monitorGroup('p')).toBe('logic:p')
    expect(monitorPaths(p)).toEqual(['@program/p/ton.ET', '@program/p/ton.IN', '@program/p/ton.PT', '@program/p/ton.Q', '@program/p/x.OUT'])
    expect(monitorPaths(p, new Set(['x']))).toEqual(['@program/p/x.OUT'])
  })

  it('keeps one group in step, skips unchanged lists, unsubscribes on stop', async () => {
    const { client, calls } = fakeClient()
    const states: MonitorState[] = []
    const m = new PinMonitor(client, 'logic:p', (s) => states.push(s))
    await m.set(['a', 'b'])
    await m.set(['a', 'b'])
    await m.set(['a'])
    await m.stop()
    await m.stop()
    expect(calls).toEqual(['sub logic:p 2', 'sub logic:p 1', 'unsub logic:p'])
    expect(states).toEqual(['pending', 'on', 'pending', 'on', 'off'])
  })

  it('says when the runtime does not run the program', async () => {
    const { client } = fakeClient(true)
    let last: MonitorState = 'off'
    await new PinMonitor(client, 'g', (s) => { last = s }).set(['@program/p/ton.Q'])
    expect(last).toBe('notDeployed')
  })

  it('formats values as PLC IDEs do', () => {
    const v = (value: number | boolean | null) => ({ value, status: 0, sourceTime: 0 })
    expect(formatPinValue(v(true), 'BOOL')).toBe('TRUE')
    expect(formatPinValue(v(0), 'BOOL')).toBe('FALSE')
    expect(formatPinValue(v(1500), 'TIME')).toBe('T#1s500ms')
    expect(formatPinValue(v(2.123456), 'REAL')).toBe('2.123')
    expect(formatPinValue(v(null), 'REAL')).toBe('?')
  })
})
