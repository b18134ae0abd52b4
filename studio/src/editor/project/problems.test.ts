import { describe, expect, it } from 'vitest'
import type { Screen, TagFile } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { localProblems, screenProblems, widgetIndexOf } from './problems'
import { createTagIndexer } from './tagIndex'

const tagFile: TagFile = {
  format: 1, folder: 'Tank1',
  tags: [{ name: 'Level', dataType: 'REAL', source: { kind: 'memory' } }, { name: 'Run', dataType: 'BOOL', source: { kind: 'memory' } }],
}
const screen: Screen = {
  format: 1, name: 'main', title: 'Main', width: 800, height: 600,
  widgets: [
    { id: 'ok', type: 'numeric', x: 0, y: 0, w: 10, h: 10, bindings: { value: { tag: 'Tank1/Level' } } },
    { id: 'gone', type: 'numeric', x: 0, y: 0, w: 10, h: 10, bindings: { value: { tag: 'Tank1/Deleted' } } },
    { id: 'expr', type: 'numeric', x: 0, y: 0, w: 10, h: 10, bindings: { value: { expr: 'round({Tank1/Level} * 2' } } },
    { id: 'btn', type: 'button', x: 0, y: 0, w: 10, h: 10, events: { click: [{ action: 'toggle', tag: 'Tank1/Nope' }, { action: 'openScreen', screen: 'missing' }] } },
  ],
}

function project() {
  const d = new ProjectDocument()
  d.load({ 'tags/Tank1.json': tagFile, 'screens/main.json': screen })
  return d
}

describe('local problems', () => {
  it('reports unknown tags, expression errors with position, and missing screens at JSON paths', () => {
    const d = project()
    const idx = createTagIndexer()(d)
    const out = localProblems(d, idx)
    expect(out.map((p) => [p.code, p.path])).toEqual([
      ['E_REFERENCE', '$.widgets[1].bindings.value.tag'],
      ['E_EXPR_SYNTAX', '$.widgets[2].bindings.value.expr'],
      ['E_REFERENCE', '$.widgets[3].events.click[0].tag'],
      ['E_REFERENCE', '$.widgets[3].events.click[1].screen'],
    ])
    expect(out[1]?.message).toMatch(/column \d+/)
    expect(widgetIndexOf(out[2]?.path)).toBe(3)
  })

  it('caches per screen and tag index; a deleted tag shows up without touching the screen', () => {
    const d = project()
    const indexer = createTagIndexer()
    const idx = indexer(d)
    const s = d.get<Screen>('screens/main.json') as Screen
    const names = new Set(['main', 'missing'])
    const first = screenProblems('screens/main.json', s, idx, names)
    expect(screenProblems('screens/main.json', s, idx, names)).toBe(first)
    expect(indexer(d)).toBe(idx)
    d.applyExternal({ 'tags/Tank1.json': { ...tagFile, tags: [] } })
    const idx2 = indexer(d)
    expect(idx2).not.toBe(idx)
    expect(screenProblems('screens/main.json', s, idx2, names).some((p) => p.path === '$.widgets[0].bindings.value.tag')).toBe(true)
  })
})
