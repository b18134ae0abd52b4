/**
 * HMI viewer frame rate with many live widgets: a screen of N numeric displays bound to N plant tags changing at
 * 10 Hz, rendered by the real viewer in Debian's Chromium against the real runtime and simulator (separate
 * processes). Frames are counted with requestAnimationFrame over several windows; median fps is reported.
 *
 * The baseline, measured in the same run: the "plain Vue widget-per-component page" — one Vue component per
 * display (a framed, right-aligned number, the same grid and font), every value changed at 10 Hz in the page.
 */
import { readFile, mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { hashPassword } from '@takt/runtime'
import { spawnRuntime, spawnSim, writeLoadApp, writeSite } from '../helpers/procs.js'
import { launchChromium } from '../helpers/browser.js'
import { median, report } from './util.js'

const WINDOWS = 5
const WINDOW_MS = 2000

/** Median fps over WINDOWS windows of WINDOW_MS, counted with requestAnimationFrame. */
async function measureFps(page: Page): Promise<number> {
  const fps: number[] = []
  for (let i = 0; i < WINDOWS; i++) {
    fps.push(await page.evaluate((ms) => new Promise<number>((resolve) => {
      let frames = 0
      const t0 = performance.now()
      const tick = (t: number) => {
        frames++
        if (t - t0 < ms) requestAnimationFrame(tick)
        else resolve((frames * 1000) / (t - t0))
      }
      requestAnimationFrame(tick)
    }), WINDOW_MS))
  }
  return median(fps)
}

/** The plain Vue page (served from memory; Vue's browser build from the studio's dependency). */
function plainVuePage(n: number): string {
  // The same grid as writeLoadApp's screen.
  const cols = Math.max(1, Math.ceil(Math.sqrt(n * 2)))
  const w = Math.floor(1900 / cols)
  const h = Math.max(8, Math.floor(w / 2))
  const fs = Math.max(6, Math.floor(h * 0.5))
  return `<!doctype html><html><head><style>
body { margin: 0; background: #d4d4d4; font-family: sans-serif; }
.num { position: absolute; box-sizing: border-box; text-align: right; padding: 1px 6px; background: #eee; border: 1px solid #999;
  font-family: monospace; font-weight: bold; color: #222; white-space: nowrap; }
</style></head><body><div id="app"></div><script type="module">
import { createApp, defineComponent, h, shallowRef } from '/vue.js'
const N = ${n}, COLS = ${cols}, W = ${w}, H = ${h}
const values = Array.from({ length: N }, () => shallowRef(0))
const Num = defineComponent({
  props: { i: { type: Number, required: true } },
  setup(p) {
    const style = { left: (p.i % COLS) * W + 'px', top: Math.floor(p.i / COLS) * H + 'px', width: W + 'px', height: H + 'px', fontSize: '${fs}px' }
    return () => h('div', { class: 'num', style }, values[p.i].value.toFixed(2))
  },
})
createApp({ render: () => h('div', Array.from({ length: N }, (_, i) => h(Num, { i, key: i }))) }).mount('#app')
let k = 0
setInterval(() => { k++; for (let i = 0; i < N; i++) values[i].value = (Math.sin(k / 10 + i) + 1) * 50 }, 100)
window.__ready = true
</script></body></html>`
}

async function plainVueFps(n: number): Promise<number> {
  const vue = await readFile(createRequire(new URL('../../../studio/package.json', import.meta.url)).resolve('vue/dist/vue.esm-browser.prod.js'), 'utf8')
  const browser = await launchChromium()
  try {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
    await page.route('http://plain.vue.bench/**', (route) => {
      const js = route.request().url().endsWith('/vue.js')
      return route.fulfill({ contentType: js ? 'text/javascript' : 'text/html', body: js ? vue : plainVuePage(n) })
    })
    await page.goto('http://plain.vue.bench/')
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true, null, { timeout: 60_000 })
    await page.waitForTimeout(1500)
    return await measureFps(page)
  } finally {
    await browser.close()
  }
}

async function fpsFor(widgets: number): Promise<number> {
  const sim = await spawnSim({ tags: widgets, rate: 10 })
  const site = await writeSite(await mkdtemp(join(tmpdir(), 'takt-site-')), sim.endpoint, [
    { name: 'op', role: 'operator', passwordHash: await hashPassword('op-password', { N: 1024, r: 8, p: 1 }) },
  ])
  const rt = await spawnRuntime(await writeLoadApp(widgets, widgets), site)
  const browser = await launchChromium()
  try {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
    await page.goto(rt.url)
    await page.fill('input[name=username]', 'op')
    await page.fill('input[name=password]', 'op-password')
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-screen=main]', { timeout: 60_000 })
    // Wait until values arrive, then let the stream settle.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-widget=n0] .val')?.textContent ?? ''), null, { timeout: 60_000 })
    await page.waitForTimeout(1500)
    return await measureFps(page)
  } finally {
    await browser.close()
    await rt.stop()
    await sim.stop()
  }
}

export async function benchHmi(): Promise<void> {
  for (const [n, name, goal] of [[1000, 'hmi_1000_10hz_fps', 'goal >= 55'], [5000, 'hmi_5000_10hz_fps', 'frontier']] as const) {
    const plain = await plainVueFps(n)
    const fps = await fpsFor(n)
    report(name, fps, 'fps', `${goal}; plain Vue widget-per-component page in this run ${plain.toFixed(1)} fps (ratio ${(fps / plain).toFixed(2)}x; the issue saw 56 and 9 fps)`)
  }
}
