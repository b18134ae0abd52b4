import { describe, expect, it } from 'vitest'
import { Faceplate, Status } from '@takt/blocks'
import type { ResolvedTag, TagScalar, Widget } from '@takt/blocks'
import type { ActionHost } from '../../actions/run'
import { createBindingCompiler } from '../../bindings/expr'
import { childActions } from './actions'
import { CAPTION_H, bundleFaceplates, faceplateChildren, faceplateLayout, faceplateTags, faceplateTarget } from './logic'

const FP = Faceplate.parse({
  width: 200, height: 100,
  widgets: [
    { id: 'm', type: 'motor', x: 0, y: 0, w: 60, h: 70, bindings: { running: { tag: '$/Running' } }, events: { click: [{ action: 'toggle', tag: '$/RunCmd' }] } },
    { id: 'txt', type: 'label', x: 70, y: 0, w: 100, h: 30, bindings: { text: { expr: 'fmt({$/Speed}, 0) + " " + {Plant/Unit}' } } },
    { id: 'tg', type: 'toggle', x: 0, y: 70, w: 200, h: 30, props: { confirmOn: 'Start?' }, bindings: { value: { tag: '$/RunCmd' } } },
  ],
})
const fpWidget = (props: Record<string, unknown>): Widget => ({ id: 'fp', type: 'faceplate', x: 0, y: 0, w: 100, h: 50, props })

describe('faceplate logic', () => {
  it('binds the inner widgets to the instance, once per faceplate and instance', () => {
    const a = faceplateChildren(FP, 'Area/M1')
    expect(a[0]!.bindings).toEqual({ running: { tag: 'Area/M1/Running' } })
    expect(a[1]!.bindings).toEqual({ text: { expr: 'fmt({Area/M1/Speed}, 0) + " " + {Plant/Unit}' } })
    expect(faceplateChildren(FP, 'Area/M1')).toBe(a)
    expect(faceplateChildren(FP, 'Area/M2')[0]!.bindings).toEqual({ running: { tag: 'Area/M2/Running' } })
  })

  it('scales the design size into the box, centred, below the caption', () => {
    expect(faceplateLayout(400, 100, FP, false)).toEqual({ scale: 1, left: 100, top: 0 })
    expect(faceplateLayout(100, 100, FP, false)).toEqual({ scale: 0.5, left: 0, top: 25 })
    const l = faceplateLayout(200, 100 + CAPTION_H, FP, true)
    expect(l).toEqual({ scale: 1, left: 0, top: CAPTION_H })
  })

  it('lists the tags to subscribe: members, expression references and toggled tags', () => {
    const lookup = bundleFaceplates({ templates: [{ name: 'Motor', faceplate: FP }] })
    const tags = faceplateTags(fpWidget({ template: 'Motor', instance: 'A/M1' }), lookup, createBindingCompiler())
    expect(tags.sort()).toEqual(['A/M1/RunCmd', 'A/M1/Running', 'A/M1/Speed', 'Plant/Unit'])
    expect(faceplateTags(fpWidget({ template: 'Pump', instance: 'A/M1' }), lookup, createBindingCompiler())).toEqual([])
    expect(faceplateTags(fpWidget({ template: 'Motor' }), lookup, createBindingCompiler())).toEqual([])
    expect(bundleFaceplates(null)('Motor')).toBeUndefined()
    expect(faceplateTarget(fpWidget({ template: 'Motor', instance: '' }))).toBeNull()
  })
})

describe('faceplate inner widget actions', () => {
  const TAGS: ResolvedTag[] = [{ path: 'A/M1/RunCmd', name: 'RunCmd', dataType: 'BOOL', source: { kind: 'memory' }, access: { write: 'operator' } }]
  function host() {
    const log: { writes: [string, TagScalar, boolean][]; asked: string[] } = { writes: [], asked: [] }
    const h: ActionHost = {
      tag: (p) => TAGS.find((t) => t.path === p),
      current: () => ({ value: false, status: Status.Good, sourceTime: 0 }),
      role: 'operator',
      confirm: async (m) => { log.asked.push(m); return true },
      write: async (tag, value, confirmed) => { log.writes.push([tag, value, confirmed]) },
      openScreen: () => {},
      notify: () => {},
    }
    return { h, log }
  }
  const [motor, , toggle] = faceplateChildren(FP, 'A/M1') as [Widget, Widget, Widget]

  it('write the instance tag with the widget confirmation, and run click actions', async () => {
    const { h, log } = host()
    expect(await childActions(() => toggle, () => h).write('value', true)).toBe(true)
    expect(log.asked).toEqual(['Start?'])
    await childActions(() => motor, () => h).click()
    expect(log.writes).toEqual([['A/M1/RunCmd', true, true], ['A/M1/RunCmd', true, false]])
  })

  it('do nothing without a host (editor canvas)', async () => {
    expect(await childActions(() => toggle, () => null).write('value', true)).toBe(false)
    await childActions(() => motor, () => null).click()
  })
})
