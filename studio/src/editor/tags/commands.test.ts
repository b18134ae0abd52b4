import { describe, expect, it } from 'vitest'
import type { FbdProgram, Screen, TagDef, TagFile } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import {
  addTag, bulkSet, createFolder, createFromBrowse, deleteFolder, deleteTags, duplicateTags, iecTypeOf, renameFolder, updateTag,
} from './commands'
import { folderTree, tagFiles } from './model'

const T = (name: string, extra: Partial<TagDef> = {}): TagDef => ({ name, dataType: 'REAL', source: { kind: 'memory' }, ...extra })

function project(): ProjectDocument {
  const d = new ProjectDocument()
  d.load({
    'app.json': { format: 1, connections: { plc: { kind: 'opcua' } } },
    'tags/Area.Tank1.json': { format: 1, folder: 'Area/Tank1', tags: [T('Level', { unit: 'm' }), T('Temp')] },
    'tags/Area.json': { format: 1, folder: 'Area', tags: [T('Pct', { source: { kind: 'expression', expr: '{Area/Tank1/Level} / 5 * 100' } })] },
    'screens/main.json': {
      format: 1, name: 'main', title: 'Main', width: 800, height: 600,
      widgets: [{ id: 'w1', type: 'numeric', x: 0, y: 0, w: 10, h: 10,
        bindings: { value: { tag: 'Area/Tank1/Level' }, label: { expr: 'round({Area/Tank1/Level}, 1) + {Area/Tank1/Temp}' } },
        events: { click: [{ action: 'write', tag: 'Area/Tank1/Level', value: 1 }] } }],
    } satisfies Screen,
    'programs/p.fbd.json': { format: 1, name: 'p', blocks: [{ id: 'lv', type: 'TAG_IN', params: { tag: 'Area/Tank1/Level' } }], wires: [] } satisfies FbdProgram,
  })
  return d
}

const file = (d: ProjectDocument, p: string) => d.get<TagFile>(p)!
const screen = (d: ProjectDocument) => d.get<Screen>('screens/main.json')!
const program = (d: ProjectDocument) => d.get<FbdProgram>('programs/p.fbd.json')!

