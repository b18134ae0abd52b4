import { describe, expect, it } from 'vitest'
import { Status, type ResolvedTag } from '@takt/blocks'
import { TagDb } from './tagdb.js'
import { attachDerivedTags } from './derived.js'
import { TagWriter } from './write.js'

const tag = (path: string, extra: Partial<ResolvedTag> = {}): ResolvedTag => ({
  path, name: path.split('/').pop()!, dataType: 'REAL', source: { kind: 'memory', initial: 0 }, ...extra,
})

describe('TagDb', () => {
  it('records changes once per commit and applies the deadband', () => {
    const db = new TagDb([tag('A/x', { deadband: 0.5 }), tag('A/b', { dataType: 'BOOL', source: { kind: 'memory' } })], () => 1000)
    const batches: number[][] = []
    db.onChange((ids) => batches.push([...ids]))
    expect(db.set(0, 0.2, Status.Good, 1)).toBe(false) // inside deadband
    expect(db.set(0, 0.6, Status.Good, 2)).toBe(true)
    // The deadband is measured from the last value kept (0.6), so a slow drift is not lost forever.
    expect(db.set(0, 0.7, Status.Good, 3)).toBe(false)
    expect(db.set(0, 1.2, Status.Good, 3)).toBe(true)
    db.set(1, 1, Status.Good, 4) // coerced to true
    db.commit()
    expect(batches).toHaveLength(1)
    expect(batches[0]!.sort()).toEqual([0, 1])
    expect(db.get('A/b')!.value).toBe(true)
  })

  it('a status change passes the deadband and an impossible value marks the tag bad', () => {
    const db = new TagDb([tag('A/x', { deadband: 10 }), tag('A/i', { dataType: 'INT' })])
    expect(db.set(0, 1, Status.BadNotConnected, 1)).toBe(true)
    expect(db.set(1, 1e9, Status.Good, 1)).toBe(true)
    expect(db.get('A/i')!.status).toBe(Status.BadConfigurationError)
    expect(db.get('A/i')!.value).toBe(0)
  })

  it('memory tags start good with their initial value; device tags wait for data', () => {
    const db = new TagDb([tag('M/a', { source: { kind: 'memory', initial: 2.5 } }), tag('D/b', { source: { kind: 'connection', connection: 'c', address: 'x' } })])
    expect(db.get('M/a')).toMatchObject({ value: 2.5, status: Status.Good })
    expect(db.get('D/b')).toMatchObject({ value: null, status: Status.BadWaitingForInitialData })
  })
})

describe('derived tags', () => {
  it('recompute in the same batch as their inputs, in dependency order, with the worst input status', () => {
    const db = new TagDb([
      tag('T/level'),
      tag('T/pct', { source: { kind: 'expression', expr: '{T/level} / 5 * 100' } }),
      tag('T/half', { source: { kind: 'expression', expr: '{T/pct} / 2' } }),
    ])
    attachDerivedTags(db)
    const batches: number[][] = []
    db.onChange((ids) => batches.push([...ids]))
    db.set(0, 2.5, Status.Good, 10)
    db.commit()
    expect(batches).toHaveLength(1)
    expect(batches[0]!.sort()).toEqual([0, 1, 2])
    expect(db.get('T/pct')!.value).toBe(50)
    expect(db.get('T/half')!.value).toBe(25)
    db.set(0, 2.5, Status.BadNotConnected, 11)
    db.commit()
    expect(db.get('T/half')!.status).toBe(Status.BadNotConnected)
  })
})

describe('TagWriter', () => {
  const db = new TagDb([
    tag('S/sp', { range: { min: 0, max: 10 }, access: { write: 'operator' } }),
    tag('S/cmd', { dataType: 'BOOL', source: { kind: 'memory' }, access: { write: 'operator', confirm: true } }),
    tag('S/eng', { access: { write: 'engineer' } }),
    tag('S/ro'),
    tag('S/dev', { source: { kind: 'connection', connection: 'c', address: 'a' }, access: { write: 'operator' } }),
    tag('S/crit', { access: { write: 'operator', critical: true } }),
  ])
  let deviceResult = { ok: true, status: 0 }
  const writer = new TagWriter(db, { write: async () => deviceResult })

  it('checks role, access, confirmation, type and range in that order', async () => {
    expect(await writer.write('operator', 'S/none', 1, false)).toMatchObject({ code: 'E_UNKNOWN_TAG' })
    expect(await writer.write('admin', 'S/ro', 1, false)).toMatchObject({ code: 'E_NOT_WRITABLE' })
    expect(await writer.write('operator', 'S/eng', 1, false)).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await writer.write('viewer', 'S/sp', 1, false)).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await writer.write('operator', 'S/cmd', true, false)).toMatchObject({ code: 'E_CONFIRM_REQUIRED' })
    expect(await writer.write('operator', 'S/cmd', 1, true)).toMatchObject({ code: 'E_TYPE_MISMATCH' })
    expect(await writer.write('operator', 'S/sp', '5', false)).toMatchObject({ code: 'E_TYPE_MISMATCH' })
    expect(await writer.write('operator', 'S/sp', 11, false)).toMatchObject({ code: 'E_OUT_OF_RANGE' })
    expect(await writer.write('operator', 'S/sp', 7, false)).toEqual({ ok: true, old: 0 })
    expect(db.get('S/sp')!.value).toBe(7)
    expect(await writer.write('engineer', 'S/cmd', true, true)).toEqual({ ok: true, old: false })
  })

  it('requires confirmation and a reason for critical tags', async () => {
    expect(await writer.write('operator', 'S/crit', 1, false, 'because')).toMatchObject({ code: 'E_CONFIRM_REQUIRED' })
    expect(await writer.write('operator', 'S/crit', 1, true)).toMatchObject({ code: 'E_REASON_REQUIRED' })
    expect(await writer.write('operator', 'S/crit', 1, true, '  ')).toMatchObject({ code: 'E_REASON_REQUIRED' })
    expect(await writer.write('operator', 'S/crit', 1, true, 'maintenance')).toEqual({ ok: true, old: 0 })
  })

  it('maps device refusals to codes', async () => {
    deviceResult = { ok: false, status: Status.BadNotConnected }
    expect(await writer.write('operator', 'S/dev', 1, false)).toMatchObject({ code: 'E_NOT_CONNECTED' })
    deviceResult = { ok: false, status: 0x803b0000 }
    expect(await writer.write('operator', 'S/dev', 1, false)).toMatchObject({ code: 'E_WRITE_FAILED' })
  })
})
