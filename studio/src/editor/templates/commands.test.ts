import { describe, expect, it } from 'vitest'
import { Screen, loadApp, memorySource } from '@takt/blocks'
import type { TagFile } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import {
  addMember, addParameter, createTemplate, deleteTemplate, moveMember, removeMember, removeParameter, renameMember,
  setMemberField, setTemplateDescription, updateParameter,
} from './commands'
import { addFaceplateWidget, removeFaceplate, removeFaceplateWidgets, restackFaceplateWidget, setFaceplate, updateFaceplateWidget } from './faceplate-commands'
import { addInstance, placeFaceplate, removeInstance, setInstanceParams } from './instance-commands'
import { draftFaceplate, listInstances, listTemplates } from './model'
import type { TemplateDoc } from './model'

const P = 'types/Motor.json'

function motor(): TemplateDoc {
  return {
    format: 1, name: 'Motor',
    parameters: [{ name: 'device', type: 'string' }, { name: 'max', type: 'number', default: 100 }],
    tags: [
      { name: 'Run', dataType: 'BOOL', source: { kind: 'memory' }, access: { write: 'operator' } },
      { name: 'Speed', dataType: 'REAL', source: { kind: 'connection', connection: 'plc', address: 'ns=1;s=${device}.Speed' }, range: { min: 0, max: '${max}' } },
      { name: 'Fast', dataType: 'BOOL', source: { kind: 'expression', expr: '{$/Speed} > 90' } },
    ],
    faceplate: {
      width: 200, height: 100,
      widgets: [{ id: 'spd', type: 'numeric', x: 0, y: 0, w: 100, h: 30, bindings: { value: { tag: '$/Speed' } } }],
    },
  }
}

function fresh(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({
    'app.json': { format: 1, id: 'demo', name: 'Demo', version: '1.0.0', entryScreen: 'main', connections: { plc: { kind: 'opcua' } } },
    [P]: motor(),
    'tags/Area.json': { format: 1, folder: 'Area', tags: [], instances: [{ name: 'M1', type: 'Motor', params: { device: 'D1', max: 50 } }] },
    'tags/Mixer.json': { format: 1, folder: 'Mixer', type: 'Motor', params: { device: 'MX' }, tags: [] },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  })
  return d
}
const tpl = (d: ProjectDocument) => d.get<TemplateDoc>(P)!
const ok = (r: { ok: boolean; error?: string }) => expect(r).toMatchObject({ ok: true })

/** The draft as the loader sees it: commands must keep the APP valid. */
async function validate(d: ProjectDocument) {
  const files: Record<string, string> = {}
  for (const p of d.paths()) files[p] = JSON.stringify(d.get(p))
  return (await loadApp(memorySource(files))).diagnostics.filter((x) => x.severity === 'error')
}

