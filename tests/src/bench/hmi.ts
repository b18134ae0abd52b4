/**
 * HMI viewer frame rate with many live widgets: a screen of N numeric displays bound to N plant tags changing at
 * 10 Hz, rendered by the real viewer in Debian's Chromium against the real runtime and simulator (separate
 * processes). Frames are counted with requestAnimationFrame over several windows; median fps is reported.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashPassword } from '@takt/runtime'
import { spawnRuntime, spawnSim, writeLoadApp, writeSite } from '../helpers/procs.js'
import { launchChromium } from '../helpers/browser.js'
import { median, report } from './util.js'

const WINDOWS = 5
const WINDOW_MS = 2000

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
  } finally {
    await browser.close()
    await rt.stop()
    await sim.stop()
  }
}

export async function benchHmi(): Promise<void> {
  report('hmi_1000_10hz_fps', await fpsFor(1000), 'fps', 'goal >= 55; a plain Vue widget-per-component page reached 56 fps here')
  report('hmi_5000_10hz_fps', await fpsFor(5000), 'fps', 'frontier; a plain Vue page dropped to 9 fps here')
}
