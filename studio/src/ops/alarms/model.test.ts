import { describe, expect, it } from 'vitest'
import { alarm } from '../testing/alarms'
import {
  alarmTime, applyAlarmChanges, areasOf, availableActions, bannerAlarms, countByPriority, matchesFilter, mostSevere, replaceAlarms,
  summaryRows,
} from './model'
import type { AlarmMap } from './model'
import { priorityMark } from './shapes'
import { stateKey } from './state'

const normal = { phase: 'normal' as const, active: false, unacknowledged: false }
const acked = { phase: 'acked' as const, unacknowledged: false }

describe('alarm set reducer', () => {
  it('replaces the list, then applies changes by id and counts real changes only', () => {
    const m: AlarmMap = new Map()
    replaceAlarms(m, [alarm('T/L:HI'), alarm('T/L:LO', normal)])
    expect([...m.keys()]).toEqual(['T/L:HI', 'T/L:LO'])
    expect(applyAlarmChanges(m, [alarm('T/L:HI')])).toBe(0)
    expect(applyAlarmChanges(m, [alarm('T/L:HI', acked), alarm('P/F:TRIP', { priority: 1 })])).toBe(2)
    expect(m.get('T/L:HI')?.phase).toBe('acked')
    expect(m.size).toBe(3)
    replaceAlarms(m, [alarm('X:A')])
    expect([...m.keys()]).toEqual(['X:A'])
  })
})

describe('banner', () => {
  it('lists unacknowledged alarms: priority first, newest first within a priority', () => {
    const list = [
      alarm('A:3old', { priority: 3, since: 100 }),
      alarm('B:2new', { priority: 2, since: 300 }),
      alarm('C:1', { priority: 1, since: 50 }),
      alarm('D:2old', { priority: 2, since: 200 }),
      alarm('E:acked', { priority: 1, since: 999, ...acked }),
      alarm('F:diag', { priority: 'diagnostic', since: 1000 }),
      alarm('G:rtn', { priority: 3, since: 400, phase: 'rtnUnack', active: false }),
    ]
    expect(bannerAlarms(list).map((a) => a.alarmId)).toEqual(['C:1', 'B:2new', 'D:2old', 'G:rtn', 'A:3old', 'F:diag'])
    expect(bannerAlarms(list, 2).map((a) => a.alarmId)).toEqual(['C:1', 'B:2new'])
  })

  it('counts unacknowledged and shown alarms per priority', () => {
    const c = countByPriority([alarm('a', { priority: 1 }), alarm('b', { priority: 1, ...acked }), alarm('c', { priority: 4, ...normal }), alarm('d', { priority: 'diagnostic' })])
    expect(c.map((x) => [x.priority, x.unacknowledged, x.annunciated])).toEqual([[1, 1, 2], [2, 0, 0], [3, 0, 0], [4, 0, 0], ['diagnostic', 1, 1]])
  })
})

