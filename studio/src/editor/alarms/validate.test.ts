import { describe, expect, it } from 'vitest'
import { alarmIssues, alarmListIssues, historyIssues, issueText } from './validate'

const isTag = (p: string) => ['Tank1/Level', 'Tank1/LevelSP', 'Control/Auto'].includes(p)
const fields = (xs: { field: string }[]) => xs.map((x) => x.field)

describe('alarm validation', () => {
  it('a good alarm has no issues', () => {
    const a = { name: 'DEV', kind: 'deviation', setpoint: 'Tank1/LevelSP', high: 0.8, priority: 3, suppressedBy: '!{Control/Auto}', message: { en: 'Level {value} (SP {Tank1/LevelSP})', 'zh-CN': '液位 {value}' } }
    expect(alarmIssues(a, [], { isTag })).toEqual([])
  })

  it('names schema problems by field', () => {
    expect(fields(alarmIssues({ name: 'HI', kind: 'hi', limit: 'abc', priority: 7 }, [])).sort()).toEqual(['limit', 'priority'])
    expect(fields(alarmIssues({ name: 'bad name', kind: 'hi', limit: 1, priority: 1, onDelayMs: -1 }, []))).toEqual(expect.arrayContaining(['name', 'onDelayMs']))
    // "give high, low or both" lands on the high field
    expect(fields(alarmIssues({ name: 'D', kind: 'deviation', setpoint: 1, priority: 1 }, []))).toEqual(['high'])
    expect(fields(alarmIssues({ name: 'X', kind: 'hi', limit: 1, priority: 1, bogus: 1 }, []))).toEqual([''])
  })

  it('checks references: setpoint tag, suppression expression, tags in the message', () => {
    const a = { name: 'D', kind: 'deviation', setpoint: 'Tank1/Nope', high: 1, priority: 1, suppressedBy: '{Control/Nope} &&', message: { en: 'x {Tank1/Gone}', 'zh-CN': 'ok {value}' } }
    const issues = alarmIssues(a, [], { isTag })
    expect(fields(issues)).toEqual(['setpoint', 'suppressedBy', 'message.en'])
    expect(issueText(issues, 'message')).toBe('unknown tag {Tank1/Gone}')
    const unknown = alarmIssues({ name: 'B', kind: 'badQuality', priority: 1, suppressedBy: '{Control/Nope}' }, [], { isTag })
    expect(issueText(unknown, 'suppressedBy')).toContain('Control/Nope')
  })

  it('duplicate names on one tag', () => {
    const list = alarmListIssues([{ name: 'HI', kind: 'hi', limit: 1, priority: 1 }, { name: 'HI', kind: 'hi', limit: 2, priority: 1 }])
    expect(list.map(fields)).toEqual([['name'], ['name']])
  })

  it('template members: fields holding ${param} placeholders are not judged', () => {
    const a = { name: 'HI', kind: 'hi', limit: '${maxCurrent}', priority: 1, suppressedBy: '{${area}/Startup}' }
    expect(alarmIssues(a, [], { isTag, placeholders: true })).toEqual([])
    expect(fields(alarmIssues(a, [], { isTag }))).toEqual(expect.arrayContaining(['limit']))
  })

  it('history settings', () => {
    expect(historyIssues(undefined)).toEqual([])
    expect(historyIssues({ enabled: true, deadband: 0.1, minIntervalMs: 250, maxIntervalMs: 60000 })).toEqual([])
    expect(fields(historyIssues({ deadband: -1, maxIntervalMs: 10 }))).toEqual(['deadband', 'maxIntervalMs'])
    expect(fields(historyIssues({ minIntervalMs: 5000, maxIntervalMs: 2000 }))).toEqual(['maxIntervalMs'])
  })
})
