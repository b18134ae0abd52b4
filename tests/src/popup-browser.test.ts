/**
 * Popups in a real browser: the operator clicks the agitator on the overview, its Motor faceplate opens in a
 * floating window with live values, starts the motor from it, drags it, and closes it with the button and with
 * Escape. The popup's tags are subscribed while it is open and released when it closes. Screenshots land in
 * tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { USERS, type Stack } from './helpers/stack.js'
import { ARTIFACTS } from './helpers/browser.js'
import { editorSession, openEditor, type EditorSession } from './helpers/editor.js'

const POPUP = '[data-popup="faceplate:Motor@Agitator"]'

describe('HMI popups in Chromium', () => {
  let session: EditorSession
  let stack: Stack
  let page: Page

  beforeAll(async () => {
    // A draft copy of the demo, so the editor's preview can be tried too (the repo's example is never edited).
    session = await editorSession({ viewport: { width: 1366, height: 800 } })
    stack = session.stack
    page = session.page
  })
  afterAll(async () => {
    await session?.close()
  })

  /** Distinct tags the operator's session is subscribed to, as the runtime counts them. */
  const subscribed = () => stack.runtime.gateway.clientStats().find((c) => c.user === 'operator')?.subscribed ?? -1
  const box = async () => {
    const b = await page.locator(POPUP).boundingBox()
    if (!b) throw new Error('popup not visible')
    return b
  }
  const speed = async () => Number((await page.locator(`${POPUP} [data-widget=speed] .val`).textContent())?.trim())

  it('opens the agitator faceplate as a live popup, drags it, and closes it with the button and with Escape', async () => {
    await page.goto(stack.url)
    await page.fill('input[name=username]', 'operator')
    await page.fill('input[name=password]', USERS.operator)
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-screen=overview]')
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-widget=level] .val')?.textContent ?? ''), null, { timeout: 20_000 })
    await expect.poll(subscribed, { timeout: 10_000 }).toBeGreaterThan(0)
    const screenOnly = subscribed()

    // Click the agitator: its faceplate opens over the screen, titled, with live values of its own tags.
    await page.click('[data-widget=agitator]')
    await page.waitForSelector(POPUP)
    expect(await page.locator(`${POPUP} .title .text`).textContent()).toBe('Agitator M-101')
    await page.waitForFunction((sel) => /\d/.test(document.querySelector(`${sel} [data-widget=vibration] .val`)?.textContent ?? ''), POPUP, { timeout: 20_000 })
    // Current and vibration are shown only in the popup: its group adds them to the session.
    await expect.poll(subscribed, { timeout: 10_000 }).toBe(screenOnly + 2)
    // Clicking the agitator again brings the same popup to the front instead of opening a second one.
    await page.click('[data-widget=agitator]', { position: { x: 10, y: 10 } })
    expect(await page.locator('[data-popup]').count()).toBe(1)

    // Start the motor from the popup: the write asks first; Escape cancels the question, not the popup.
    await page.click(`${POPUP} [data-widget=run] button.sw`)
    await page.waitForSelector('.dialog[role=alertdialog]')
    await page.keyboard.press('Escape')
    await page.waitForSelector('.dialog', { state: 'detached' })
    expect(await page.locator(POPUP).count()).toBe(1)
    await page.click(`${POPUP} [data-widget=run] button.sw`)
    await page.waitForSelector('.dialog[role=alertdialog]')
    await page.click('.dialog button.ok')
    await expect.poll(speed, { timeout: 15_000, interval: 250 }).toBeGreaterThan(100)
    await page.waitForTimeout(600) // let the motor symbol and values settle for the picture
    await page.screenshot({ path: `${ARTIFACTS}popup-01-open-live.png` })

    // Drag by the title bar: the window follows the pointer.
    const before = await box()
    const grip = { x: before.x + 60, y: before.y + 12 }
    await page.mouse.move(grip.x, grip.y)
    await page.mouse.down()
    await page.mouse.move(grip.x - 250, grip.y + 40, { steps: 8 })
    await page.mouse.move(grip.x - 400, grip.y + 120, { steps: 8 })
    await page.mouse.up()
    const after = await box()
    expect(Math.round(after.x - before.x)).toBe(-400)
    expect(Math.round(after.y - before.y)).toBe(120)
    await page.screenshot({ path: `${ARTIFACTS}popup-02-dragged.png` })
    // Values keep flowing into the moved window.
    const v = await speed()
    expect(Number.isFinite(v)).toBe(true)

    // Close with the button: the window goes and so does its subscription.
    await page.click(`${POPUP} [data-popup-close]`)
    await page.waitForSelector(POPUP, { state: 'detached' })
    await expect.poll(subscribed, { timeout: 10_000 }).toBe(screenOnly)

    // Reopen, then Escape closes the front popup.
    await page.click('[data-widget=agitator]')
    await page.waitForSelector(POPUP)
    await expect.poll(subscribed, { timeout: 10_000 }).toBe(screenOnly + 2)
    await page.keyboard.press('Escape')
    await page.waitForSelector(POPUP, { state: 'detached' })
    await expect.poll(subscribed, { timeout: 10_000 }).toBe(screenOnly)

    // Leaving the screen closes its popups.
    await page.click('[data-widget=agitator]')
    await page.waitForSelector(POPUP)
    await page.click('[data-widget=to_detail] button')
    await page.waitForSelector('[data-screen=detail]')
    expect(await page.locator('[data-popup]').count()).toBe(0)
    expect(session.pageErrors).toEqual([])
  })

  it('offers "Open popup" in the action inspector and opens the popup in the editor preview', async () => {
    const eng = await session.openPage()
    await openEditor(eng, stack.url, USERS.engineer)
    await eng.click('[data-tree=screens] a[data-item="overview"]')
    await eng.waitForSelector('[data-design-screen=overview]')
    await eng.click('[data-design-screen=overview] > [data-widget=agitator]')
    const fields = eng.locator('[data-event=click] [data-popup-action=openPopup]')
    await fields.waitFor()
    expect(await eng.locator('[data-event=click] select[aria-label=Action]').inputValue()).toBe('openPopup')
    expect(await fields.locator('[data-popup-shows]').inputValue()).toBe('faceplate')
    expect(await fields.locator('[data-popup-template]').inputValue()).toBe('Motor')
    expect(await fields.locator('[data-popup-instance]').inputValue()).toBe('Agitator')
    await eng.screenshot({ path: `${ARTIFACTS}popup-03-inspector.png` })

    // Preview runs the screen as the HMI does: the click opens the popup over the previewed screen.
    await eng.click('[data-action=preview]')
    await eng.click('.screen-editor [data-screen=overview] [data-widget=agitator]')
    await eng.waitForSelector(`.screen-editor ${POPUP}`)
    await eng.waitForFunction((sel) => /\d/.test(document.querySelector(`.screen-editor ${sel} [data-widget=vibration] .val`)?.textContent ?? ''), POPUP, { timeout: 20_000 })
    await eng.screenshot({ path: `${ARTIFACTS}popup-04-editor-preview.png` })
    await eng.keyboard.press('Escape')
    await eng.waitForSelector(POPUP, { state: 'detached' })
    expect(session.pageErrors).toEqual([])
    await eng.context().close()
  })
})