describe('summary', () => {
  const list = [
    alarm('Area1/Tank1/Level:HI', { priority: 2, since: 500 }),
    alarm('Area1/Tank1/Level:LO', { priority: 3, since: 900, ...acked }),
    alarm('Area2/Pump1/Fault:TRIP', { priority: 1, since: 100, phase: 'latched', active: false, unacknowledged: false }),
    alarm('Area2/Pump1/Current:HI', { priority: 3, ...normal, shelved: 'timed', shelvedUntil: 5000 }),
    alarm('Area1/Mixer/Speed:DEV', { priority: 4, ...normal, outOfService: true }),
  ]

  it('shows annunciated alarms by default, most important first', () => {
    expect(summaryRows(list, {}, null).map((a) => a.alarmId)).toEqual(['Area2/Pump1/Fault:TRIP', 'Area1/Tank1/Level:HI', 'Area1/Tank1/Level:LO'])
  })

  it('filters by area (whole segments), priority, state and text', () => {
    expect(summaryRows(list, { area: 'Area1' }, null)).toHaveLength(2)
    expect(summaryRows(list, { area: 'Area' }, null)).toHaveLength(0)
    expect(summaryRows(list, { priority: 3, state: 'all' }, null).map((a) => a.alarmId)).toEqual(['Area2/Pump1/Current:HI', 'Area1/Tank1/Level:LO'])
    expect(summaryRows(list, { state: 'shelved' }, null).map((a) => a.name)).toEqual(['HI'])
    expect(summaryRows(list, { state: 'outOfService' }, null).map((a) => a.name)).toEqual(['DEV'])
    expect(summaryRows(list, { state: 'latched' }, null).map((a) => a.name)).toEqual(['TRIP'])
    expect(summaryRows(list, { state: 'unacknowledged' }, null).map((a) => a.name)).toEqual(['HI'])
    expect(matchesFilter(list[0]!, { text: 'tank1/level' })).toBe(true)
    expect(matchesFilter(list[0]!, { text: 'pump' })).toBe(false)
  })

  it('sorts by a column in both directions, ties in importance order', () => {
    expect(summaryRows(list, {}, { key: 'time', desc: false }).map((a) => a.since)).toEqual([100, 500, 900])
    expect(summaryRows(list, {}, { key: 'time', desc: true }).map((a) => a.since)).toEqual([900, 500, 100])
    expect(summaryRows(list, {}, { key: 'tag', desc: false }).map((a) => a.name)).toEqual(['HI', 'LO', 'TRIP'])
    expect(summaryRows(list, {}, { key: 'state', desc: false }).map((a) => a.name)).toEqual(['HI', 'TRIP', 'LO'])
    expect(summaryRows(list, { state: 'all' }, { key: 'priority', desc: true }).map((a) => a.priority)).toEqual([4, 3, 3, 2, 1])
  })

  it('shows the annunciation time until acknowledged, then the condition time', () => {
    expect(alarmTime(alarm('a', { since: 50, activeSince: 40 }))).toBe(50)
    expect(alarmTime(alarm('a', { since: 90, activeSince: 40, ...acked }))).toBe(40)
  })

  it('lists areas with their parents', () => {
    expect(areasOf(list)).toEqual(['Area1', 'Area1/Mixer', 'Area1/Tank1', 'Area2', 'Area2/Pump1'])
  })

  it('offers only the actions that apply to the selection', () => {
    expect(availableActions([list[0]!])).toEqual({ ack: true, shelve: true, unshelve: false, reset: false, outOfService: true, returnToService: false })
    expect(availableActions([list[2]!, list[3]!])).toMatchObject({ ack: false, reset: true, unshelve: true })
    expect(availableActions([list[4]!])).toMatchObject({ shelve: false, returnToService: true })
    expect(availableActions([])).toMatchObject({ ack: false, shelve: false })
  })
})

describe('equipment indicator', () => {
  it('shows the most severe annunciated alarm of a tag or folder, none when all are normal', () => {
    const list = [
      alarm('Pump1/Current:HI', { priority: 3, since: 900 }),
      alarm('Pump1/Fault:TRIP', { priority: 1, since: 100, ...acked }),
      alarm('Pump1/Fault:COMM', { priority: 1, since: 50 }),
      alarm('Pump10/Fault:TRIP', { priority: 1, since: 5000 }),
      alarm('Tank1/Level:HI', { priority: 2, ...normal }),
    ]
    expect(mostSevere(list, 'Pump1')?.alarmId).toBe('Pump1/Fault:COMM') // unacknowledged before acknowledged
    expect(mostSevere(list, 'Pump1/Current')?.alarmId).toBe('Pump1/Current:HI')
    expect(mostSevere(list, 'Tank1/Level')).toBeUndefined()
    expect(mostSevere(list, 'Pump')).toBeUndefined()
  })
})

describe('marks and state texts', () => {
  it('gives each priority its own shape, colour and number', () => {
    const marks = ([1, 2, 3, 4, 'diagnostic'] as const).map(priorityMark)
    expect(marks.map((m) => m.shape)).toEqual(['triangleDown', 'diamond', 'square', 'circle', 'hexagon'])
    expect(marks.map((m) => m.text)).toEqual(['1', '2', '3', '4', 'D'])
    expect(new Set(marks.map((m) => m.fill)).size).toBe(5)
    expect(new Set(marks.map((m) => m.path)).size).toBe(5)
    expect(marks[0]!.fill).toBe('#e00000')
  })

  it('names hidden states before the annunciation phase', () => {
    expect(stateKey(alarm('a'))).toBe('ops.state.unack')
    expect(stateKey(alarm('a', { phase: 'rtnUnack' }))).toBe('ops.state.rtnUnack')
    expect(stateKey(alarm('a', { ...normal, shelved: 'oneShot' }))).toBe('ops.state.shelvedOneShot')
    expect(stateKey(alarm('a', { ...normal, outOfService: true, shelved: 'timed' }))).toBe('ops.state.outOfService')
    expect(stateKey(alarm('a', { ...normal, suppressed: true }))).toBe('ops.state.suppressed')
  })
})
