import { describe, expect, it } from 'vitest'
import { Status } from '../quality.js'
import { createAlarmEngine } from './engine.js'
import { queryJournal } from './journal.js'
import type { AlarmJournalEntry } from './journal.js'
import { AlarmSnapshot } from './store.js'
import { Plant, def } from './__tests__/plant.js'

const op = (now: number, comment?: string) => ({ user: 'op1', now, ...(comment ? { comment } : {}) })

function area(): Plant {
  return new Plant({ 'A1/T1/L': 0, 'A1/T2/L': 0, 'A2/P1/Trip': false }, {
    'A1/T1/L': [def('hi', { limit: 10, priority: 3 }), def('hihi', { limit: 20, priority: 1, latched: true })],
    'A1/T2/L': [def('hi', { limit: 10, priority: 2, shelvable: false, maxShelveMs: 60_000 })],
    'A2/P1/Trip': [def('discrete', { priority: 'diagnostic', area: 'Utilities' })],
  })
}

describe('operator actions', () => {
  it('ack by id or index, with per-alarm results and refusals', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 25 }).scan(10)
    const r = p.engine.ack(['A1/T1/L:HI', p.engine.indexOf('A1/T1/L:HIHI')!, 'A1/T2/L:HI', 'nope', 99], op(20, 'on it'))
    expect(r).toEqual([
      { alarmId: 'A1/T1/L:HI' }, { alarmId: 'A1/T1/L:HIHI' }, { alarmId: 'A1/T2/L:HI', refused: 'notUnacknowledged' },
      { alarmId: 'nope', refused: 'unknownAlarm' }, { alarmId: '99', refused: 'unknownAlarm' },
    ])
    const j = p.engine.drainJournal()
    expect(j.map((e) => [e.alarmId, e.event, e.user, e.comment, e.value])).toEqual([
      ['A1/T1/L:HI', 'ack', 'op1', 'on it', 25], ['A1/T1/L:HIHI', 'ack', 'op1', 'on it', 25],
    ])
    expect(j[0]).toMatchObject({ tag: 'A1/T1/L', area: 'A1/T1', priority: 3, kind: 'hi', from: 'unack', to: 'acked', time: 20 })
  })

  it('latched reset after ack and return', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 25 }).scan(10)
    expect(p.engine.reset(['A1/T1/L:HIHI'], op(11))[0]?.refused).toBe('notResettable')
    p.engine.ack(['A1/T1/L:HIHI'], op(12))
    p.set({ 'A1/T1/L': 0 }).scan(13)
    expect(p.phase('A1/T1/L:HIHI')).toBe('latched')
    expect(p.engine.reset(['A1/T1/L:HIHI', 'A1/T1/L:HI'], op(14))).toEqual([{ alarmId: 'A1/T1/L:HIHI' }, { alarmId: 'A1/T1/L:HI', refused: 'notLatched' }])
    expect(p.phase('A1/T1/L:HIHI')).toBe('normal')
  })

  it('shelve expires through evaluate; not-shelvable alarms refuse', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 15, 'A1/T2/L': 15 }).scan(10)
    expect(p.engine.shelve(['A1/T1/L:HI', 'A1/T2/L:HI'], { ...op(20), reason: 'maintenance', durationMs: 1000 }))
      .toEqual([{ alarmId: 'A1/T1/L:HI' }, { alarmId: 'A1/T2/L:HI', refused: 'notShelvable' }])
    p.engine.drainJournal()
    expect(p.engine.query.banner().map((v) => v.alarmId)).toEqual(['A1/T2/L:HI'])
    expect(p.scan(1019)).toEqual([])
    expect(p.scan(1020)).toEqual(['A1/T1/L:HI shelveExpired>normal', 'A1/T1/L:HI activate>unack'])
  })

  it('out of service and back', () => {
    const p = area()
    p.scan(0)
    p.engine.setOutOfService(['A2/P1/Trip:DISCRETE'], true, op(1, 'sensor removed'))
    expect(p.engine.drainJournal()).toMatchObject([{ event: 'outOfService', comment: 'sensor removed', hidden: true }])
    expect(p.set({ 'A2/P1/Trip': true }).scan(2)).toEqual([])
    expect(p.engine.query.list({ outOfService: true }).map((v) => v.alarmId)).toEqual(['A2/P1/Trip:DISCRETE'])
    expect(p.engine.setOutOfService(['A2/P1/Trip:DISCRETE'], false, op(3))).toEqual([{ alarmId: 'A2/P1/Trip:DISCRETE' }])
    expect(p.engine.drainJournal().map((e) => `${e.event}>${e.to}`)).toEqual(['returnToService>normal', 'activate>unack'])
  })
})