describe('tag commands', () => {
  it('add creates the folder file when needed and refuses duplicates', () => {
    const d = project()
    expect(d.dispatch(addTag, { folder: 'Area/Tank1' })).toEqual({ ok: true, select: ['tags/Area.Tank1.json|Tag'] })
    expect(d.dispatch(addTag, { folder: 'Area/Tank1', tag: { name: 'Level' } })).toMatchObject({ ok: false })
    expect(d.dispatch(addTag, { folder: 'Area/Tank2', tag: { name: 'Flow', dataType: 'LREAL' } })).toMatchObject({ ok: true })
    expect(file(d, 'tags/Area.Tank2.json')).toEqual({ format: 1, folder: 'Area/Tank2', tags: [T('Flow', { dataType: 'LREAL' })] })
    expect(d.dispatch(addTag, { folder: 'Area', tag: { name: 'bad name' } })).toMatchObject({ ok: false })
  })

  it('update validates against the schema; a rename rewrites every reference in one undoable step', () => {
    const d = project()
    const level = file(d, 'tags/Area.Tank1.json').tags[0]!
    expect(d.dispatch(updateTag, { file: 'tags/Area.Tank1.json', name: 'Level', tag: { ...level, range: { min: 5, max: 1 } } })).toMatchObject({ ok: false })
    expect(d.dispatch(updateTag, { file: 'tags/Area.Tank1.json', name: 'Level', tag: { ...level, name: 'Temp' } })).toMatchObject({ ok: false })
    const r = d.dispatch(updateTag, { file: 'tags/Area.Tank1.json', name: 'Level', tag: { ...level, name: 'Height' } })
    expect(r).toEqual({ ok: true, select: ['tags/Area.Tank1.json|Height'] })
    const w = screen(d).widgets[0]!
    expect(w.bindings).toEqual({ value: { tag: 'Area/Tank1/Height' }, label: { expr: 'round({Area/Tank1/Height}, 1) + {Area/Tank1/Temp}' } })
    expect(w.events!['click']![0]).toMatchObject({ tag: 'Area/Tank1/Height' })
    expect(program(d).blocks[0]!.params).toEqual({ tag: 'Area/Tank1/Height' })
    expect(file(d, 'tags/Area.json').tags[0]!.source).toEqual({ kind: 'expression', expr: '{Area/Tank1/Height} / 5 * 100' })
    d.undo()
    expect(screen(d).widgets[0]!.bindings!['value']).toEqual({ tag: 'Area/Tank1/Level' })
    expect(file(d, 'tags/Area.Tank1.json').tags[0]!.name).toBe('Level')
  })

  it('delete, duplicate', () => {
    const d = project()
    d.dispatch(duplicateTags, { items: [{ file: 'tags/Area.Tank1.json', name: 'Level' }, { file: 'tags/Area.Tank1.json', name: 'Level' }] })
    expect(file(d, 'tags/Area.Tank1.json').tags.map((t) => t.name)).toEqual(['Level', 'Level_copy_2', 'Level_copy', 'Temp'])
    d.dispatch(deleteTags, { items: [{ file: 'tags/Area.Tank1.json', name: 'Level_copy' }, { file: 'tags/Area.Tank1.json', name: 'Level_copy_2' }] })
    expect(file(d, 'tags/Area.Tank1.json').tags.map((t) => t.name)).toEqual(['Level', 'Temp'])
  })

  it('bulk set is all or nothing', () => {
    const d = project()
    const items = [{ file: 'tags/Area.Tank1.json', name: 'Level' }, { file: 'tags/Area.Tank1.json', name: 'Temp' }]
    const ctx = { connections: ['plc'] }
    expect(d.dispatch(bulkSet, { items, column: 'unit', text: '%', ctx })).toMatchObject({ ok: true })
    expect(file(d, 'tags/Area.Tank1.json').tags.map((t) => t.unit)).toEqual(['%', '%'])
    expect(d.dispatch(bulkSet, { items, column: 'range', text: '0 .. 100', ctx })).toMatchObject({ ok: true })
    expect(file(d, 'tags/Area.Tank1.json').tags[1]!.range).toEqual({ min: 0, max: 100 })
    expect(d.dispatch(bulkSet, { items, column: 'range', text: '9 .. 1', ctx })).toMatchObject({ ok: false })
    expect(d.dispatch(bulkSet, { items, column: 'deadband', text: 'x', ctx })).toMatchObject({ ok: false })
    expect(d.dispatch(bulkSet, { items, column: 'name', text: 'x', ctx })).toMatchObject({ ok: false })
    expect(d.dispatch(bulkSet, { items, column: 'writeRole', text: 'operator', ctx })).toMatchObject({ ok: true })
    expect(file(d, 'tags/Area.Tank1.json').tags[0]!.access).toEqual({ write: 'operator' })
  })

  it('folders: create, rename (with sub-folders, files and references), delete', () => {
    const d = project()
    expect(d.dispatch(createFolder, { folder: 'Line2' })).toEqual({ ok: true, select: ['tags/Line2.json'] })
    expect(d.dispatch(createFolder, { folder: 'Line2' })).toMatchObject({ ok: false })
    expect(d.dispatch(createFolder, { folder: 'bad//x' })).toMatchObject({ ok: false })
    expect(d.dispatch(renameFolder, { from: 'Area', to: 'Zone' })).toMatchObject({ ok: true })
    expect(tagFiles(d).map((e) => [e.path, e.file.folder])).toEqual([['tags/Line2.json', 'Line2'], ['tags/Zone.json', 'Zone'], ['tags/Zone.Tank1.json', 'Zone/Tank1']])
    expect(screen(d).widgets[0]!.bindings!['value']).toEqual({ tag: 'Zone/Tank1/Level' })
    expect(file(d, 'tags/Zone.json').tags[0]!.source).toEqual({ kind: 'expression', expr: '{Zone/Tank1/Level} / 5 * 100' })
    expect(d.dispatch(renameFolder, { from: 'Zone/Tank1', to: 'Line2' })).toMatchObject({ ok: false })
    d.undo()
    expect(d.get('tags/Area.Tank1.json')).toBeDefined()
    expect(d.dispatch(deleteFolder, { folder: 'Area' })).toMatchObject({ ok: true })
    expect(tagFiles(d).map((e) => e.file.folder)).toEqual(['Line2'])
  })

  it('creates typed connection tags from browsed OPC UA nodes', () => {
    const d = project()
    const nodes = [
      { address: 'ns=1;s=P1.Speed', name: 'Speed', nodeClass: 'Variable', dataType: 'LREAL', hasChildren: false },
      { address: 'ns=1;s=P1.Run', name: 'Run cmd', nodeClass: 'Variable', dataType: 'BOOL', hasChildren: false },
      { address: 'ns=1;s=P1', name: 'P1', nodeClass: 'Object', hasChildren: true },
      { address: 'ns=1;s=P1.Count', name: '1st count', nodeClass: 'Variable', dataType: 'UInt32', hasChildren: false },
    ]
    const r = d.dispatch(createFromBrowse, { folder: 'Area/Pump1', connection: 'plc', nodes })
    expect(r).toMatchObject({ ok: true })
    expect(file(d, 'tags/Area.Pump1.json').tags).toEqual([
      { name: 'Speed', dataType: 'LREAL', source: { kind: 'connection', connection: 'plc', address: 'ns=1;s=P1.Speed' } },
      { name: 'Run_cmd', dataType: 'BOOL', source: { kind: 'connection', connection: 'plc', address: 'ns=1;s=P1.Run' } },
      { name: '_1st_count', dataType: 'UDINT', source: { kind: 'connection', connection: 'plc', address: 'ns=1;s=P1.Count' } },
    ])
    // Dropping the same nodes again adds nothing.
    expect(d.dispatch(createFromBrowse, { folder: 'Area/Pump1', connection: 'plc', nodes })).toEqual({ ok: true })
    expect(file(d, 'tags/Area.Pump1.json').tags.length).toBe(3)
    expect(iecTypeOf('Double')).toBe('LREAL')
    expect(iecTypeOf('Whatever')).toBe('LREAL')
  })

  it('folder tree shows nesting, counts and equipment', () => {
    const d = project()
    d.applyExternal({ 'tags/Mix.json': { format: 1, folder: 'Mix', type: 'Motor', tags: [], instances: [{ name: 'M2', type: 'Motor' }] } })
    const tree = folderTree(tagFiles(d))
    expect(tree.map((n) => [n.path, n.count, n.type])).toEqual([['Area', 3, undefined], ['Mix', 0, 'Motor']])
    expect(tree[0]!.children.map((n) => n.path)).toEqual(['Area/Tank1'])
    expect(tree[1]!.children[0]).toMatchObject({ path: 'Mix/M2', type: 'Motor', instance: true })
  })
})

describe('command names', () => {
  it('every tag command has a readable name for the undo menu', async () => {
    const cmds = await import('./commands')
    const { TAG_COMMAND_NAMES } = await import('./commandNames')
    const names = Object.values(cmds).flatMap((v) => (typeof v === 'object' && v !== null && 'apply' in v ? [(v as { name: string }).name] : []))
    expect(names.length).toBeGreaterThan(5)
    for (const n of names) expect(TAG_COMMAND_NAMES[n], n).toBeDefined()
  })
})
