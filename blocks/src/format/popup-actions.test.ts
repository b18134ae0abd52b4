import { describe, expect, it } from 'vitest'
import { instantiateFaceplate } from './expand.js'
import { loadApp } from './loader.js'
import { Action, Screen } from './screen.js'
import { Faceplate, TemplateAction } from './template.js'
import { source } from './__tests__/app-fixture.js'
import type { Doc } from './__tests__/app-fixture.js'
import { templateFixture } from './__tests__/template-fixture.js'

type Docs = Record<string, Doc>

async function check(change: (d: Docs) => void) {
  const docs = templateFixture()
  change(docs)
  const r = await loadApp(source(docs))
  return r.diagnostics.map(({ code, severity, file, path, message }) => ({ code, severity, file, path, message }))
}

/** Puts one click action on the overview's "more" button. */
const onMore = (a: Doc) => (d: Docs) => {
  d['screens/overview.json']!.widgets[4].events = { click: [a] }
}
/** Puts one click action on the Motor faceplate's first widget. */
const inFaceplate = (a: Doc) => (d: Docs) => {
  d['types/Motor.json']!.faceplate.widgets[0].events = { click: [a] }
}
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []

describe('openPopup / closePopup: schema', () => {
  it('accepts a screen popup, a faceplate popup with its options, and closePopup with or without a target', () => {
    for (const a of [
      { action: 'openPopup', screen: 'detail' },
      { action: 'openPopup', faceplate: 'Motor', instance: 'Area1/Motors/M1', title: { en: 'M1', 'zh-CN': '电机 1' }, x: 40, y: 60, width: 480, modal: true },
      { action: 'closePopup' },
      { action: 'closePopup', screen: 'detail' },
      { action: 'closePopup', faceplate: 'Motor', instance: 'Area1/Motors/M1' },
    ]) expect(Action.safeParse(a).success, JSON.stringify(a)).toBe(true)
  })

  it('refuses a popup naming two targets, a faceplate without instance, an instance alone, or no target', () => {
    expect(issues(Action.safeParse({ action: 'openPopup', screen: 'detail', faceplate: 'Motor', instance: 'A/M' })))
      .toEqual(['faceplate: name either a screen or a faceplate, not both'])
    expect(issues(Action.safeParse({ action: 'openPopup', faceplate: 'Motor' })))
      .toEqual(['instance: a faceplate popup needs "instance": the equipment it shows, e.g. Area1/Motor3'])
    expect(issues(Action.safeParse({ action: 'closePopup', instance: 'A/M' })))
      .toEqual(['instance: "instance" goes with "faceplate" (a screen popup has no instance)'])
    expect(issues(Action.safeParse({ action: 'openPopup' })))
      .toEqual(['screen: an openPopup action needs "screen", or "faceplate" and "instance"'])
    expect(Action.safeParse({ action: 'openPopup', screen: 'detail', width: 10 }).success).toBe(false)
    expect(Action.safeParse({ action: 'openPopup', screen: 'detail', size: 10 }).success).toBe(false)
  })

  it('lets a template name its own instance as "$", which a screen cannot', () => {
    expect(TemplateAction.safeParse({ action: 'openPopup', faceplate: 'Motor', instance: '$' }).success).toBe(true)
    expect(Action.safeParse({ action: 'openPopup', faceplate: 'Motor', instance: '$' }).success).toBe(false)
  })

  it('reports schema problems at the action\'s JSON path', async () => {
    const d = await check(onMore({ action: 'openPopup', faceplate: 'Motor' }))
    expect(d).toContainEqual(expect.objectContaining({ code: 'E_SCHEMA', file: 'screens/overview.json', path: '$.widgets[4].events.click[0].instance' }))
  })
})

