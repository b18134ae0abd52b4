import { describe, expect, it } from 'vitest'
import type { TagDef, TagFile } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { TAG_COMMAND_NAMES } from '../tags/commandNames'
import { ALARM_COMMANDS, addAlarm, messageWithLocale, moveAlarm, removeAlarm, setAlarmField, setAlarmKind, setHistory } from './commands'
import { changeKind, defaultAlarm, defaultAlarmName } from './defaults'
import { alarmsOf, hostPath, hostTag } from './model'
import type { AlarmHost } from './model'
import { knownTagPaths } from './paths'

const level: TagDef = {
  name: 'Level', dataType: 'REAL', source: { kind: 'memory' }, unit: 'm', range: { min: 0, max: 5 }, limits: { hi: 4.5, hihi: 4.8 },
}

function project(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({
    'tags/Tank1.json': {
      format: 1, folder: 'Tank1',
      tags: [level, { name: 'LevelSP', dataType: 'REAL', source: { kind: 'memory' } }, { name: 'Run', dataType: 'BOOL', source: { kind: 'memory' } }],
    },
    'tags/Plant.json': { format: 1, folder: 'Plant', tags: [], instances: [{ name: 'M1', type: 'Motor' }] },
    'types/Motor.json': { format: 1, name: 'Motor', parameters: [], tags: [{ name: 'Current', dataType: 'REAL', source: { kind: 'memory' }, range: { min: 0, max: 50 } }] },
  })
  return d
}

const TAG: AlarmHost = { kind: 'tag', file: 'tags/Tank1.json', name: 'Level' }
const MEMBER: AlarmHost = { kind: 'member', file: 'types/Motor.json', name: 'Current' }
const alarms = (d: ProjectDocument, h: AlarmHost = TAG) => alarmsOf(hostTag(d, h))

describe('alarm defaults', () => {
  it('take limits, then the range, then 0..100', () => {
    expect(defaultAlarm('hi', level, [])).toEqual({ name: 'HI', kind: 'hi', limit: 4.5, deadband: 0.05, priority: 2 })
    expect(defaultAlarm('lo', level, ['LO'])).toEqual({ name: 'LO_2', kind: 'lo', limit: 0.5, deadband: 0.05, priority: 2 })
    expect(defaultAlarm('hihi', { name: 'X', dataType: 'REAL' }, [])).toMatchObject({ limit: 95, deadband: 1, priority: 1 })
    expect(defaultAlarm('badQuality', level, [])).toEqual({ name: 'BAD', kind: 'badQuality', priority: 'diagnostic' })
    expect(defaultAlarm('discrete', { name: 'Run', dataType: 'BOOL' }, [])).toEqual({ name: 'STATE', kind: 'discrete', priority: 2 })
    expect(defaultAlarmName('roc', ['ROC', 'ROC_2'])).toBe('ROC_3')
  })

  it('a deviation alarm finds the setpoint tag beside the tag', () => {
    const isTag = (p: string) => p === 'Tank1/LevelSP'
    expect(defaultAlarm('deviation', level, [], { folder: 'Tank1', isTag })).toMatchObject({ setpoint: 'Tank1/LevelSP', high: 0.5, low: 0.5 })
    expect(defaultAlarm('deviation', level, [], { folder: 'Other', isTag })).toMatchObject({ setpoint: 0 })
  })

  it('changing the kind keeps common fields and drops the old kind fields', () => {
    const hi = { name: 'HI', kind: 'hi', limit: 4.2, deadband: 0.1, priority: 1, message: 'x', onDelayMs: 500 }
    expect(changeKind(hi, 'hihi', level, [])).toEqual({ name: 'HIHI', kind: 'hihi', limit: 4.8, deadband: 0.1, priority: 1, message: 'x', onDelayMs: 500 })
    expect(changeKind({ ...hi, name: 'Custom' }, 'lo', { ...level, limits: {} }, [])).toMatchObject({ name: 'Custom', limit: 4.2 })
    const roc = changeKind(hi, 'roc', level, ['ROC'])
    expect(roc).toEqual({ name: 'ROC_2', kind: 'roc', rate: 0.08333, windowMs: 10000, direction: 'both', priority: 1, message: 'x', onDelayMs: 500 })
    expect(changeKind(hi, 'hi', level, [])).toBe(hi)
  })
})

