import { describe, expect, it } from 'vitest'
import { Status } from '@takt/blocks'
import type { ResolvedTag, TagScalar, TagValue } from '@takt/blocks'
import { performToggle, performWrite, runActions } from './run'
import type { ActionHost } from './run'
import { WireError } from '../wire/errors'

const TAGS: ResolvedTag[] = [
  { path: 'P/Run', name: 'Run', dataType: 'BOOL', source: { kind: 'memory' }, access: { write: 'operator', confirm: true } },
  { path: 'T/SP', name: 'SP', dataType: 'REAL', source: { kind: 'memory' }, access: { write: 'operator' } },
  { path: 'T/Level', name: 'Level', dataType: 'REAL', source: { kind: 'memory' } },
]

function host(opts: { confirm?: boolean; fail?: string; values?: Record<string, TagValue> } = {}) {
  const log: { writes: [string, TagScalar, boolean][]; asked: string[]; notes: string[]; opened: string[] } = { writes: [], asked: [], notes: [], opened: [] }
  const h: ActionHost = {
    tag: (p) => TAGS.find((t) => t.path === p),
    current: (p) => opts.values?.[p] ?? { value: null, status: Status.BadWaitingForInitialData, sourceTime: 0 },
    role: 'operator',
    confirm: async (m) => { log.asked.push(m); return opts.confirm ?? true },
    write: async (tag, value, confirmed) => {
      if (opts.fail) throw new WireError(opts.fail as 'E_WRITE_FAILED')
      log.writes.push([tag, value, confirmed])
    },
    openScreen: (n) => { log.opened.push(n) },
    notify: (m) => { log.notes.push(m) },
  }
  return { h, log }
}

describe('operator writes', () => {
  it('asks first when the tag requires confirmation, then writes with confirmed', async () => {
    const { h, log } = host()
    expect(await performWrite(h, 'P/Run', true)).toBe(true)
    expect(log.asked).toEqual(['Write true to P/Run?'])
    expect(log.writes).toEqual([['P/Run', true, true]])
  })

  it('uses the action confirm text and does nothing when cancelled', async () => {
    const { h, log } = host({ confirm: false })
    expect(await performWrite(h, 'T/SP', 2, { en: 'Change setpoint?', 'zh-CN': '修改设定值？' })).toBe(false)
    expect(log.asked).toEqual(['Change setpoint?'])
    expect(log.writes).toEqual([])
  })

  it('writes without dialog when no confirmation is needed', async () => {
    const { h, log } = host()
    expect(await performWrite(h, 'T/SP', 2.5)).toBe(true)
    expect(log.asked).toEqual([])
    expect(log.writes).toEqual([['T/SP', 2.5, false]])
  })

  it('refuses read-only tags locally and reports runtime errors by code', async () => {
    const a = host()
    expect(await performWrite(a.h, 'T/Level', 1)).toBe(false)
    expect(a.log.notes).toEqual(['Your role may not operate this'])
    const b = host({ fail: 'E_WRITE_FAILED' })
    expect(await performWrite(b.h, 'T/SP', 1)).toBe(false)
    expect(b.log.notes).toEqual(['Write failed: The device rejected or did not complete the write'])
  })

  it('toggle flips the current value and refuses an unknown one', async () => {
    const a = host({ values: { 'P/Run': { value: true, status: Status.Good, sourceTime: 0 } } })
    expect(await performToggle(a.h, 'P/Run')).toBe(true)
    expect(a.log.writes).toEqual([['P/Run', false, true]])
    const b = host()
    expect(await performToggle(b.h, 'P/Run')).toBe(false)
    expect(b.log.notes).toEqual(['Current value is unknown; cannot toggle'])
  })

  it('runs actions in order and stops at the first that does not go through', async () => {
    const { h, log } = host({ confirm: false })
    const ok = await runActions(h, [
      { action: 'write', tag: 'T/SP', value: 1 },
      { action: 'write', tag: 'P/Run', value: true },
      { action: 'openScreen', screen: 'detail' },
    ])
    expect(ok).toBe(false)
    expect(log.writes).toEqual([['T/SP', 1, false]])
    expect(log.opened).toEqual([])
  })
})

describe('popup actions', () => {
  it('opens a popup with its options and closes a named one or its own', async () => {
    const { h } = host()
    const calls: unknown[] = []
    h.openPopup = (req) => { calls.push(['open', req]) }
    h.closePopup = (target) => { calls.push(['close', target]) }
    expect(await runActions(h, [
      { action: 'write', tag: 'T/SP', value: 3 },
      { action: 'openPopup', faceplate: 'Motor', instance: 'Agitator', title: 'M-101', modal: true },
      { action: 'closePopup', screen: 'detail' },
      { action: 'closePopup' },
    ])).toBe(true)
    expect(calls).toEqual([
      ['open', { target: { kind: 'faceplate', template: 'Motor', instance: 'Agitator' }, title: 'M-101', modal: true }],
      ['close', { kind: 'screen', screen: 'detail' }],
      ['close', null],
    ])
  })

  it('tells the operator when popups cannot be shown, and goes on', async () => {
    const { h, log } = host()
    expect(await runActions(h, [{ action: 'openPopup', screen: 'detail' }, { action: 'closePopup' }, { action: 'openScreen', screen: 'detail' }])).toBe(true)
    expect(log.notes).toEqual(['Popups cannot be opened here'])
    expect(log.opened).toEqual(['detail'])
  })
})
