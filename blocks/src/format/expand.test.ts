import { describe, expect, it } from 'vitest'
import { expandInstance, instantiateFaceplate, resolveParams } from './expand.js'
import { placeholdersIn, replaceMemberRefs, substituteParams } from './placeholders.js'
import { Template } from './template.js'
import { motorTemplate } from './__tests__/template-fixture.js'

const motor = () => Template.parse(motorTemplate())

describe('placeholders', () => {
  it('substitute typed values for whole placeholders and text inside longer strings', () => {
    const r = substituteParams({ a: 'ns=1;s=${dev}.Run', max: '${max}', on: '${flag}', list: ['${dev}'], n: 3 }, new Map<string, string | number | boolean>([['dev', 'M1'], ['max', 50], ['flag', true]]))
    expect(r.value).toEqual({ a: 'ns=1;s=M1.Run', max: 50, on: true, list: ['M1'], n: 3 })
    expect(r.holes).toEqual([['a'], ['max'], ['on'], ['list', 0]])
    expect(r.missing).toEqual([])
  })

  it('leave unknown placeholders in place and list them', () => {
    const input = { a: 'x ${nope} y', b: { c: '${gone}' } }
    const r = substituteParams(input, new Map())
    expect(r.value).toEqual(input)
    expect(r.value).not.toBe(input)
    expect(r.missing).toEqual([{ name: 'nope', path: ['a'] }, { name: 'gone', path: ['b', 'c'] }])
  })

  it('find placeholder names once each', () => {
    expect(placeholdersIn('${a}.${b}.${a} $a {b} ${1x}')).toEqual(['a', 'b'])
  })

  it('rewrite member references outside string literals only', () => {
    expect(replaceMemberRefs('{$/Speed} > 100 && {Plant/On}', 'Area1/M3')).toBe('{Area1/M3/Speed} > 100 && {Plant/On}')
    expect(replaceMemberRefs('"{$/x} \\" {$/y}" + \'{$/z}\' + {$/Level}', 'T')).toBe('"{$/x} \\" {$/y}" + \'{$/z}\' + {T/Level}')
    expect(replaceMemberRefs('no refs', 'T')).toBe('no refs')
  })
})

describe('resolveParams', () => {
  it('fills defaults and reports unknown, mistyped and missing values where they are', () => {
    expect(resolveParams(motor(), { device: 'D' }).values).toEqual(new Map<string, unknown>([['device', 'D'], ['plc', 'plc1'], ['speedMax', 1500]]))
    const r = resolveParams(motor(), { speedMax: 'fast', colour: 'red' })
    expect(r.issues.map((i) => [i.code, i.at])).toEqual([
      ['E_TYPE_MISMATCH', ['params', 'speedMax']],
      ['E_REFERENCE', ['params', 'colour']],
      ['E_SCHEMA', ['params']],
    ])
    expect(r.issues[1]!.message).toBe('template Motor has no parameter "colour" (parameters: device, plc, speedMax)')
    expect(r.issues[2]!.message).toBe('parameter "device" of template Motor needs a value (it has no default)')
  })
})

