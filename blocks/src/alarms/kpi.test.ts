import { describe, expect, it } from 'vitest'
import { alarmFloods, alarmKpis, annunciationRate, chatteringAlarms, priorityDistribution, staleAlarms, topFrequentAlarms } from './kpi.js'
import type { KpiRecord } from './kpi.js'
import type { AlarmPriority } from './schema.js'

const MIN = 60_000
function rec(time: number, alarmId: string, event = 'activate', extra: Partial<KpiRecord> = {}): KpiRecord {
  const tag = alarmId.split(':')[0]!
  return { time, alarmId, tag, area: tag.split('/')[0]!, priority: 3 as AlarmPriority, event, ...extra }
}

describe('annunciation rate', () => {
  it('counts shown activations per operator per 10-minute window', () => {
    const rs = [rec(0, 'A/x:HI'), rec(MIN, 'A/y:HI'), rec(2 * MIN, 'A/x:HI', 'ack'), rec(11 * MIN, 'A/x:HI'), rec(12 * MIN, 'A/z:HI', 'activate', { hidden: true })]
    const r = annunciationRate(rs, { from: 0, to: 20 * MIN, operators: 2 })
    expect(r.windows).toEqual([{ start: 0, count: 2, perOperator: 1 }, { start: 10 * MIN, count: 1, perOperator: 0.5 }])
    expect(r).toMatchObject({ total: 3, average: 0.75, peak: 1 })
  })

  it('without a span uses clock-aligned windows around the records', () => {
    const r = annunciationRate([rec(25 * MIN, 'a:HI'), rec(5 * MIN, 'b:HI')])
    expect(r.windows.map((w) => [w.start, w.count])).toEqual([[0, 1], [10 * MIN, 0], [20 * MIN, 1]])
    expect(annunciationRate([]).total).toBe(0)
  })
})

describe('floods', () => {
  it('finds windows with more than 10 annunciations and merges adjacent ones', () => {
    const rs: KpiRecord[] = []
    for (let i = 0; i < 11; i++) rs.push(rec(i * 1000, `A/t${i % 3}:HI`)) // window 0: 11 -> flood
    for (let i = 0; i < 12; i++) rs.push(rec(10 * MIN + i * 1000, 'A/t9:HI')) // window 1: 12 -> flood
    for (let i = 0; i < 10; i++) rs.push(rec(30 * MIN + i * 1000, 'A/t8:HI')) // window 3: exactly 10 -> not a flood
    const r = alarmFloods(rs.reverse(), { from: 0, to: 40 * MIN })
    expect(r.floods).toEqual([{ start: 0, end: 20 * MIN, count: 23, top: [{ alarmId: 'A/t9:HI', count: 12 }, { alarmId: 'A/t0:HI', count: 4 }, { alarmId: 'A/t1:HI', count: 4 }, { alarmId: 'A/t2:HI', count: 3 }] }])
    expect(r.timeInFlood).toBe(0.5)
  })
})

describe('chattering', () => {
  it('three activations of one alarm within a minute', () => {
    const rs = [
      rec(0, 'c:HI'), rec(20_000, 'c:HI', 'return'), rec(30_000, 'c:HI'), rec(59_999, 'c:HI'), rec(59_999, 'c:HI', 'return'),
      rec(0, 'd:HI'), rec(30_000, 'd:HI'), rec(60_000, 'd:HI'), // spread over exactly one minute: not chattering
      rec(5000, 'e:HI', 'activate', { hidden: true }), rec(6000, 'e:HI', 'activate', { hidden: true }), rec(7000, 'e:HI'), rec(8000, 'e:HI'),
    ]
    expect(chatteringAlarms(rs)).toEqual([
      { alarmId: 'e:HI', tag: 'e', area: 'e', priority: 3, activations: 4, maxInWindow: 4, firstAt: 7000 },
      { alarmId: 'c:HI', tag: 'c', area: 'c', priority: 3, activations: 3, maxInWindow: 3, firstAt: 59_999 },
    ])
  })
})

describe('stale', () => {
  const H = 3_600_000
  it('alarms shown and not returned for more than 24 h', () => {
    const rs = [
      rec(0, 's:HI'), rec(H, 's:HI', 'ack'),
      rec(0, 'r:HI'), rec(2 * H, 'r:HI', 'return'),
      rec(0, 'h:HI'), rec(H, 'h:HI', 'shelve'),
      rec(0, 'n:HI', 'activate', { hidden: true }),
      rec(10 * H, 'y:HI'),
    ]
    expect(staleAlarms(rs, 25 * H)).toEqual([{ alarmId: 's:HI', tag: 's', area: 's', priority: 3, since: 0, ageMs: 25 * H }])
    expect(staleAlarms(rs, 24 * H)).toEqual([])
    expect(staleAlarms(rs, 40 * H).map((s) => s.alarmId)).toEqual(['s:HI', 'y:HI'])
  })
})

describe('top 10 and priorities', () => {
  it('ranks by annunciations, ties by id', () => {
    const rs: KpiRecord[] = []
    for (let a = 0; a < 12; a++) for (let k = 0; k <= a % 5; k++) rs.push(rec(a * 1000 + k, `t${String(a).padStart(2, '0')}:HI`))
    const top = topFrequentAlarms(rs)
    expect(top).toHaveLength(10)
    expect(top.slice(0, 3).map((t) => [t.alarmId, t.count])).toEqual([['t04:HI', 5], ['t09:HI', 5], ['t03:HI', 4]])
    expect(top[0]!.share).toBeCloseTo(5 / rs.length)
    expect(topFrequentAlarms(rs, 2)).toHaveLength(2)
  })

  it('distribution by priority', () => {
    const rs = [rec(0, 'a:X', 'activate', { priority: 1 }), rec(0, 'b:X', 'activate', { priority: 'diagnostic' }), rec(0, 'c:X'), rec(0, 'c:X', 'ack')]
    expect(priorityDistribution(rs)).toEqual({ '1': 1, '2': 0, '3': 1, '4': 0, diagnostic: 1 })
  })
})

it('alarmKpis bundles everything for one period', () => {
  const k = alarmKpis([rec(0, 'a:HI'), rec(1000, 'a:HI'), rec(2000, 'a:HI')], { from: 0, to: 10 * MIN, now: 10 * MIN })
  expect(k.rate.total).toBe(3)
  expect(k.chattering.map((c) => c.alarmId)).toEqual(['a:HI'])
  expect(k.floods.floods).toEqual([])
  expect(k.top[0]).toMatchObject({ alarmId: 'a:HI', count: 3, share: 1 })
  expect(k.stale).toEqual([])
})