describe('openPopup / closePopup: references', () => {
  it('accepts valid targets on screens and in faceplates', async () => {
    const d = await check((docs) => {
      onMore({ action: 'openPopup', faceplate: 'Motor', instance: 'Mixer' })(docs)
      docs['screens/detail.json']!.widgets.push({ id: 'x', type: 'button', x: 0, y: 300, w: 90, h: 30, events: { click: [{ action: 'closePopup' }, { action: 'openPopup', screen: 'overview', modal: true }] } })
      inFaceplate({ action: 'openPopup', faceplate: 'Motor', instance: '$' })(docs)
    })
    expect(d.filter((x) => x.severity === 'error')).toEqual([])
  })

  it('reports an unknown screen, template and instance as E_REFERENCE with file and path', async () => {
    const unknownScreen = await check(onMore({ action: 'openPopup', screen: 'nope' }))
    expect(unknownScreen).toContainEqual({ code: 'E_REFERENCE', severity: 'error', file: 'screens/overview.json', path: '$.widgets[4].events.click[0].screen', message: 'screen "nope" does not exist (no screens/nope.json)' })
    const unknownTemplate = await check(onMore({ action: 'openPopup', faceplate: 'Pump', instance: 'Area1/Motors/M1' }))
    expect(unknownTemplate).toContainEqual({ code: 'E_REFERENCE', severity: 'error', file: 'screens/overview.json', path: '$.widgets[4].events.click[0].faceplate', message: 'template "Pump" does not exist (no types/Pump.json; templates with a faceplate: Motor)' })
    const unknownInstance = await check(onMore({ action: 'closePopup', faceplate: 'Motor', instance: 'Area1/Motors/M9' }))
    expect(unknownInstance).toContainEqual({ code: 'E_REFERENCE', severity: 'error', file: 'screens/overview.json', path: '$.widgets[4].events.click[0].instance', message: 'instance "Area1/Motors/M9" does not exist (no tag file declares it)' })
  })

  it('reports a template without faceplate and an instance of another template', async () => {
    const d = await check((docs) => {
      docs['types/Valve.json'] = { format: 1, name: 'Valve', tags: [{ name: 'Open', dataType: 'BOOL', source: { kind: 'memory' } }] }
      docs['tags/Valves.json'] = { format: 1, folder: 'V', tags: [], instances: [{ name: 'V1', type: 'Valve' }] }
      docs['screens/overview.json']!.widgets[4].events = { click: [
        { action: 'openPopup', faceplate: 'Valve', instance: 'V/V1' },
        { action: 'openPopup', faceplate: 'Motor', instance: 'V/V1' },
      ] }
    })
    expect(d).toContainEqual({ code: 'E_REFERENCE', severity: 'error', file: 'screens/overview.json', path: '$.widgets[4].events.click[0].faceplate', message: 'template "Valve" has no faceplate to show' })
    expect(d).toContainEqual({ code: 'E_TYPE_MISMATCH', severity: 'error', file: 'screens/overview.json', path: '$.widgets[4].events.click[1].instance', message: 'instance "V/V1" is a Valve, not a Motor (declared in tags/Valves.json)' })
  })

  it('checks popup actions inside a template\'s faceplate, where "$" must be an instance of the named template', async () => {
    const d = await check((docs) => {
      docs['types/Other.json'] = { format: 1, name: 'Other', tags: [], faceplate: { width: 50, height: 50, widgets: [] } }
      inFaceplate({ action: 'openPopup', faceplate: 'Other', instance: '$' })(docs)
      docs['types/Motor.json']!.faceplate.widgets[1].events = { click: [{ action: 'openPopup', screen: 'gone' }] }
    })
    expect(d).toContainEqual({ code: 'E_TYPE_MISMATCH', severity: 'error', file: 'types/Motor.json', path: '$.faceplate.widgets[0].events.click[0].instance', message: '"$" is this Motor\'s own instance, not a Other' })
    expect(d).toContainEqual({ code: 'E_REFERENCE', severity: 'error', file: 'types/Motor.json', path: '$.faceplate.widgets[1].events.click[0].screen', message: 'screen "gone" does not exist (no screens/gone.json)' })
  })
})

describe('popup actions in faceplate instances', () => {
  it('binds "$" to the instance and leaves other targets alone', () => {
    const fp = Faceplate.parse({
      width: 100, height: 50,
      widgets: [{ id: 'b', type: 'button', x: 0, y: 0, w: 50, h: 20, events: { click: [
        { action: 'openPopup', faceplate: 'Motor', instance: '$', modal: true },
        { action: 'closePopup', faceplate: 'Motor', instance: 'Area1/M2' },
        { action: 'openPopup', screen: 'detail' },
      ] } }],
    })
    expect(instantiateFaceplate(fp, 'Area1/M1')[0]?.events?.click).toEqual([
      { action: 'openPopup', faceplate: 'Motor', instance: 'Area1/M1', modal: true },
      { action: 'closePopup', faceplate: 'Motor', instance: 'Area1/M2' },
      { action: 'openPopup', screen: 'detail' },
    ])
  })

  it('keeps a screen with popup actions a valid screen', () => {
    const s = Screen.safeParse({ format: 1, name: 's', title: 'S', width: 200, height: 200, widgets: [
      { id: 'm', type: 'motor', x: 0, y: 0, w: 50, h: 50, events: { click: [{ action: 'openPopup', faceplate: 'Motor', instance: 'Agitator' }] } },
    ] })
    expect(s.success).toBe(true)
  })
})