describe('alarm commands', () => {
  it('add, edit, reorder and delete alarms of a tag, each one undo step', () => {
    const d = project()
    expect(d.dispatch(addAlarm, { host: TAG, kind: 'hi' })).toEqual({ ok: true })
    expect(d.dispatch(addAlarm, { host: TAG, kind: 'hihi' }).ok).toBe(true)
    expect(alarms(d).map((a) => a.name)).toEqual(['HI', 'HIHI'])
    d.dispatch(moveAlarm, { host: TAG, from: 1, to: 0 })
    expect(alarms(d).map((a) => a.name)).toEqual(['HIHI', 'HI'])
    d.dispatch(setAlarmField, { host: TAG, index: 1, field: ['message', 'zh-CN'], value: '液位高 {value}' })
    d.dispatch(setAlarmField, { host: TAG, index: 1, field: ['onDelayMs'], value: 2000 })
    expect(alarms(d)[1]).toEqual({ name: 'HI', kind: 'hi', limit: 4.5, deadband: 0.05, priority: 2, message: { 'zh-CN': '液位高 {value}' }, onDelayMs: 2000 })
    d.dispatch(setAlarmField, { host: TAG, index: 1, field: ['message', 'zh-CN'], value: undefined })
    expect(alarms(d)[1]).not.toHaveProperty('message')
    d.dispatch(removeAlarm, { host: TAG, index: 0 })
    d.dispatch(removeAlarm, { host: TAG, index: 0 })
    expect(hostTag(d, TAG)).not.toHaveProperty('alarms')
    for (let i = 0; i < 8; i++) d.undo()
    expect(hostTag(d, TAG)).toEqual(level)
  })

  it('keeps an invalid value (shown in place by the panel) but refuses impossible addresses', () => {
    const d = project()
    d.dispatch(addAlarm, { host: TAG, kind: 'hi' })
    expect(d.dispatch(setAlarmField, { host: TAG, index: 0, field: ['limit'], value: 'abc' }).ok).toBe(true)
    expect(alarms(d)[0]!.limit).toBe('abc')
    expect(d.dispatch(setAlarmField, { host: TAG, index: 5, field: ['limit'], value: 1 })).toMatchObject({ ok: false })
    expect(d.dispatch(setAlarmField, { host: TAG, index: 0, field: ['kind'], value: 'lo' })).toMatchObject({ ok: false })
    expect(d.dispatch(addAlarm, { host: { ...TAG, name: 'Nope' }, kind: 'hi' })).toMatchObject({ ok: false })
    expect(d.dispatch(addAlarm, { host: TAG, kind: 'bogus' as never })).toMatchObject({ ok: false })
    expect(d.dispatch(moveAlarm, { host: TAG, from: 0, to: 3 })).toMatchObject({ ok: false })
  })

  it('at most 32 alarms per tag', () => {
    const d = project()
    for (let i = 0; i < 32; i++) expect(d.dispatch(addAlarm, { host: TAG, kind: 'discrete' }).ok).toBe(true)
    expect(d.dispatch(addAlarm, { host: TAG, kind: 'discrete' })).toMatchObject({ ok: false })
  })

  it('setKind swaps the kind fields', () => {
    const d = project()
    d.dispatch(addAlarm, { host: TAG, kind: 'hi' })
    d.dispatch(setAlarmKind, { host: TAG, index: 0, kind: 'badQuality' })
    expect(alarms(d)[0]).toEqual({ name: 'BAD', kind: 'badQuality', priority: 2 })
  })

  it('works on template members the same way', () => {
    const d = project()
    d.dispatch(addAlarm, { host: MEMBER, kind: 'hi' })
    d.dispatch(setAlarmField, { host: MEMBER, index: 0, field: ['limit'], value: '${maxCurrent}' })
    expect(alarms(d, MEMBER)).toEqual([{ name: 'HI', kind: 'hi', limit: '${maxCurrent}', deadband: 0.5, priority: 2 }])
    d.dispatch(setHistory, { host: MEMBER, field: 'enabled', value: true })
    expect(hostTag(d, MEMBER)!.history).toEqual({ enabled: true })
    expect(hostPath(d, MEMBER)).toBe('$/Current')
    expect(hostPath(d, TAG)).toBe('Tank1/Level')
  })

  it('history settings: set, clear, and the object goes when empty', () => {
    const d = project()
    d.dispatch(setHistory, { host: TAG, field: 'enabled', value: true })
    d.dispatch(setHistory, { host: TAG, field: 'deadband', value: 0.01 })
    d.dispatch(setHistory, { host: TAG, field: 'maxIntervalMs', value: 60000 })
    expect(hostTag(d, TAG)!.history).toEqual({ enabled: true, deadband: 0.01, maxIntervalMs: 60000 })
    d.dispatch(setHistory, { host: TAG, field: 'enabled', value: false })
    d.dispatch(setHistory, { host: TAG, field: 'deadband', value: undefined })
    d.dispatch(setHistory, { host: TAG, field: 'maxIntervalMs', value: undefined })
    expect(hostTag(d, TAG)).not.toHaveProperty('history')
    expect(d.dispatch(setHistory, { host: TAG, field: 'bogus' as never, value: 1 })).toMatchObject({ ok: false })
  })

  it('touches only the host file', () => {
    const d = project()
    const plant = d.get<TagFile>('tags/Plant.json')
    const run = hostTag(d, { ...TAG, name: 'Run' })
    d.dispatch(addAlarm, { host: TAG, kind: 'hi' })
    expect(d.get('tags/Plant.json')).toBe(plant)
    expect(hostTag(d, { ...TAG, name: 'Run' })).toBe(run)
  })

  it('messageWithLocale edits one locale of a message', () => {
    expect(messageWithLocale(undefined, 'en', 'High')).toEqual({ en: 'High' })
    expect(messageWithLocale('High', 'zh-CN', '高')).toEqual({ en: 'High', 'zh-CN': '高' })
    expect(messageWithLocale({ en: 'High' }, 'en', '')).toBeUndefined()
  })

  it('known tag paths include template instance members', () => {
    const p = knownTagPaths(project())
    expect(p.has('Tank1/LevelSP')).toBe(true)
    expect(p.has('Plant/M1/Current')).toBe(true)
  })

  it('every alarm command has a readable name in the tag editor table', () => {
    for (const c of ALARM_COMMANDS) expect(TAG_COMMAND_NAMES[c.name], c.name).toBeDefined()
  })
})
