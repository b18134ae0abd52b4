/** A small valid APP as editable objects; tests change one thing and serialise it with `files()`. */
import { memorySource } from '../loader.js'
import type { AppSource } from '../loader.js'

// Tests reach deep into documents to break one field; typing every shape would only add noise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>

export function fixture(): Record<string, Doc> {
  return {
    'app.json': {
      format: 1, id: 'tank-demo', name: { en: 'Tank demo', 'zh-CN': '储罐演示' }, version: '1.0.0',
      connections: { plc1: { kind: 'opcua' } },
      entryScreen: 'overview',
      tasks: [{ name: 'main', periodMs: 100, programs: ['fill'] }],
    },
    'tags/Tank1.json': {
      format: 1, folder: 'Area1/Tank1',
      tags: [
        { name: 'Level', dataType: 'REAL', unit: '%', range: { min: 0, max: 100 }, source: { kind: 'connection', connection: 'plc1', address: 'ns=2;s=Tank1.Level' } },
        { name: 'Pump', dataType: 'BOOL', source: { kind: 'memory', initial: false }, access: { write: 'operator' } },
        { name: 'Setpoint', dataType: 'REAL', range: { min: 0, max: 100 }, source: { kind: 'memory', initial: 50 }, access: { write: 'operator', confirm: true } },
        { name: 'Full', dataType: 'BOOL', source: { kind: 'expression', expr: '{Area1/Tank1/Level} >= {Area1/Tank1/Setpoint}' } },
      ],
    },
    'tags/Plant.json': {
      format: 1, folder: 'Plant',
      tags: [{ name: 'Name', dataType: 'STRING', source: { kind: 'memory', initial: 'North' } }],
    },
    'programs/fill.fbd.json': {
      format: 1, name: 'fill',
      blocks: [
        { id: 'full', type: 'TAG_IN', params: { tag: 'Area1/Tank1/Full' } },
        { id: 'not1', type: 'NOT' },
        { id: 'pump', type: 'TAG_OUT', params: { tag: 'Area1/Tank1/Pump' } },
      ],
      wires: [{ from: 'full.OUT', to: 'not1.IN' }, { from: 'not1.OUT', to: 'pump.IN' }],
    },
    'screens/overview.json': {
      format: 1, name: 'overview', title: 'Overview', width: 1280, height: 720,
      widgets: [
        { id: 'tank1', type: 'tank', x: 10, y: 10, w: 100, h: 200, props: { label: 'Tank 1' }, bindings: { value: { tag: 'Area1/Tank1/Level' } } },
        { id: 'info', type: 'label', x: 120, y: 10, w: 200, h: 30, bindings: { text: { expr: '{Plant/Name} + ": " + fmt({Area1/Tank1/Level}, 1) + " %"' } } },
        { id: 'pumpBtn', type: 'button', x: 120, y: 50, w: 100, h: 40, events: { click: [{ action: 'toggle', tag: 'Area1/Tank1/Pump', confirm: 'Switch pump?' }] } },
        { id: 'sp', type: 'button', x: 120, y: 100, w: 100, h: 40, events: { click: [{ action: 'write', tag: 'Area1/Tank1/Setpoint', value: 80 }] } },
        { id: 'more', type: 'button', x: 120, y: 150, w: 100, h: 40, events: { click: [{ action: 'openScreen', screen: 'detail' }] } },
      ],
    },
    'screens/detail.json': { format: 1, name: 'detail', title: 'Detail', width: 800, height: 600, widgets: [] },
  }
}

/** Serialises documents (pretty, so line/column mean something); strings are taken as raw file text. */
export function files(docs: Record<string, Doc | string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, doc] of Object.entries(docs)) out[path] = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2)
  return out
}

export function source(docs: Record<string, Doc | string>): AppSource {
  return memorySource(files(docs))
}
