import { describe, expect, it } from 'vitest'
import { Screen, TagFile, Template, WIDGET_TYPES, compileExpression, expandInstance } from '@takt/blocks'
import { WIDGET_SPECS, specsOf } from './specs'

// The demo APP's screens are checked here against the widget registry they are drawn with.
const screenFiles = import.meta.glob('../../../examples/tank-demo/screens/*.json', { eager: true, import: 'default' })
const tagFiles = import.meta.glob('../../../examples/tank-demo/tags/*.json', { eager: true, import: 'default' })
const typeFiles = import.meta.glob('../../../examples/tank-demo/types/*.json', { eager: true, import: 'default' })

describe('widget specs', () => {
  it('cover every widget type of the screen format', () => {
    expect([...WIDGET_SPECS.keys()].sort()).toEqual([...WIDGET_TYPES].sort())
  })

  it('have unique prop names, sane defaults and both UI languages', () => {
    for (const spec of WIDGET_SPECS.values()) {
      const names = spec.props.map((p) => p.name)
      expect(new Set(names).size, spec.type).toBe(names.length)
      expect(spec.name.en && spec.name['zh-CN']).toBeTruthy()
      expect(spec.defaultSize.w > 0 && spec.defaultSize.h > 0).toBe(true)
      for (const p of spec.props) {
        expect(p.label.en && p.label['zh-CN'], `${spec.type}.${p.name}`).toBeTruthy()
        if (p.type === 'enum') expect(p.options, `${spec.type}.${p.name}`).toContain(p.default)
        if (p.writes) expect(p.bindable).toBe(true)
      }
    }
  })
})

describe('tank-demo screens', () => {
  const tagPaths = new Set<string>()
  const templates = new Map(Object.values(typeFiles).map((raw) => Template.parse(raw)).map((t) => [t.name, t]))
  const expand = (type: string, path: string, params?: Record<string, string | number | boolean>) => {
    const t = templates.get(type)
    expect(t, `template ${type}`).toBeDefined()
    const r = expandInstance(t!, path, params)
    expect(r.issues).toEqual([])
    for (const m of r.members) tagPaths.add(m.tag.path)
  }
  for (const raw of Object.values(tagFiles)) {
    const f = TagFile.parse(raw)
    for (const t of f.tags) tagPaths.add(`${f.folder}/${t.name}`)
    if (f.type) expand(f.type, f.folder, f.params)
    for (const i of f.instances ?? []) expand(i.type, `${f.folder}/${i.name}`, i.params)
  }
  const screens = Object.entries(screenFiles).map(([file, raw]) => ({ file, screen: Screen.parse(raw) }))

  it('exist: overview and detail', () => {
    expect(screens.map((s) => s.screen.name).sort()).toEqual(['detail', 'overview'])
  })

  it.each(screens.map((s) => [s.screen.name, s.screen] as const))('%s: bindings, props and actions are valid', (_name, screen) => {
    const ids = new Set<string>()
    const names = new Set(screens.map((s) => s.screen.name))
    for (const w of screen.widgets) {
      expect(ids.has(w.id), `duplicate id ${w.id}`).toBe(false)
      ids.add(w.id)
      expect(w.x >= 0 && w.y >= 0 && w.x + w.w <= screen.width && w.y + w.h <= screen.height, `${w.id} inside the screen`).toBe(true)
      const specs = specsOf(w.type)
      const known = new Set(specs.map((p) => p.name))
      for (const k of Object.keys(w.props ?? {})) expect(known.has(k), `${w.id}.props.${k}`).toBe(true)
      for (const [k, b] of Object.entries(w.bindings ?? {})) {
        expect(specs.find((p) => p.name === k)?.bindable, `${w.id}.bindings.${k} bindable`).toBe(true)
        if ('tag' in b) expect(tagPaths.has(b.tag), `${w.id}: tag ${b.tag}`).toBe(true)
        else {
          const r = compileExpression(b.expr, { isTag: (p) => tagPaths.has(p) })
          expect(r.ok, `${w.id}: ${b.expr} ${r.ok ? '' : JSON.stringify(r.diagnostics)}`).toBe(true)
        }
      }
      for (const actions of Object.values(w.events ?? {})) {
        for (const a of actions) {
          if (a.action === 'openScreen') expect(names.has(a.screen), `${w.id} opens ${a.screen}`).toBe(true)
          else if (a.action === 'write' || a.action === 'toggle') expect(tagPaths.has(a.tag), `${w.id} writes ${a.tag}`).toBe(true)
        }
      }
    }
  })
})
