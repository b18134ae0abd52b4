/** Steps a new user takes in the studio editor, driven through the real UI in Chromium (playwright-core). */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { ARTIFACTS, launchChromium } from './browser.js'
import { loadDemo, startStack, TANK_DEMO, type Stack } from './stack.js'

/** A throwaway copy of the tank demo to use as a draft folder (the repo's example is never edited). */
export async function copyDemo(): Promise<{ root: string; app: string; data: string }> {
  const root = await mkdtemp(join(tmpdir(), 'takt-e2e-'))
  await cp(TANK_DEMO, join(root, 'app'), { recursive: true })
  return { root, app: join(root, 'app'), data: join(root, 'data') }
}

export type DemoDirs = Awaited<ReturnType<typeof copyDemo>>

/** A stack on a draft copy of the demo and Chromium with one page open on nothing yet; see `editorSession`. */
export interface EditorSession {
  stack: Stack
  dirs: DemoDirs
  browser: Browser
  context: BrowserContext
  page: Page
  /** Uncaught errors of `page` and of every page `openPage` opened; a test expects it empty at the end. */
  pageErrors: string[]
  /** A page in a new context of the same viewport whose errors go to `pageErrors`, prefixed `label: ` if given. */
  openPage(label?: string): Promise<Page>
  /** Closes the browser, stops the stack and removes the draft copy. */
  close(): Promise<void>
}

/**
 * The usual browser test setup: a throwaway copy of the tank demo as the draft, the runtime and plant simulator on
 * it, and Chromium with one page. If a step fails, what was already started is stopped before the error is thrown.
 */
export async function editorSession(opts: { viewport: { width: number; height: number } }): Promise<EditorSession> {
  const dirs = await copyDemo()
  let stack: Stack | undefined
  let browser: Browser | undefined
  const stop = async (): Promise<void> => {
    await browser?.close()
    await stack?.stop()
    await rm(dirs.root, { recursive: true, force: true })
  }
  try {
    stack = await startStack({ compiled: await loadDemo(dirs.app), draftDir: dirs.app, dataDir: dirs.data })
    const b = browser = await launchChromium()
    const pageErrors: string[] = []
    const openPage = async (label?: string): Promise<Page> => {
      const page = await (await b.newContext({ viewport: opts.viewport })).newPage()
      page.on('pageerror', (e) => pageErrors.push(label === undefined ? e.message : `${label}: ${e.message}`))
      return page
    }
    const page = await openPage()
    return { stack, dirs, browser: b, context: page.context(), page, pageErrors, openPage, close: stop }
  } catch (e) {
    await stop()
    throw e
  }
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