describe('expandInstance', () => {
  it("points member alarms' message, suppression and deviation setpoint at the instance", () => {
    const t = motor()
    const speed = t.tags.find((m) => m.name === 'Speed')!
    ;(speed as Record<string, unknown>).alarms = [
      { name: 'DEV', kind: 'deviation', priority: 2, setpoint: '$/SpeedSp', high: 50, suppressedBy: '!{$/Running} || "{$/x}" == ""',
        message: { en: 'Speed "{$/Speed}" off {$/SpeedSp} at {Plant/Mode}', 'zh-CN': '转速 {$/Speed}' } },
      { name: 'HI', kind: 'hi', priority: 3, limit: 1400, message: 'fast: {value}' },
    ]
    const m = expandInstance(t, 'Area1/M3', { device: 'M3' }).members.find((x) => x.tag.name === 'Speed')!
    expect(m.tag.alarms).toEqual([
      { name: 'DEV', kind: 'deviation', priority: 2, setpoint: 'Area1/M3/SpeedSp', high: 50, suppressedBy: '!{Area1/M3/Running} || "{$/x}" == ""',
        message: { en: 'Speed "{Area1/M3/Speed}" off {Area1/M3/SpeedSp} at {Plant/Mode}', 'zh-CN': '转速 {Area1/M3/Speed}' } },
      { name: 'HI', kind: 'hi', priority: 3, limit: 1400, message: 'fast: {value}' },
    ])
  })

  it('makes member tags at <instance>/<Member> with parameters filled in and the template mark', () => {
    const { members, issues } = expandInstance(motor(), 'Area1/M3', { device: 'Motor3', speedMax: 3000 })
    expect(issues).toEqual([])
    expect(members.map((m) => m.tag.path)).toEqual(['Area1/M3/RunCmd', 'Area1/M3/Running', 'Area1/M3/Speed', 'Area1/M3/Fast'])
    expect(members[2]!.tag).toMatchObject({
      name: 'Speed', range: { min: 0, max: 3000 }, template: { type: 'Motor', instance: 'Area1/M3' },
      source: { kind: 'connection', connection: 'plc1', address: 'ns=2;s=Motor3.Speed' },
    })
    expect(members[3]!.tag.source).toEqual({ kind: 'expression', expr: '{Area1/M3/Speed} > 3000 * 0.9' })
  })

  it('reports what the parameters break, at the instance, and leaves template faults to the template', () => {
    const t = motor()
    t.tags.push({ name: 'Broken', dataType: 'REAL', source: { kind: 'memory' }, range: { min: 5, max: 1 } })
    const { members, issues } = expandInstance(t, 'M', { device: 'D', speedMax: -1 })
    expect(members.map((m) => m.tag.name)).toEqual(['RunCmd', 'Running', 'Fast'])
    expect(issues).toEqual([{ code: 'E_SCHEMA', severity: 'error', at: [], message: 'member Speed $.range: max must be greater than min' }])
  })

  it('does not repeat a missing value as a schema problem of every member', () => {
    const { issues } = expandInstance(motor(), 'M', {})
    expect(issues.map((i) => i.message)).toEqual(['parameter "device" of template Motor needs a value (it has no default)'])
  })
})

describe('instantiateFaceplate', () => {
  it('binds $/ references in bindings, expressions and actions to the instance', () => {
    const widgets = instantiateFaceplate(motor().faceplate!, 'Area1/M1')
    expect(widgets[0]).toMatchObject({ bindings: { running: { tag: 'Area1/M1/Running' } }, events: { click: [{ action: 'toggle', tag: 'Area1/M1/RunCmd' }] } })
    expect(widgets[2]!.bindings).toEqual({ text: { expr: '"{$/x} " + fmt({Area1/M1/Speed}, 0)' } })
    expect(motor().faceplate!.widgets[0]!.bindings).toEqual({ running: { tag: '$/Running' } })
  })
})

describe('tagFileTags', () => {
  it('lists own and instance tags of a raw file, skipping what does not resolve', async () => {
    const { tagFileTags } = await import('./expand.js')
    const raw = motorTemplate()
    const file = {
      format: 1, folder: 'A', type: 'Motor', params: { device: 'D' },
      tags: [{ name: 'Own', dataType: 'BOOL', source: { kind: 'memory' } }],
      instances: [{ name: 'M1', type: 'Motor', params: { device: 'X' } }, { name: 'P1', type: 'Pump' }, { name: 'M2', type: 'Motor' }],
    } as never
    const paths = tagFileTags(file, (n) => (n === 'Motor' ? raw : undefined)).map((t) => t.path)
    // M2 lacks its device: members that need it are skipped, the others still make tags.
    expect(paths).toEqual(['A/Own', 'A/RunCmd', 'A/Running', 'A/Speed', 'A/Fast', 'A/M1/RunCmd', 'A/M1/Running', 'A/M1/Speed', 'A/M1/Fast', 'A/M2/Fast'])
    expect(tagFileTags(null, () => undefined)).toEqual([])
    expect(tagFileTags(file, () => ({ format: 1, name: 'Motor' }))).toHaveLength(1)
  })
})