describe('queries', () => {
  it('journal queries by time, area, priority, tag, event and visibility', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 25, 'A2/P1/Trip': true }).evaluate(10)
    p.engine.shelve(['A1/T1/L:HI'], { ...op(20), reason: 'r', durationMs: 1000 })
    p.set({ 'A1/T1/L': 0 }).evaluate(30)
    const all: AlarmJournalEntry[] = p.engine.drainJournal()
    const ids = (q: Parameters<typeof queryJournal>[1], limit?: number) => queryJournal(all, q, limit).map((e) => `${e.time} ${e.alarmId} ${e.event}`)
    expect(ids({ areas: ['A1'], events: ['activate'] })).toEqual(['10 A1/T1/L:HI activate', '10 A1/T1/L:HIHI activate'])
    expect(ids({ from: 20, tags: ['A1/T1/L'] })).toEqual(['30 A1/T1/L:HI return', '30 A1/T1/L:HIHI return', '20 A1/T1/L:HI shelve'])
    expect(ids({ from: 20, shownOnly: true })).toEqual(['30 A1/T1/L:HIHI return'])
    expect(ids({ maxRank: 1, to: 30 })).toEqual(['10 A1/T1/L:HIHI activate'])
    expect(ids({ priorities: ['diagnostic'] })).toEqual(['10 A2/P1/Trip:DISCRETE activate'])
    expect(ids({}, 1)).toHaveLength(1)
  })

  it('banner: unacknowledged only, priority first, newest first within a priority', () => {
    const p = new Plant({ a: 0, b: 0, c: 0, d: 0 }, {
      a: [def('hi', { limit: 1, priority: 3 })], b: [def('hi', { limit: 1, priority: 1 })],
      c: [def('hi', { limit: 1, priority: 3 })], d: [def('hi', { limit: 1, priority: 'diagnostic' })],
    })
    p.scan(0)
    p.set({ d: 5 }).scan(1)
    p.set({ a: 5 }).scan(2)
    p.set({ c: 5 }).scan(3)
    p.set({ b: 5 }).scan(4)
    expect(p.engine.query.banner().map((v) => v.tag)).toEqual(['b', 'c', 'a', 'd'])
    expect(p.engine.query.banner(2).map((v) => v.tag)).toEqual(['b', 'c'])
    p.engine.ack(['b:HI'], op(5))
    expect(p.engine.query.banner().map((v) => v.tag)).toEqual(['c', 'a', 'd'])
    expect(p.engine.query.active().map((v) => v.tag)).toEqual(['b', 'c', 'a', 'd'])
  })

  it('filters by area (with sub-areas), priority, phase, tag prefix and state; counts', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 15, 'A2/P1/Trip': true }).scan(10)
    p.engine.ack(['A1/T1/L:HI'], op(11))
    const ids = (f: Parameters<typeof p.engine.query.list>[0]) => p.engine.query.list(f).map((v) => v.alarmId)
    expect(ids({ areas: ['A1'] })).toEqual(['A1/T1/L:HIHI', 'A1/T2/L:HI', 'A1/T1/L:HI'])
    expect(ids({ areas: ['Utilities'] })).toEqual(['A2/P1/Trip:DISCRETE'])
    expect(ids({ priorities: ['diagnostic', 3] })).toEqual(['A1/T1/L:HI', 'A2/P1/Trip:DISCRETE'])
    expect(ids({ phases: ['acked'] })).toEqual(['A1/T1/L:HI'])
    expect(ids({ tagPrefix: 'A1/T1', active: true })).toEqual(['A1/T1/L:HI'])
    expect(ids({ unacknowledged: true })).toEqual(['A2/P1/Trip:DISCRETE'])
    expect(ids({ tagPrefix: 'A1/T' })).toEqual([])
    expect(p.engine.query.counts()).toEqual({ total: 4, annunciated: 2, unacknowledged: 1, active: 2, shelved: 0, suppressed: 0, outOfService: 0, byPriority: [0, 0, 1, 0, 1] })
    expect(p.engine.query.get('A1/T1/L:HI')).toMatchObject({ name: 'HI', kind: 'hi', phase: 'acked', active: true, value: 15, since: 11, activeSince: 10 })
    expect(p.engine.query.get('missing')).toBeUndefined()
  })
})