describe('template commands', () => {
  it('create, describe and delete a template', () => {
    const d = fresh()
    ok(d.dispatch(createTemplate, { name: 'Valve' }))
    expect(listTemplates(d)).toEqual(['Motor', 'Valve'])
    expect(d.dispatch(createTemplate, { name: 'Valve' })).toEqual({ ok: false, error: 'types/Valve.json already exists' })
    expect(d.dispatch(createTemplate, { name: 'a/b' }).ok).toBe(false)
    ok(d.dispatch(setTemplateDescription, { path: 'types/Valve.json', description: { en: 'Valve', 'zh-CN': '阀门' } }))
    expect(d.get<TemplateDoc>('types/Valve.json')!.description).toEqual({ en: 'Valve', 'zh-CN': '阀门' })
    ok(d.dispatch(deleteTemplate, { name: 'Valve' }))
    expect(listTemplates(d)).toEqual(['Motor'])
    d.undo()
    expect(listTemplates(d)).toEqual(['Motor', 'Valve'])
  })

  it('rename a parameter in placeholders and in every instance, in one undo step', async () => {
    const d = fresh()
    ok(d.dispatch(updateParameter, { path: P, index: 1, patch: { name: 'speedMax' } }))
    expect(tpl(d).tags[1]!.range).toEqual({ min: 0, max: '${speedMax}' })
    expect(d.get<TagFile>('tags/Area.json')!.instances![0]!.params).toEqual({ device: 'D1', speedMax: 50 })
    expect(d.get<TagFile>('tags/Mixer.json')!.params).toEqual({ device: 'MX' })
    expect(await validate(d)).toEqual([])
    d.undo()
    expect(d.get<TagFile>('tags/Area.json')!.instances![0]!.params).toEqual({ device: 'D1', max: 50 })
    expect(d.dispatch(updateParameter, { path: P, index: 1, patch: { name: 'device' } })).toEqual({ ok: false, error: 'parameter "device" already exists' })
  })

  it('add, retype and remove parameters; a default that no longer fits goes', () => {
    const d = fresh()
    ok(d.dispatch(addParameter, { path: P }))
    expect(tpl(d).parameters![2]).toEqual({ name: 'param', type: 'string' })
    ok(d.dispatch(updateParameter, { path: P, index: 1, patch: { type: 'string' } }))
    expect(tpl(d).parameters![1]).toEqual({ name: 'max', type: 'string' })
    ok(d.dispatch(removeParameter, { path: P, index: 2 }))
    expect(tpl(d).parameters!.map((p) => p.name)).toEqual(['device', 'max'])
  })

  it('edit member fields, nested, removing emptied objects', () => {
    const d = fresh()
    const untouched = tpl(d).tags[2]
    ok(d.dispatch(setMemberField, { path: P, index: 1, field: ['unit'], value: 'rpm' }))
    ok(d.dispatch(setMemberField, { path: P, index: 1, field: ['source', 'address'], value: 'ns=2;s=${device}.Spd' }))
    ok(d.dispatch(setMemberField, { path: P, index: 0, field: ['access', 'write'], value: undefined }))
    const t = tpl(d)
    expect(t.tags[1]).toMatchObject({ unit: 'rpm', source: { kind: 'connection', connection: 'plc', address: 'ns=2;s=${device}.Spd' } })
    expect(t.tags[0]).toEqual({ name: 'Run', dataType: 'BOOL', source: { kind: 'memory' } })
    expect(t.tags[2]).toBe(untouched)
    expect(d.dispatch(setMemberField, { path: P, index: 0, field: ['name'], value: 'X' }).ok).toBe(false)
  })

  it('rename a member and every $/ reference to it', async () => {
    const d = fresh()
    ok(d.dispatch(renameMember, { path: P, index: 1, name: 'Rpm' }))
    const t = tpl(d)
    expect(t.tags[1]!.name).toBe('Rpm')
    expect(t.tags[2]!.source).toEqual({ kind: 'expression', expr: '{$/Rpm} > 90' })
    expect(t.faceplate!.widgets[0]!.bindings).toEqual({ value: { tag: '$/Rpm' } })
    expect(await validate(d)).toEqual([])
    expect(d.dispatch(renameMember, { path: P, index: 0, name: 'Rpm' })).toEqual({ ok: false, error: 'member "Rpm" already exists' })
  })

  it('add, move and remove members; every instance follows at load', async () => {
    const d = fresh()
    ok(d.dispatch(addMember, { path: P, member: { name: 'Hours', dataType: 'LREAL' } }))
    ok(d.dispatch(moveMember, { path: P, from: 3, to: 0 }))
    expect(tpl(d).tags.map((m) => m.name)).toEqual(['Hours', 'Run', 'Speed', 'Fast'])
    const files: Record<string, string> = {}
    for (const p of d.paths()) files[p] = JSON.stringify(d.get(p))
    const { app } = await loadApp(memorySource(files))
    expect(app!.tags.filter((x) => x.name === 'Hours').map((x) => x.path)).toEqual(['Area/M1/Hours', 'Mixer/Hours'])
    ok(d.dispatch(removeMember, { path: P, index: 0 }))
    expect(tpl(d).tags.map((m) => m.name)).toEqual(['Run', 'Speed', 'Fast'])
  })
})

