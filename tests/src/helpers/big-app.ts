/**
 * A generated engineering project for the studio benches: 10,000 tags in 100 folder files (the first `liveTags`
 * bound to the simulator's load variables, the rest memory tags) and 100 screens of ~40 bound widgets, the last
 * of which is a 1,000-widget screen laid out on a grid (for the drag bench).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const BIG = {
  folders: 100,
  tagsPerFolder: 100,
  screens: 100,
  widgetsPerScreen: 40,
  /** The 1,000-widget screen: a 40 x 25 grid of 48 x 43 cells on a 1920 x 1080 screen. */
  dragScreen: 's099',
  cols: 40,
  rows: 25,
  cellW: 48,
  cellH: 43,
  widgetW: 42,
  widgetH: 34,
  pad: 3,
} as const

export const screenName = (i: number): string => `s${String(i).padStart(3, '0')}`
const folderName = (f: number) => `A${String(f).padStart(2, '0')}`
const tagName = (t: number) => `T${String(t).padStart(3, '0')}`
/** Tag path of the n-th tag (0-based over all folders). */
const tagPath = (n: number) => `${folderName(Math.floor(n / BIG.tagsPerFolder))}/${tagName(n % BIG.tagsPerFolder)}`
/** Every fifth tag is a BOOL, the rest REAL: widgets pick a tag of the type they show. */
const isBool = (n: number) => n % 5 === 4

function tagDef(n: number, liveTags: number): Record<string, unknown> {
  const t = n % BIG.tagsPerFolder
  const bool = isBool(n)
  const source = n < liveTags
    ? { kind: 'connection', connection: 'plant', address: `ns=1;s=Load.T${String(n).padStart(5, '0')}` }
    : { kind: 'memory', initial: bool ? false : 0 }
  return {
    name: tagName(t),
    // The simulator's load variables are doubles; a BOOL view of one would be a type mismatch, so live tags are REAL.
    dataType: bool && n >= liveTags ? 'BOOL' : 'REAL',
    source,
    description: { en: `Generated tag ${n}`, 'zh-CN': `生成的变量 ${n}` },
    ...(bool && n >= liveTags ? {} : { unit: 'm', range: { min: 0, max: 100 }, decimals: 2 }),
  }
}

/** A widget of a varied type at (x, y, w, h) bound to tag n (REAL or BOOL as the type needs). */
function widget(id: string, k: number, x: number, y: number, w: number, h: number, n: number): Record<string, unknown> {
  const real = isBool(n) ? n - 1 : n
  const bool = isBool(n) ? n : n + (4 - (n % 5))
  switch (k % 6) {
    case 0: return { id, type: 'numeric', x, y, w, h, props: { showUnit: false, fontSize: 12 }, bindings: { value: { tag: tagPath(real) } } }
    case 1: return { id, type: 'bar', x, y, w, h, bindings: { value: { tag: tagPath(real) } } }
    case 2: return { id, type: 'lamp', x, y, w, h, props: { fontSize: 11 }, bindings: { value: { tag: tagPath(bool) } } }
    case 3: return { id, type: 'label', x, y, w, h, props: { text: { en: `L${k}`, 'zh-CN': `L${k}` }, fontSize: 12 } }
    case 4: return { id, type: 'tank', x, y, w, h, bindings: { level: { tag: tagPath(real) } } }
    default: return { id, type: 'numeric', x, y, w, h, props: { showUnit: false, fontSize: 12 }, bindings: { value: { tag: tagPath(real) } } }
  }
}

function normalScreen(i: number): Record<string, unknown> {
  // 8 x 5 widgets of 200 x 160 on a 1920 x 1080 screen, bound to tags spread over the project.
  const widgets = Array.from({ length: BIG.widgetsPerScreen }, (_, k) => {
    const x = 20 + (k % 8) * 235
    const y = 20 + Math.floor(k / 8) * 205
    return widget(`w${k}`, k, x, y, 200, 160, (i * 97 + k * 13) % (BIG.folders * BIG.tagsPerFolder))
  })
  return { format: 1, name: screenName(i), title: { en: `Screen ${i}`, 'zh-CN': `画面 ${i}` }, width: 1920, height: 1080, nav: i < 10, widgets }
}

function dragScreen(liveTags: number): Record<string, unknown> {
  const widgets = Array.from({ length: BIG.cols * BIG.rows }, (_, k) => {
    const x = (k % BIG.cols) * BIG.cellW + BIG.pad
    const y = Math.floor(k / BIG.cols) * BIG.cellH + BIG.pad
    // Numeric displays and lamps (cheap, typical of dense overview screens), most of them live.
    const n = k % Math.max(1, liveTags)
    const w = k % 4 === 3
      ? { id: `g${k}`, type: 'lamp', x, y, w: BIG.widgetW, h: BIG.widgetH, props: { fontSize: 10 }, bindings: { value: { expr: `{${tagPath(n)}} > 50` } } }
      : { id: `g${k}`, type: 'numeric', x, y, w: BIG.widgetW, h: BIG.widgetH, props: { showUnit: false, fontSize: 11, decimals: 1 }, bindings: { value: { tag: tagPath(n) } } }
    return w
  })
  return { format: 1, name: BIG.dragScreen, title: { en: 'Dense overview', 'zh-CN': '密集总览' }, width: 1920, height: 1080, nav: false, widgets }
}

/** Write the project into `dir` (created); returns the APP folder. */
export async function writeBigApp(dir: string, liveTags: number): Promise<string> {
  const app = join(dir, 'app')
  await mkdir(join(app, 'tags'), { recursive: true })
  await mkdir(join(app, 'screens'), { recursive: true })
  await writeFile(join(app, 'app.json'), JSON.stringify({
    format: 1, id: 'big', name: { en: 'Generated plant', 'zh-CN': '生成的工厂' }, version: '1.0.0',
    connections: { plant: { kind: 'opcua' } }, entryScreen: screenName(0),
  }, null, 2))
  for (let f = 0; f < BIG.folders; f++) {
    const tags = Array.from({ length: BIG.tagsPerFolder }, (_, t) => tagDef(f * BIG.tagsPerFolder + t, liveTags))
    await writeFile(join(app, 'tags', `${folderName(f)}.json`), JSON.stringify({ format: 1, folder: folderName(f), tags }, null, 2))
  }
  for (let i = 0; i < BIG.screens; i++) {
    const s = screenName(i) === BIG.dragScreen ? dragScreen(liveTags) : normalScreen(i)
    await writeFile(join(app, 'screens', `${screenName(i)}.json`), JSON.stringify(s, null, 2))
  }
  return app
}
