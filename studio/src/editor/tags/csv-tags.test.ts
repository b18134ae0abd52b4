import { describe, expect, it } from 'vitest'
import { TagFile } from '@takt/blocks'
import type { TagDef } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'
import { parseCsv } from './csv'
import { exportTagsCsv, importChanges, parseTagsCsv } from './csv-tags'
import { tagFiles } from './model'

const demo = import.meta.glob<TagFile>('../../../../examples/tank-demo/tags/*.json', { eager: true, import: 'default' })

function docOf(files: Record<string, unknown>): ProjectDocument {
  const d = new ProjectDocument()
  d.load({ 'app.json': { format: 1 }, ...files })
  return d
}

function demoFiles(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(demo).map(([p, v]) => [`tags/${p.slice(p.lastIndexOf('/') + 1)}`, v]))
}

/** Export -> import into an empty project; returns the files the import creates. */
function roundTrip(files: Record<string, unknown>): Record<string, unknown> {
  const csv = exportTagsCsv(tagFiles(docOf(files)))
  const preview = parseTagsCsv(csv)
  expect(preview.errors).toEqual([])
  return importChanges(docOf({}), preview, { mode: 'merge' }) as Record<string, unknown>
}

// A deterministic generator: every field, every source kind, awkward text.
function nastyFiles(): Record<string, TagFile> {
  let seed = 7
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
  const texts = ['', 'plain', 'comma, inside', 'quote " inside', 'line\nbreak', 'crlf\r\nbreak', ' lead', 'trail ', '中文 描述', '"quoted"', '=SUM(A1)', 'tab\t']
  const types = ['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'STRING', 'TIME', 'UINT'] as const
  const files: Record<string, TagFile> = {}
  for (const folder of ['Area', 'Area/Tank_1', 'Area/Tank_1/Pump-2', 'Z']) {
    const tags: TagDef[] = []
    for (let i = 0; i < 40; i++) {
      const dataType = types[rnd(types.length)]!
      const k = rnd(3)
      const tag: Record<string, unknown> = { name: `T${i}_${rnd(1000)}`, dataType }
      if (k === 0) tag['source'] = { kind: 'connection', connection: 'plc', address: `ns=2;s="A,${i}"\n`, ...(rnd(2) ? { samplingMs: rnd(5000) } : {}) }
      else if (k === 1) {
        const inits = [undefined, true, false, 0, 1.25, -3e-7, 12345678901, 'text', '', 'true', '12', 'a,"b"']
        const initial = inits[rnd(inits.length)]
        tag['source'] = initial === undefined ? { kind: 'memory' } : { kind: 'memory', initial }
      } else tag['source'] = { kind: 'expression', expr: `{Area/T${i}} * 2 + "${texts[rnd(texts.length)]!.replace(/["\\\n\r]/g, '')}"` }
      const d = rnd(4)
      if (d === 1) tag['description'] = texts[rnd(texts.length)]
      if (d === 2) tag['description'] = { en: texts[rnd(texts.length)]!, 'zh-CN': texts[rnd(texts.length)]! }
      if (d === 3) tag['description'] = { en: 'x', de: texts[rnd(texts.length)]!, 'ja-JP': '日本語' }
      if (rnd(2)) tag['unit'] = texts[rnd(texts.length)]!.slice(0, 32)
      if (rnd(2)) tag['range'] = { min: -rnd(100) || 0, max: 1 + rnd(1000) + 0.5 }
      if (rnd(3) === 0) tag['scaling'] = { rawMin: 0, rawMax: 27648, engMin: -rnd(50) || 0, engMax: 100.125 }
      if (rnd(3) === 0) tag['limits'] = rnd(2) ? { hi: 90, hihi: 95.5 } : { lolo: 1, lo: 2, hi: 3, hihi: 4 }
      if (rnd(2)) tag['deadband'] = rnd(100) / 1000
      if (rnd(2)) tag['access'] = rnd(2) ? { write: 'operator', confirm: true } : rnd(2) ? { write: 'admin', critical: true } : { confirm: false }
      if (rnd(4) === 0) {
        tag['alarms'] = [
          { name: 'high', priority: 2, kind: 'hi', limit: 90, message: { en: 'High, "really"', 'zh-CN': '高\n报警' } },
          { name: 'dev', priority: 'diagnostic', kind: 'deviation', setpoint: 'Area/SP', high: 5, onDelayMs: 2000 },
        ]
      }
      if (rnd(2)) tag['decimals'] = rnd(11)
      tags.push(tag as TagDef)
    }
    const file: TagFile = { format: 1, folder, tags }
    if (folder === 'Area') file.description = { en: 'Area, "one"', 'zh-CN': '区域\n一' }
    if (folder === 'Z') file.description = 'plain folder text'
    if (folder === 'Area/Tank_1/Pump-2') {
      file.type = 'Motor'
      file.params = { device: 'Pump, "2"', speedMax: 1450, on: true }
    }
    if (folder === 'Area') file.instances = [{ name: 'M1', type: 'Motor', params: { device: 'M1' }, description: { en: 'Mixer', 'zh-CN': '搅拌' } }, { name: 'M2', type: 'Motor' }]
    files[`tags/${folder.replace(/\//g, '.')}.json`] = TagFile.parse(file)
  }
  files['tags/Empty.json'] = { format: 1, folder: 'Empty', tags: [] }
  files['tags/Equip.json'] = { format: 1, folder: 'Equip', tags: [], instances: [{ name: 'P1', type: 'Pump' }] }
  return files
}

describe('tags CSV', () => {
  it('round-trips the demo APP tags without loss', () => {
    expect(Object.keys(demo).length).toBeGreaterThan(3)
    expect(roundTrip(demoFiles())).toEqual(demoFiles())
  })

  it('round-trips a nasty generated set (quotes, commas, newlines, Chinese, every field and source kind)', () => {
    const files = nastyFiles()
    expect(roundTrip(files)).toEqual(files)
  })

  it('re-importing an export into the same project changes nothing', () => {
    const d = docOf(demoFiles())
    const preview = parseTagsCsv(exportTagsCsv(tagFiles(d)))
    expect(importChanges(d, preview, { mode: 'merge' })).toEqual({})
    expect(importChanges(d, preview, { mode: 'replace' })).toEqual({})
  })

  it('writes one row per tag with dotted columns and a BOM', () => {
    const csv = exportTagsCsv(tagFiles(docOf(demoFiles())))
    expect(csv.startsWith('\uFEFFfolder,name,dataType,source.kind,source.connection,source.address')).toBe(true)
    const recs = parseCsv(csv).records
    const header = recs[0]!.cells
    const level = recs.find((r) => r.cells[1] === 'Level' && r.cells[0] === 'Tank1')!
    const cell = (c: string) => level.cells[header.indexOf(c)]
    expect(cell('source.address')).toBe('ns=1;s=Tank1.Level')
    expect(cell('description.zh-CN')).toBe('罐液位')
    expect(cell('range.max')).toBe('5')
    expect(cell('unit')).toBe('m')
  })

  it('reports problems by line and column', () => {
    const csv = [
      'folder,name,dataType,source.kind,source.address,source.connection,range.min,range.max,access.confirm,source.initial,bogus',
    ].join('\n')
    expect(parseTagsCsv(csv).errors).toEqual([{ line: 1, column: 'bogus', message: "unknown column 'bogus'" }])
    const text = [
      'folder,name,dataType,source.kind,source.connection,source.address,range.min,range.max,access.confirm,source.initial',
      'A,ok,REAL,memory,,,0,10,,2.5',
      'A,"multi',
      'line",REAL,memory,,,,,,',
      'bad folder!,x,REAL,memory,,,,,,',
      'A,y,WORD,memory,,,,,,',
      'A,z,REAL,connection,plc,,,,,',
      'A,r,REAL,memory,,,10,1,,',
      'A,s,REAL,memory,,,abc,,,',
      'A,c,BOOL,memory,,,,,maybe,',
      'A,i,BOOL,memory,,,,,,notbool',
      'A,ok,REAL,memory,,,,,,',
      'A,m,REAL,memory,plc,,,,,',
    ].join('\r\n')
    const p = parseTagsCsv(text)
    const errs = p.errors.map((e) => `${e.line}:${e.column}`)
    expect(errs).toEqual([
      '3:name', '5:folder', '6:dataType', '7:source.address', '8:range.max', '9:range.min', '10:access.confirm',
      '11:source.initial', '12:name', '13:source.connection',
    ])
    expect(p.tagCount).toBe(1)
  })

  it('replace mode deletes folders that are not in the file; merge keeps them', () => {
    const d = docOf(demoFiles())
    const only = 'folder,name,dataType,source.kind\r\nTank1,Level,REAL,memory\r\n'
    const merge = importChanges(d, parseTagsCsv(only), { mode: 'merge' })
    expect(Object.keys(merge)).toEqual(['tags/Tank1.json'])
    expect((merge['tags/Tank1.json'] as TagFile).tags.length).toBe(5)
    const replace = importChanges(d, parseTagsCsv(only), { mode: 'replace' })
    expect((replace['tags/Tank1.json'] as TagFile).tags).toEqual([{ name: 'Level', dataType: 'REAL', source: { kind: 'memory' } }])
    expect(Object.values(replace).filter((v) => v === null).length).toBe(Object.keys(demo).length - 1)
  })
})

describe('tags CSV: history settings', () => {
  const T = (name: string, extra: Partial<TagDef> = {}): TagDef => ({ name, dataType: 'REAL', source: { kind: 'memory' }, ...extra })
  const files = {
    'tags/H.json': {
      format: 1, folder: 'H', tags: [
        T('Full', { history: { enabled: true, deadband: 0.05, minIntervalMs: 250, maxIntervalMs: 60000 } }),
        T('Off', { history: { enabled: false, maxIntervalMs: 1000 } }),
        T('Empty', { history: {} }),
        T('None'),
        T('WithAlarms', { alarms: [{ name: 'HI', kind: 'hi', limit: 4, priority: 2 }], history: { enabled: true } }),
      ],
    },
  }

  it('each setting has its own column and survives the round trip', () => {
    const csv = exportTagsCsv(tagFiles(docOf(files)))
    const recs = parseCsv(csv).records
    const header = recs[0]!.cells
    const full = recs.find((r) => r.cells[1] === 'Full')!
    expect(full.cells[header.indexOf('history.enabled')]).toBe('true')
    expect(full.cells[header.indexOf('history.maxIntervalMs')]).toBe('60000')
    expect(full.cells[header.indexOf('extra')]).toBeNull()
    expect(roundTrip(files)).toEqual(files)
  })

  it('reads history from `extra` in files written before the columns existed', () => {
    const csv = 'folder,name,dataType,source.kind,extra\r\nH,Old,REAL,memory,"{""history"":{""enabled"":true}}"\r\n'
    const p = parseTagsCsv(csv)
    expect(p.errors).toEqual([])
    expect(p.folders[0]!.tags[0]).toEqual(T('Old', { history: { enabled: true } }))
  })

  it('reports a bad history cell in its column', () => {
    const csv = 'folder,name,dataType,source.kind,history.enabled,history.minIntervalMs\r\nH,A,REAL,memory,maybe,\r\nH,B,REAL,memory,true,-5\r\n'
    expect(parseTagsCsv(csv).errors.map((e) => `${e.line}:${e.column}`)).toEqual(['2:history.enabled', '3:history.minIntervalMs'])
  })
})