describe('snapshot and restore', () => {
  it('round-trips every state through JSON; timers resume at their absolute times', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T1/L': 25, 'A1/T2/L': 15 }).scan(10)
    p.engine.ack(['A1/T1/L:HIHI'], op(11))
    p.engine.shelve(['A1/T1/L:HI'], { ...op(12), reason: 'noisy', durationMs: 5000 })
    p.engine.setOutOfService(['A2/P1/Trip:DISCRETE'], true, op(13))
    const snap = JSON.parse(JSON.stringify(p.engine.snapshot(14))) as unknown
    expect(AlarmSnapshot.safeParse(snap).success).toBe(true)

    const q = area()
    const r = q.engine.restore(snap, 100)
    expect(r).toEqual({ ok: true, restored: 4, unknown: [] })
    const strip = (pl: Plant) => pl.engine.query.list().map(({ value: _v, ...rest }) => rest)
    expect(strip(q)).toEqual(strip(p))
    // Same values after the restart: nothing new to say until the shelve ends.
    q.set({ 'A1/T1/L': 25, 'A1/T2/L': 15 })
    expect(q.scan(200)).toEqual([])
    expect(q.scan(5012)).toEqual(['A1/T1/L:HI shelveExpired>normal', 'A1/T1/L:HI activate>unack'])
  })

  it('leaves default states out, reports unknown ids and refuses malformed snapshots', () => {
    const p = area()
    p.scan(0)
    expect(p.engine.snapshot(1).alarms).toEqual({})
    p.set({ 'A1/T2/L': 15 }).scan(2)
    const snap = p.engine.snapshot(3)
    expect(Object.keys(snap.alarms)).toEqual(['A1/T2/L:HI'])
    const extra = { ...snap, alarms: { ...snap.alarms, 'Gone/Tag:HI': snap.alarms['A1/T2/L:HI']! } }
    const q = area()
    expect(q.engine.restore(extra, 5)).toEqual({ ok: true, restored: 1, unknown: ['Gone/Tag:HI'] })
    const bad = q.engine.restore({ format: 2, time: 0, alarms: {} }, 5)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', path: '$.format' })
  })

  it('a restart that finds the condition gone returns the alarm', () => {
    const p = area()
    p.scan(0)
    p.set({ 'A1/T2/L': 15 }).scan(2)
    const q = area()
    q.engine.restore(p.engine.snapshot(3), 10)
    expect(q.scan(10)).toEqual(['A1/T2/L:HI return>rtnUnack'])
  })
})

describe('engine mechanics', () => {
  it('evaluates only alarms on changed tags', () => {
    const p = area()
    p.scan(0)
    let reads = 0
    p.set({ 'A1/T2/L': 1 })
    p.engine.evaluate(1, (i) => { reads++; return p.values[i]! }, () => Status.Good)
    expect(reads).toBe(1)
    reads = 0
    p.engine.evaluate(2, (i) => { reads++; return p.values[i]! }, () => Status.Good)
    expect(reads).toBe(0)
  })

  it('bounds the journal and counts what it dropped', () => {
    const p = new Plant({ x: 0 }, { x: [def('hi', { limit: 1 })] }, { journalCapacity: 16 })
    p.scan(0)
    for (let t = 1; t <= 40; t++) p.set({ x: t % 2 ? 5 : 0 }).engine.evaluate(t, (i) => p.values[i]!, () => Status.Good)
    expect(p.engine.journalDropped).toBe(24)
    const j = p.engine.drainJournal()
    expect(j).toHaveLength(16)
    expect(j[0]!.time).toBe(25)
    expect(p.engine.drainJournal()).toEqual([])
  })

  it('drainChanged lists each changed alarm once', () => {
    const p = area()
    p.scan(0)
    expect(p.engine.drainChanged()).toEqual([])
    p.set({ 'A1/T1/L': 25 }).scan(1)
    p.engine.ack(['A1/T1/L:HI'], op(2))
    expect(p.engine.drainChanged().sort()).toEqual([p.engine.indexOf('A1/T1/L:HI'), p.engine.indexOf('A1/T1/L:HIHI')].sort())
    expect(p.engine.drainChanged()).toEqual([])
  })

  it('refuses duplicate ids, unknown setpoint tags and bad expressions with diagnostics', () => {
    const r = createAlarmEngine([
      { tag: 'a', tagIndex: 0, def: def('hi', { limit: 1 }) },
      { tag: 'a', tagIndex: 0, def: def('hi', { limit: 2 }) },
      { tag: 'b', tagIndex: 1, def: def('deviation', { setpoint: 'nope', high: 1 }) },
      { tag: 'c', tagIndex: 2, def: def('hi', { limit: 1, suppressedBy: '{x} +' }) },
      { tag: 'd', tagIndex: 3, def: def('hi', { limit: 1, suppressedBy: '{unknown/tag}' }) },
      { tag: 'e', tagIndex: -1, def: def('hi', { limit: 1 }) },
    ], { resolveTag: (p) => (p === 'x' ? 9 : undefined) })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
        ['E_DUPLICATE', 'a:HI'], ['E_REFERENCE', 'b:DEVIATION'], ['E_EXPR_SYNTAX', 'c:HI.suppressedBy'],
        ['E_EXPR_UNKNOWN_TAG', 'd:HI.suppressedBy'], ['E_REFERENCE', 'e:HI'],
      ])
    }
  })

  it('ignores markChanged for tags no alarm reads', () => {
    const p = area()
    p.engine.markChanged(1000)
    p.engine.markChanged(-1)
    expect(p.scan(0)).toEqual([])
  })
})