describe('faceplate commands', () => {
  it('add, change, restack and remove widgets; props and bindings merge by key', async () => {
    const d = fresh()
    const r = d.dispatch(addFaceplateWidget, { path: P, type: 'motor', x: 110, y: 10 })
    expect(r).toEqual({ ok: true, select: ['motor'] })
    ok(d.dispatch(updateFaceplateWidget, { path: P, id: 'motor', patch: { w: 60, props: { label: 'M' }, bindings: { running: { tag: '$/Run' } } } }))
    ok(d.dispatch(updateFaceplateWidget, { path: P, id: 'motor', patch: { props: { label: undefined }, events: { click: [{ action: 'toggle', tag: '$/Run' }] } } }))
    const w = tpl(d).faceplate!.widgets[1]!
    expect(w).toEqual({ id: 'motor', type: 'motor', x: 110, y: 10, w: 60, h: 90, bindings: { running: { tag: '$/Run' } }, events: { click: [{ action: 'toggle', tag: '$/Run' }] } })
    expect(await validate(d)).toEqual([])
    ok(d.dispatch(restackFaceplateWidget, { path: P, id: 'motor', to: 'back' }))
    expect(tpl(d).faceplate!.widgets.map((x) => x.id)).toEqual(['motor', 'spd'])
    ok(d.dispatch(removeFaceplateWidgets, { path: P, ids: ['spd'] }))
    expect(tpl(d).faceplate!.widgets.map((x) => x.id)).toEqual(['motor'])
    expect(d.dispatch(addFaceplateWidget, { path: P, type: 'faceplate' }).ok).toBe(false)
  })

  it('size the faceplate, create one when missing, remove it', () => {
    const d = fresh()
    ok(d.dispatch(removeFaceplate, { path: P }))
    expect(draftFaceplate(d, 'Motor')).toBeUndefined()
    ok(d.dispatch(setFaceplate, { path: P, patch: { width: 300.4, background: '#ccc' } }))
    expect(tpl(d).faceplate).toEqual({ width: 300, height: 140, background: '#ccc', widgets: [] })
    ok(d.dispatch(setFaceplate, { path: P, patch: { background: null } }))
    expect(draftFaceplate(d, 'Motor')).toEqual({ width: 300, height: 140, widgets: [] })
  })
})

describe('instance commands', () => {
  it('add an instance to a folder (creating the file), change its parameters, remove it', async () => {
    const d = fresh()
    ok(d.dispatch(addInstance, { file: 'tags/Area.json', template: 'Motor', name: 'M2', params: { device: 'D2', max: '' } }))
    ok(d.dispatch(addInstance, { file: 'tags/Line2.json', folder: 'Plant/Line2', template: 'Motor', name: 'M9', params: { device: 'D9' } }))
    expect(listInstances(d, 'Motor').map((i) => [i.path, i.file, i.index])).toEqual([
      ['Area/M1', 'tags/Area.json', 0], ['Area/M2', 'tags/Area.json', 1], ['Mixer', 'tags/Mixer.json', null], ['Plant/Line2/M9', 'tags/Line2.json', 0],
    ])
    expect(d.get<TagFile>('tags/Area.json')!.instances![1]).toEqual({ name: 'M2', type: 'Motor', params: { device: 'D2' } })
    expect(await validate(d)).toEqual([])
    expect(d.dispatch(addInstance, { file: 'tags/Area.json', template: 'Motor', name: 'M2' })).toEqual({ ok: false, error: 'instance Area/M2 already exists' })
    expect(d.dispatch(addInstance, { file: 'tags/Area.json', template: 'Pump', name: 'P1' })).toEqual({ ok: false, error: 'template "Pump" does not exist' })
    ok(d.dispatch(setInstanceParams, { file: 'tags/Mixer.json', index: null, params: { device: 'MX2', max: 10 } }))
    expect(d.get<TagFile>('tags/Mixer.json')!.params).toEqual({ device: 'MX2', max: 10 })
    ok(d.dispatch(removeInstance, { file: 'tags/Area.json', index: 0 }))
    ok(d.dispatch(removeInstance, { file: 'tags/Mixer.json', index: null }))
    expect(listInstances(d).map((i) => i.path)).toEqual(['Area/M2', 'Plant/Line2/M9'])
    expect(d.get<TagFile>('tags/Mixer.json')).toEqual({ format: 1, folder: 'Mixer', tags: [] })
  })

  it('place a faceplate for an instance on a screen at the faceplate size', async () => {
    const d = fresh()
    const r = d.dispatch(placeFaceplate, { screen: 'screens/main.json', template: 'Motor', instance: 'Area/M1', x: 10.2, y: 20 })
    expect(r).toEqual({ ok: true, select: ['fp_M1'] })
    d.dispatch(placeFaceplate, { screen: 'screens/main.json', template: 'Motor', instance: 'Area/M1', x: 300, y: 20, w: 100, h: 50 })
    const s = Screen.parse(d.get('screens/main.json'))
    expect(s.widgets).toEqual([
      { id: 'fp_M1', type: 'faceplate', x: 10, y: 20, w: 200, h: 100, props: { template: 'Motor', instance: 'Area/M1' } },
      { id: 'fp_M12', type: 'faceplate', x: 300, y: 20, w: 100, h: 50, props: { template: 'Motor', instance: 'Area/M1' } },
    ])
    expect(await validate(d)).toEqual([])
  })
})
