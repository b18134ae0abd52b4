/** The `takt` CLI as a user runs it (the built dist): validation of APP folders and usage errors. */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { TANK_DEMO } from './helpers/stack.js'

const CLI = fileURLToPath(new URL('../../runtime/dist/cli.js', import.meta.url))

function takt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })
    })
  })
}

const dirs: string[] = []
async function demoCopy(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'takt-app-'))
  dirs.push(d)
  await cp(TANK_DEMO, d, { recursive: true })
  return d
}
async function edit(file: string, f: (doc: Record<string, unknown>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  f(doc)
  await writeFile(file, JSON.stringify(doc))
}

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('takt validate', () => {
  it('accepts the demo APP', async () => {
    const r = await takt('validate', TANK_DEMO)
    expect(r.stdout).toContain('valid: tank-demo 1.0.0')
    expect(r.code).toBe(0)
  })

  it('refuses a file that is not JSON, naming the file', async () => {
    const d = await demoCopy()
    await writeFile(join(d, 'tags', 'Pump1.json'), '{ "format": 1, "folder": "Pump1", "tags": [ ')
    const r = await takt('validate', d)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('tags/Pump1.json')
    expect(r.stdout).toContain('E_FILE_JSON')
  })

  it('refuses a schema error with file and JSON path', async () => {
    const d = await demoCopy()
    await edit(join(d, 'tags', 'Tank1.json'), (doc) => {
      ;(doc.tags as Record<string, unknown>[])[1]!.dataType = 'FLOAT'
    })
    const r = await takt('validate', d)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/tags\/Tank1\.json \$\.tags\[1\]\.dataType.*E_SCHEMA/)
  })

  it('refuses a newer format version and a binding to a missing tag', async () => {
    const d = await demoCopy()
    await edit(join(d, 'app.json'), (doc) => {
      doc.format = 99
    })
    const r = await takt('validate', d)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('app.json')
    expect(r.stdout).toContain('E_FORMAT_VERSION')

    const d2 = await demoCopy()
    await edit(join(d2, 'programs', 'level_control.fbd.json'), (doc) => {
      ;(doc.wires as Record<string, unknown>[])[0]!.to = 'pid.NOPE'
    })
    const r2 = await takt('validate', d2)
    expect(r2.code).toBe(1)
    expect(r2.stdout).toMatch(/programs\/level_control\.fbd\.json \$\.wires\[0\]\.to.*E_FB_UNKNOWN_PIN/)
  })
})

describe('takt test', () => {
  it('runs the demo APP scenarios in virtual time and closes with the count', async () => {
    const r = await takt('test', TANK_DEMO)
    expect(r.stdout).toMatch(/PASS tests\/level_control\.test\.json › below setpoint/)
    expect(r.stdout).toMatch(/^8 passed, 0 failed$/m)
    expect(r.code).toBe(0)
  })

  it('reports a failing expectation with time, tag, expected and actual, and exits 1', async () => {
    const d = await demoCopy()
    await edit(join(d, 'tests', 'interlocks.test.json'), (doc) => {
      const c = (doc.cases as { steps: { expect?: Record<string, unknown> }[] }[])[1]!
      c.steps[0]!.expect = { 'Control/HighLevel': true }
    })
    const r = await takt('test', d)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('FAIL tests/interlocks.test.json › high level for 5 s')
    expect(r.stdout).toContain('at 4800 ms: Control/HighLevel: expected true, got false')
    expect(r.stdout).toMatch(/^7 passed, 1 failed$/m)
  })
})

describe('takt usage', () => {
  it('exits 2 with a message on bad arguments', async () => {
    for (const args of [['frobnicate'], ['serve'], ['serve', TANK_DEMO, '--port'], ['serve', TANK_DEMO, '--bogus', '1'], ['serve', TANK_DEMO, '--site', 'x.json', '--port', 'abc']]) {
      const r = await takt(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('E_USAGE')
    }
  })

  it('exits 1 with E_SITE for a missing or invalid site file', async () => {
    const r = await takt('serve', TANK_DEMO, '--site', '/nonexistent/site.json')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('E_SITE')
    const d = await demoCopy()
    await writeFile(join(d, 'site.json'), JSON.stringify({ format: 1, users: [{ name: 'a', role: 'god', passwordHash: 'scrypt$x' }] }))
    const r2 = await takt('serve', TANK_DEMO, '--site', join(d, 'site.json'))
    expect(r2.code).toBe(1)
    expect(r2.stderr).toMatch(/E_SITE.*\$\.users\[0\]\.role/)
  })
})
