/**
 * Program faults in a real browser: a Structured Text program divides by zero at run time and stops; an engineer
 * sees it on the Programs page (code, source line, since when) with a fault badge in the navigation, removes the
 * cause and resets it, and the program runs again. The same page lists a template instance's program copy.
 * Screenshots land in tests/artifacts/program-faults-*.png.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { loadDemo, startStack, USERS, type Stack } from './helpers/stack.js'
import { ARTIFACTS, launchChromium } from './helpers/browser.js'
import { login } from './helpers/editor.js'
import { TestClient } from './helpers/ws-client.js'

const CALC = `PROGRAM calc
VAR_INPUT divisor : INT; END_VAR
VAR_OUTPUT out : INT; END_VAR
out := 100 / divisor;
END_PROGRAM
`

/** A small APP: `calc` faults while P/Div is 0; the Unit template gives instance Line/A a program of its own. */
function appFiles(): Record<string, unknown> {
  const mem = (name: string, dataType: string, initial: number | boolean) => ({ name, dataType, source: { kind: 'memory', initial } })
  return {
    'app.json': {
      format: 1, id: 'faults', name: { en: 'Program faults', 'zh-CN': '程序故障' }, version: '1.0.0', entryScreen: 'main',
      tasks: [{ name: 'main', periodMs: 100, programs: ['calc'], bindings: { calc: { divisor: 'P/Div', out: 'P/Out' } } }],
    },
    'tags/P.json': { format: 1, folder: 'P', tags: [{ ...mem('Div', 'INT', 0), access: { write: 'operator' } }, mem('Out', 'INT', 0)] },
    'tags/Line.json': { format: 1, folder: 'Line', tags: [], instances: [{ name: 'A', type: 'Unit' }] },
    'types/Unit.json': {
      format: 1, name: 'Unit', tags: [mem('Cmd', 'BOOL', false), mem('Q', 'BOOL', false)],
      programs: [{
        format: 1, name: 'Pulse',
        blocks: [{ id: 'cmd', type: 'TAG_IN', params: { tag: '$/Cmd' } }, { id: 'n', type: 'NOT' }, { id: 'q', type: 'TAG_OUT', params: { tag: '$/Q' } }],
        wires: [{ from: 'cmd.OUT', to: 'n.IN' }, { from: 'n.OUT', to: 'q.IN' }],
      }],
    },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  }
}

describe('Programs page in Chromium', () => {
  let root: string
  let stack: Stack
  let browser: Browser
  let page: Page
  let tool: TestClient | undefined
  const pageErrors: string[] = []

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'takt-faults-'))
    for (const [path, doc] of Object.entries(appFiles())) {
      await mkdir(join(root, path, '..'), { recursive: true })
      await writeFile(join(root, path), JSON.stringify(doc, null, 2))
    }
    await mkdir(join(root, 'programs'), { recursive: true })
    await writeFile(join(root, 'programs', 'calc.st'), CALC)
    stack = await startStack({ compiled: await loadDemo(root) })
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: { width: 1366, height: 800 } })).newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })
  afterAll(async () => {
    tool?.close()
    await browser?.close()
    await stack?.stop()
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('lists the faulted program with code and source line, shows the badge, and resets it once the cause is gone', async () => {
    await login(page, stack.url, 'engineer', USERS.engineer, '#/ops/programs')
    const calc = page.locator('[data-program=calc]')
    await calc.and(page.locator('[data-state=faulted]')).waitFor({ timeout: 20_000 })
    const text = (await calc.textContent()) ?? ''
    expect(text).toContain('E_ST_DIV_ZERO')
    expect(text).toMatch(/programs\/calc\.st:4:\d+/)
    expect(await page.locator('[data-program="Line/A/Pulse"]').getAttribute('data-state')).toBe('running')
    await page.locator('[data-role=program-fault-badge]').waitFor()
    await page.screenshot({ path: `${ARTIFACTS}program-faults-listed.png` })

    // Remove the cause, as an operator would, then reset as the engineer (through the confirmation dialog).
    tool = await TestClient.connect(stack.url)
    await tool.login('operator', USERS.operator)
    expect((await tool.request({ type: 'write', tag: 'P/Div', value: 4 })).type).toBe('ok')
    await tool.subscribe('out', ['P/Out'])
    await calc.locator('[data-action=reset]').click()
    await page.waitForSelector('.dialog[role=alertdialog]')
    await page.click('.dialog button.ok')
    await calc.and(page.locator('[data-state=running]')).waitFor({ timeout: 10_000 })
    await page.locator('[data-role=program-fault-badge]').waitFor({ state: 'detached', timeout: 10_000 })
    await tool.until(() => tool?.value('P/Out')?.value === 25, 10_000, 'P/Out = 100 / 4')
    await page.screenshot({ path: `${ARTIFACTS}program-faults-reset.png` })
    expect(pageErrors).toEqual([])
  })
})
