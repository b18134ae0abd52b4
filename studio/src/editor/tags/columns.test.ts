import { describe, expect, it } from 'vitest'
import type { TagDef } from '@takt/blocks'
import { COLUMN_BY_ID, columnOfIssue, parseLimits, sourceOfKind, validateTag } from './columns'
import type { ColumnId, SetResult } from './columns'
import { findReferences, renameInExpr } from './references'
import { ProjectDocument } from '../doc/document'

const tag: TagDef = { name: 'Level', dataType: 'REAL', source: { kind: 'memory', initial: 1 }, description: 'plain' }
const ctx = { connections: ['plc'] }
const set = (id: ColumnId, text: string, t: TagDef = tag): SetResult => COLUMN_BY_ID.get(id)!.set(t, text, ctx)
const ok = (r: SetResult): TagDef => {
  if ('error' in r) throw new Error(r.error)
  return r.tag
}

describe('tag columns', () => {
  it('edit text round-trips through get/set', () => {
    const t = ok(set('range', '0 .. 5'))
    expect(t.range).toEqual({ min: 0, max: 5 })
    expect(COLUMN_BY_ID.get('range')!.get(t)).toBe('0 .. 5')
    const s = ok(set('scaling', '0..27648 -> 0..100'))
    expect(s.scaling).toEqual({ rawMin: 0, rawMax: 27648, engMin: 0, engMax: 100 })
    expect(COLUMN_BY_ID.get('scaling')!.get(s)).toBe('0 .. 27648 → 0 .. 100')
    const l = ok(set('limits', 'LL 0.2  L=0.5, H 4.5 hh:4.8'))
    expect(l.limits).toEqual({ lolo: 0.2, lo: 0.5, hi: 4.5, hihi: 4.8 })
    expect(ok(set('limits', COLUMN_BY_ID.get('limits')!.get(l), tag)).limits).toEqual(l.limits)
    expect(ok(set('range', '')).range).toBeUndefined()
  })

  it('refuses text a column cannot hold', () => {
    expect(set('range', '0 to 5')).toHaveProperty('error')
    expect(set('deadband', 'abc')).toHaveProperty('error')
    expect(set('dataType', 'WORD')).toHaveProperty('error')
    expect(parseLimits('X 5')).toHaveProperty('error')
    expect(set('source', 'abc', { ...tag, dataType: 'BOOL' })).toHaveProperty('error')
  })

  it('descriptions become per-locale, access fields drop when empty', () => {
    expect(ok(set('descZh', '液位')).description).toEqual({ en: 'plain', 'zh-CN': '液位' })
    expect(ok(set('descEn', '')).description).toBeUndefined()
    const w = ok(set('writeRole', 'operator'))
    expect(w.access).toEqual({ write: 'operator' })
    expect(ok(set('confirm', 'true', w)).access).toEqual({ write: 'operator', confirm: true })
    expect(ok(set('writeRole', '', w)).access).toBeUndefined()
  })

  it('a kind change starts from sensible fields', () => {
    expect(sourceOfKind(tag, 'connection', ctx)).toEqual({ kind: 'connection', connection: 'plc', address: 'Level' })
    expect(sourceOfKind(tag, 'expression', ctx)).toEqual({ kind: 'expression', expr: '1' })
    expect(sourceOfKind(tag, 'memory', ctx)).toBe(tag.source)
    expect(sourceOfKind({ ...tag, source: { kind: 'expression', expr: '1' } }, 'memory', ctx)).toEqual({ kind: 'memory' })
  })

  it('row validation names the column of each problem', () => {
    const bad = { ...tag, range: { min: 5, max: 1 }, access: { confirm: 'yes' }, source: { kind: 'connection', connection: 'plc', address: '' } }
    const issues = validateTag(bad)
    expect(issues.map((i) => columnOfIssue(i.path)).sort()).toEqual(['confirm', 'range', 'source'])
    expect(validateTag(tag)).toEqual([])
  })
})

describe('references', () => {
  it('finds references in screens, programs and expressions; renames inside expressions', () => {
    const d = new ProjectDocument()
    d.load({
      'screens/s.json': { widgets: [{ id: 'a', bindings: { v: { expr: '{A/B} + {A/C}' } }, events: { click: [{ action: 'toggle', tag: 'A/B' }] } }] },
      'programs/p.fbd.json': { blocks: [{ id: 'x', type: 'TAG_OUT', params: { tag: 'A/B' } }], wires: [] },
      'tags/A.json': { format: 1, folder: 'A', tags: [{ name: 'D', dataType: 'REAL', source: { kind: 'expression', expr: '{A/B}*2' } }] },
    })
    const refs = findReferences(d, (p) => p === 'A/B')
    expect(refs.map((r) => `${r.file} ${r.where} ${r.kind}`)).toEqual([
      'screens/s.json $.widgets[0].bindings.v.expr expression',
      'screens/s.json $.widgets[0].events.click[0].tag action',
      'programs/p.fbd.json $.blocks[0].params.tag program',
      'tags/A.json $.tags[0].source.expr tagExpression',
    ])
    expect(renameInExpr('max({A/B}, {A/B}) > {A/C} ? "{A/B}" : 1', (p) => (p === 'A/B' ? 'Z/Q' : undefined)))
      .toBe('max({Z/Q}, {Z/Q}) > {A/C} ? "{A/B}" : 1')
    expect(renameInExpr('broken ((', () => 'X')).toBe('broken ((')
  })
})

describe('history columns', () => {
  it('set and clear history settings; the object goes when empty; problems land in their column', () => {
    const on = ok(set('history', 'true'))
    expect(on.history).toEqual({ enabled: true })
    const db = ok(set('histDeadband', '0.5', on))
    expect(db.history).toEqual({ enabled: true, deadband: 0.5 })
    expect(COLUMN_BY_ID.get('histDeadband')!.get(db)).toBe('0.5')
    expect(ok(set('history', '', db)).history).toEqual({ deadband: 0.5 })
    expect(ok(set('histDeadband', '', ok(set('history', '', db)))).history).toBeUndefined()
    expect(set('histMaxMs', 'soon')).toHaveProperty('error')
    expect(columnOfIssue('history.maxIntervalMs')).toBe('histMaxMs')
    expect(columnOfIssue('alarms.0.limit')).toBe('alarms')
    expect(validateTag(ok(set('histMaxMs', '10')))[0]?.path).toBe('history.maxIntervalMs')
  })

  it('history can be bulk edited', async () => {
    const { bulkSet } = await import('./commands')
    const d = new ProjectDocument()
    d.load({ 'tags/A.json': { format: 1, folder: 'A', tags: [tag, { ...tag, name: 'B' }] } })
    const items = [{ file: 'tags/A.json', name: 'Level' }, { file: 'tags/A.json', name: 'B' }]
    expect(d.dispatch(bulkSet, { items, column: 'history', text: 'true', ctx }).ok).toBe(true)
    expect(d.get<{ tags: TagDef[] }>('tags/A.json')!.tags.map((t) => t.history)).toEqual([{ enabled: true }, { enabled: true }])
    expect(d.dispatch(bulkSet, { items, column: 'histMinMs', text: '-1', ctx })).toMatchObject({ ok: false })
  })
})
