/**
 * Scheduling logic without touching app.json by hand, in a real browser against the real runtime: create a task on
 * the Tasks page, add a new FBD program to it from the logic editor's task line, move an ST PROGRAM (with its
 * bindings) into it, reorder, undo/redo, save, reload, and read app.json back from the draft.
 * Screenshots land in tests/artifacts/editor-tasks-*.png.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { AppManifest } from '@takt/blocks'
import { USERS } from './helpers/stack.js'
import { ARTIFACTS } from './helpers/browser.js'
import { TestClient } from './helpers/ws-client.js'
import { editorSession, openEditor, readJson, shot, waitSaved, type EditorSession } from './helpers/editor.js'

const PROGRAM = 'e2e_fast'
const AGITATOR_BINDINGS = { level: 'Tank1/Level', runCmd: 'Agitator/RunCmd', permit: 'Control/AgitatorPermit' }

describe('task editor in Chromium', () => {
  let session: EditorSession
  let page: Page

  beforeAll(async () => {
    session = await editorSession({ viewport: { width: 1500, height: 900 } })
    page = session.page
  })
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      await page?.screenshot({ path: `${ARTIFACTS}editor-tasks-failed.png` }).catch(() => undefined)
    })
  })
  afterAll(async () => {
    await session?.close()
  })

  /** The program names of a task card, in the order the page shows them. */
  const order = (task: string) => page.locator(`[data-task="${task}"] tr[data-program]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-program')))

  it('creates a task, schedules programs from the logic editor and the Tasks page, reorders, and the draft keeps it', async () => {
    await openEditor(page, session.stack.url, USERS.engineer, '#/edit/tasks')
    await page.waitForSelector('[data-tasks-page] [data-task=control]')
    // The demo's task, its programs in order, and the Motor template's copy for the Agitator instance (read-only).
    expect(await order('control')).toEqual(['level_control', 'interlocks', 'agitator'])
    expect(await page.locator('[data-task=control] tr.copy[data-copy="Agitator/RunCheck"]').textContent()).toMatch(/Agitator.*Motor/)
    expect(await page.locator('[data-task=control] tr.copy button, [data-task=control] tr.copy select').count()).toBe(0)

    // A new task "fast" at 50 ms; a bad period is refused with the reason.
    const form = page.locator('[data-new-task]')
    await form.locator('input[name=name]').fill('fast')
    await form.locator('input[name=periodMs]').fill('5')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => page.locator('[data-tasks-page] > .err[role=alert]').textContent()).toMatch(/from 10 to 3600000/)
    await form.locator('input[name=periodMs]').fill('50')
    await form.locator('button[type=submit]').click()
    await page.waitForSelector('[data-task=fast]')
    expect(await page.locator('[data-task=fast] input.period').inputValue()).toBe('50')
    await shot(page, 'tasks-01-created')

    // A new FBD program; its editor says it is not scheduled and adds it to "fast" from the toolbar line.
    await page.click('[data-add=programs]')
    await page.fill('[data-tree=programs] input.name-in', PROGRAM)
    await page.press('[data-tree=programs] input.name-in', 'Enter')
    const line = page.locator('.logic-editor [data-program-task]')
    await expect.poll(() => line.textContent()).toMatch(/Not scheduled/)
    await line.locator('select').selectOption('fast')
    await expect.poll(async () => (await line.textContent())?.trim()).toMatch(/^Runs in task fast \(50 ms\)/)
    await shot(page, 'tasks-02-logic-line')

    // Back on the Tasks page: move the ST PROGRAM agitator (it has tag bindings) into "fast", then run it first.
    await page.click('[data-tree-link=tasks]')
    await page.waitForSelector('[data-task=fast] tr[data-program=e2e_fast]')
    await page.locator('[data-task=control] tr[data-program=agitator] select[data-act=move]').selectOption('fast')
    await expect.poll(() => order('fast')).toEqual([PROGRAM, 'agitator'])
    expect(await page.locator('[data-task=fast] tr[data-program=agitator] .kind').textContent()).toBe('ST')
    await page.locator('[data-task=fast] tr[data-program=agitator] button[data-act=up]').click()
    await expect.poll(() => order('fast')).toEqual(['agitator', PROGRAM])
    // Undo and redo the reorder through the editor's history.
    await page.click('[data-action=undo]')
    await expect.poll(() => order('fast')).toEqual([PROGRAM, 'agitator'])
    await page.click('[data-action=redo]')
    await expect.poll(() => order('fast')).toEqual(['agitator', PROGRAM])
    expect(await order('control')).toEqual(['level_control', 'interlocks'])
    await waitSaved(page)
    await shot(page, 'tasks-03-reordered')

    // Reload: the page shows the saved schedule.
    await page.reload()
    await page.waitForSelector('[data-task=fast] tr[data-program=agitator]')
    expect(await order('fast')).toEqual(['agitator', PROGRAM])
    expect(await page.locator('[data-unscheduled] li[data-program]').count()).toBe(0)
    await shot(page, 'tasks-04-reloaded')

    // The draft as the runtime holds it (and on disk): the bindings moved with the PROGRAM.
    const expected = [
      { name: 'control', periodMs: 100, programs: ['level_control', 'interlocks'] },
      { name: 'fast', periodMs: 50, programs: ['agitator', PROGRAM], bindings: { agitator: AGITATOR_BINDINGS } },
    ]
    const tool = await TestClient.connect(session.stack.url)
    try {
      await tool.login('engineer', USERS.engineer)
      const d = await tool.request({ type: 'openDraft' })
      if (d.type !== 'draft') throw new Error(JSON.stringify(d))
      expect((JSON.parse(d.files.find((f) => f.path === 'app.json')!.content) as AppManifest).tasks).toEqual(expected)
    } finally {
      tool.close()
    }
    expect((await readJson<AppManifest>(join(session.dirs.app, 'app.json'))).tasks).toEqual(expected)

    // Deleting a task that runs programs asks first; cancelled, nothing changes.
    await page.click('[data-task=fast] button[data-act=delete]')
    expect(await page.locator('.dialog[role=alertdialog]').textContent()).toContain(`agitator, ${PROGRAM}`)
    await page.click('.dialog[role=alertdialog] button.cancel')
    expect(await order('fast')).toEqual(['agitator', PROGRAM])

    // The same page in Simplified Chinese.
    await page.locator('label.lang select').selectOption('zh-CN')
    await expect.poll(() => page.locator('[data-tasks-page] h2').textContent()).toBe('任务')
    await shot(page, 'tasks-05-zh')
    await page.locator('label.lang select').selectOption('en')
    expect(session.pageErrors).toEqual([])
  })
})
