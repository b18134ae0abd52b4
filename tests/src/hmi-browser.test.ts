/**
 * The operator's path in a real browser: log in, see live values move, change the level setpoint and watch the plant
 * follow, start the pump through the confirmation dialog. Screenshots land in tests/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startStack, USERS, type Stack } from './helpers/stack.js'
import { ARTIFACTS, launchChromium } from './helpers/browser.js'

const num = async (page: Page, widget: string) => Number((await page.locator(`[data-widget=${widget}] .val`).first().textContent())?.trim())

describe('HMI viewer in Chromium', () => {
  let stack: Stack
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    stack = await startStack()
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: { width: 1366, height: 800 } })).newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('logs in as operator, shows live values, and the plant follows a setpoint change and a pump start', async () => {
    await page.goto(stack.url)
    await page.fill('input[name=username]', 'operator')
    await page.fill('input[name=password]', 'wrong password')
    await page.click('button[type=submit]')
    await page.waitForSelector('.error[role=alert]')
    await page.fill('input[name=password]', USERS.operator)
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-screen=overview]')

    // Live: the level transmitter is noisy and supply pressure drifts, so the shown values change within seconds.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-widget=level] .val')?.textContent ?? ''), null, { timeout: 20_000 })
    const shown = async () => `${await page.locator('[data-widget=level] .val').textContent()}|${await page.locator('[data-widget=supply_pressure] .val').textContent()}`
    const first = await shown()
    await expect.poll(shown, { timeout: 20_000, interval: 200 }).not.toBe(first)
    await page.screenshot({ path: `${ARTIFACTS}hmi-overview-live.png` })

    // Setpoint: out-of-range entry is refused in place, a valid one is written.
    await page.click('[data-widget=level_sp] button.box')
    await page.fill('[data-widget=level_sp] input', '7')
    await expect.poll(async () => page.locator('[data-widget=level_sp] .msg.err').count()).toBe(1)
    await page.fill('[data-widget=level_sp] input', '4.2')
    await page.keyboard.press('Enter')
    await expect.poll(() => num(page, 'level_sp_view'), { timeout: 10_000 }).toBe(4.2)
    const levelBefore = await num(page, 'level')
    // The PID opens the inlet valve and the level rises.
    await expect.poll(() => num(page, 'valve_cmd'), { timeout: 15_000, interval: 250 }).toBeGreaterThan(90)
    await expect.poll(() => num(page, 'level'), { timeout: 30_000, interval: 250 }).toBeGreaterThan(levelBefore + 0.02)

    // Pump start needs a confirmation; cancel first, then confirm.
    await page.click('[data-widget=pump_cmd] button.sw')
    await page.waitForSelector('.dialog[role=alertdialog]')
    await page.click('.dialog button.cancel')
    await page.waitForSelector('.dialog', { state: 'detached' })
    expect(await page.locator('[data-widget=pump_cmd] button.sw').getAttribute('aria-checked')).toBe('false')
    await page.click('[data-widget=pump_cmd] button.sw')
    await page.waitForSelector('.dialog[role=alertdialog]')
    await page.screenshot({ path: `${ARTIFACTS}hmi-confirm.png` })
    await page.click('.dialog button.ok')
    await expect.poll(async () => page.locator('[data-widget=pump_cmd] button.sw').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true')
    await expect.poll(() => num(page, 'pump_current'), { timeout: 15_000, interval: 250 }).toBeGreaterThan(5)
    await page.screenshot({ path: `${ARTIFACTS}hmi-overview-pump-running.png` })

    // The detail screen with its trend.
    await page.click('[data-widget=to_detail] button')
    await page.waitForSelector('[data-screen=detail]')
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `${ARTIFACTS}hmi-detail.png` })
    expect(pageErrors).toEqual([])
  })
})
