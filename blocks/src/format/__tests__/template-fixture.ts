/** The small APP of app-fixture.ts plus a Motor template, two listed instances and one folder instance. */
import { fixture } from './app-fixture.js'
import type { Doc } from './app-fixture.js'

export function motorTemplate(): Doc {
  return {
    format: 1, name: 'Motor', description: { en: 'Motor', 'zh-CN': '电机' },
    parameters: [
      { name: 'device', type: 'string' },
      { name: 'plc', type: 'string', default: 'plc1' },
      { name: 'speedMax', type: 'number', default: 1500 },
    ],
    tags: [
      { name: 'RunCmd', dataType: 'BOOL', source: { kind: 'connection', connection: '${plc}', address: 'ns=2;s=${device}.RunCmd' }, access: { write: 'operator' } },
      { name: 'Running', dataType: 'BOOL', source: { kind: 'connection', connection: '${plc}', address: 'ns=2;s=${device}.Running' } },
      { name: 'Speed', dataType: 'REAL', unit: 'rpm', range: { min: 0, max: '${speedMax}' }, source: { kind: 'connection', connection: '${plc}', address: 'ns=2;s=${device}.Speed' } },
      { name: 'Fast', dataType: 'BOOL', source: { kind: 'expression', expr: '{$/Speed} > ${speedMax} * 0.9' } },
    ],
    faceplate: {
      width: 200, height: 120,
      widgets: [
        { id: 'm', type: 'motor', x: 0, y: 0, w: 60, h: 70, bindings: { running: { tag: '$/Running' } }, events: { click: [{ action: 'toggle', tag: '$/RunCmd' }] } },
        { id: 'spd', type: 'numeric', x: 70, y: 0, w: 130, h: 30, bindings: { value: { tag: '$/Speed' } } },
        { id: 'txt', type: 'label', x: 70, y: 40, w: 130, h: 30, bindings: { text: { expr: '"{$/x} " + fmt({$/Speed}, 0)' } } },
      ],
    },
  }
}

export function templateFixture(): Record<string, Doc> {
  const docs = fixture()
  docs['types/Motor.json'] = motorTemplate()
  docs['tags/Motors.json'] = {
    format: 1, folder: 'Area1/Motors',
    tags: [],
    instances: [
      { name: 'M1', type: 'Motor', params: { device: 'Motor1' } },
      { name: 'M2', type: 'Motor', params: { device: 'Motor2', speedMax: 3000 }, description: 'Second motor' },
    ],
  }
  docs['tags/Mixer.json'] = { format: 1, folder: 'Mixer', type: 'Motor', params: { device: 'Mixer' }, tags: [{ name: 'Note', dataType: 'STRING', source: { kind: 'memory' } }] }
  docs['screens/detail.json']!.widgets.push({ id: 'fp1', type: 'faceplate', x: 10, y: 10, w: 300, h: 180, props: { template: 'Motor', instance: 'Area1/Motors/M1' } })
  return docs
}
