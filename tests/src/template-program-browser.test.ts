/**
 * Editing a template program's network in a real browser: from the Motor template's Programs tab, "Edit network"
 * opens RunCheck in the logic editor, monitors the Agitator instance's copy, adds a block, autosaves into
 * types/Motor.json, and the block is still there after a reload. Screenshots land in tests/artifacts/template-program-*.png.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Template } from '@takt/blocks'
import { USERS } from './helpers/stack.js'
import { ARTIFACTS } from './helpers/browser.js'
import { editorSession, openEditor, readJson, waitSaved, type EditorSession } from './helpers/editor.js'

describe('template program network in Chromium', () => {
  let session: EditorSession
  let page: Page

  beforeAll(async () => {
    session = await editorSession({ viewport: { width: 1600, height: 900 } })
    page = session.page
  })
  afterAll(async () => {
    await session?.close()
  })

  it('opens RunCheck from the template, monitors an instance, adds a block, saves and keeps it after a reload', async () => {
    await openEditor(page, session.stack.url, USERS.engineer, '#/edit/template/Motor')
    await page.click('[data-tab=programs]')
    await page.click('tr[data-program=RunCheck] [data-action=edit-network]')
    await page.waitForSelector('.logic-editor [data-block=delay]')
    expect(page.url()).toContain('#/edit/template/Motor/program/RunCheck')
    const blocks = page.locator('.logic-editor [data-block]')
    expect(await blocks.count()).toBe(6)
    expect(await page.locator('.logic-editor .fb.error').count()).toBe(0)

    // The running copy of the Agitator instance, online.
    expect(await page.inputValue('[data-monitor-instance]')).toBe('Agitator')
    await page.check('.logic-editor label.mon input')
    await page.waitForSelector('.logic-editor .mstate.on')
    const pv = page.locator('.logic-editor [data-block=delay] .pin', { has: page.locator('.name', { hasText: /^Q$/ }) }).locator('.pv')
    await expect.poll(async () => (await pv.textContent())?.trim(), { timeout: 10_000 }).toMatch(/^(TRUE|FALSE)$/)
    await page.screenshot({ path: `${ARTIFACTS}template-program-1-monitor.png` })
    await page.uncheck('.logic-editor label.mon input')

    // The tag picker offers the template's members; undo goes through the document like any edit.
    const cmd = page.locator('.logic-editor [data-block=cmd]')
    await cmd.click()
    await page.fill('.logic-editor .right .picker input[role=combobox]', 'Running')
    await page.locator('.logic-editor .right .picker [role=option]', { has: page.locator('.path', { hasText: /^\$\/Running$/ }) }).click()
    await expect.poll(async () => (await cmd.locator('.tag').textContent())?.trim()).toBe('$/Running')
    await page.screenshot({ path: `${ARTIFACTS}template-program-2-picker.png` })
    await page.click('[data-action=undo]')
    await expect.poll(async () => (await cmd.locator('.tag').textContent())?.trim()).toBe('$/RunCmd')

    // A block from the palette, saved into the template file.
    await page.fill('.logic-editor .palette input.search', 'NOT')
    await page.locator('.logic-editor .palette .item', { has: page.locator('.type', { hasText: /^NOT$/ }) })
      .dragTo(page.locator('.logic-editor .canvas'), { targetPosition: { x: 300, y: 400 } })
    await expect.poll(() => blocks.count()).toBe(7)
    await waitSaved(page)
    const motor = await readJson<Template>(join(session.dirs.app, 'types', 'Motor.json'))
    expect(motor.programs?.find((p) => p.name === 'RunCheck')?.blocks.map((b) => b.id)).toContain('not')

    await page.reload()
    await page.waitForSelector('.logic-editor [data-block=not]')
    expect(await blocks.count()).toBe(7)
    await page.screenshot({ path: `${ARTIFACTS}template-program-3-reloaded.png` })

    // Back to the template, on its Programs tab, which counts the new block.
    await page.click('[data-action=back-to-template]')
    await expect.poll(async () => (await page.locator('tr[data-program=RunCheck] [data-col=blocks]').textContent())?.trim()).toBe('7')
    expect(session.pageErrors).toEqual([])
  })
})
