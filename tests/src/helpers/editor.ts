/** Steps a new user takes in the studio editor, driven through the real UI in Chromium (playwright-core). */
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { ARTIFACTS } from './browser.js'
import { TANK_DEMO } from './stack.js'

/** A throwaway copy of the tank demo to use as a draft folder (the repo's example is never edited). */
export async function copyDemo(): Promise<{ root: string; app: string; data: string }> {
  const root = await mkdtemp(join(tmpdir(), 'takt-e2e-'))
  await cp(TANK_DEMO, join(root, 'app'), { recursive: true })
  return { root, app: join(root, 'app'), data: join(root, 'data') }
}

/** Open `url` (with an optional hash route) and log in through the login form. */
export async function login(page: Page, url: string, user: string, password: string, hash = ''): Promise<void> {
  await page.goto(`${url.replace(/\/$/, '')}/${hash}`)
  await page.fill('input[name=username]', user)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
}

/** Open an editor route as the engineer, logging in only when the page asks for it. */
export async function openEditor(page: Page, url: string, password: string, hash = '#/edit'): Promise<void> {
  // A full load, not a hash change in the open page: the studio's current bundles, and the session resumed.
  await page.goto('about:blank')
  await page.goto(`${url.replace(/\/$/, '')}/${hash}`)
  const first = await Promise.race([
    page.waitForSelector('input[name=username]', { timeout: 30_000 }).then(() => 'login' as const),
    page.waitForSelector('[data-editor]', { timeout: 30_000 }).then(() => 'editor' as const),
  ])
  if (first === 'login') {
    await page.fill('input[name=username]', 'engineer')
    await page.fill('input[name=password]', password)
    await page.click('button[type=submit]')
  }
  await page.waitForSelector('[data-editor] .tree')
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}editor-${name}.png` })
}

/** The save indicator says "saved": every edit reached the runtime's draft. */
export async function waitSaved(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('[data-save-state=saved]', { timeout })
}

/** The widgets on the design canvas of `screen` (the drag preview layer is not counted). */
export function designWidgets(page: Page, screen: string): Locator {
  return page.locator(`[data-design-screen="${screen}"] > [data-widget]`)
}

/** Drag a palette item onto the design canvas at (x, y) relative to the stage's top-left corner (HTML5 drag and drop). */
export async function dropFromPalette(page: Page, type: string, screen: string, x: number, y: number): Promise<void> {
  await page.locator(`[data-palette="${type}"]`).dragTo(page.locator(`[data-design-screen="${screen}"]`), { targetPosition: { x, y } })
}

/** Bind a property of the selected widget to a tag with the inspector's tag picker. */
export async function bindTag(page: Page, prop: string, tag: string): Promise<void> {
  const b = page.locator(`[data-binding="${prop}"]`)
  await b.locator('[data-mode=tag]').click()
  await b.locator('input[type=search]').fill(tag)
  await b.locator(`[role=option][title="${tag}"]`).click()
  await b.locator('.bound .path', { hasText: tag }).waitFor()
}

/** The tag path the selected widget's property is bound to in the inspector, or null. */
export async function boundTag(page: Page, prop: string): Promise<string | null> {
  const p = page.locator(`[data-binding="${prop}"] .bound .path`)
  return (await p.count()) > 0 ? (await p.textContent())?.trim() ?? null : null
}

/** Parse a draft file from disk. */
export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T
}
