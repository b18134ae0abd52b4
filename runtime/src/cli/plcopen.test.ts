import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadAppDir } from '../app/load.js'
import { plcopenCommand, type CliOutput } from './plcopen.js'

const DEMO = fileURLToPath(new URL('../../../examples/tank-demo', import.meta.url))

function capture(): CliOutput & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += t }, err: (t: string) => { io.stderr += t } }
  return io
}

describe('takt plcopen', () => {
  let dir = ''
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'takt-plcopen-')) })
  afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

  it('exports the demo and imports it into a copy that still loads, refusing to overwrite without --force', async () => {
    const xml = join(dir, 'demo.xml')
    const ex = capture()
    expect(await plcopenCommand(['export', DEMO, '--out', xml], ex)).toBe(0)
    expect(ex.stdout).toBe(`wrote ${xml} (2 FBD program(s), 1 Structured Text file(s), 1 FBD function block(s))\n`)
    expect(await readFile(xml, 'utf8')).toContain('<pou name="agitator" pouType="program">')

    const app = join(dir, 'app')
    await cp(DEMO, app, { recursive: true })
    const refused = capture()
    expect(await plcopenCommand(['import', xml, app], refused)).toBe(1)
    expect(refused.stderr).toContain('use --force')
    expect(refused.stderr).toContain('  programs/agitator.st')
    expect(refused.stdout).toBe('')

    const forced = capture()
    expect(await plcopenCommand(['import', xml, app, '--force'], forced)).toBe(0)
    expect(forced.stdout).toBe('wrote blocks/ALARM_DELAY.fb.json\nwrote programs/interlocks.fbd.json\nwrote programs/level_control.fbd.json\nwrote programs/agitator.st\n')
    expect(forced.stderr).toBe('')
    expect((await loadAppDir(app)).diagnostics).toEqual([])
  })

  it('imports into a folder without programs/, prints each diagnostic, and writes nothing on errors', async () => {
    const foreign = join(dir, 'foreign.xml')
    await writeFile(foreign, `<project xmlns="http://www.plcopen.org/xml/tc6_0201"><types><dataTypes/><pous>
<pou name="Main" pouType="program"><interface><localVars><variable name="n"><type><INT/></type></variable></localVars></interface>
<body><ST><xhtml xmlns="http://www.w3.org/1999/xhtml">n := n + 1;</xhtml></ST></body></pou>
<pou name="Rungs" pouType="program"><body><LD/></body></pou>
</pous></types></project>`)
    const app = join(dir, 'empty')
    await cp(join(DEMO, 'app.json'), join(app, 'app.json'))
    const io = capture()
    expect(await plcopenCommand(['import', foreign, app], io)).toBe(0)
    expect(io.stdout).toBe('wrote programs/Main.st\n')
    expect(io.stderr).toBe(`${foreign}:4:43: warning E_PLCOPEN_UNSUPPORTED: POU Rungs: LD bodies are not supported; skipped\n`)
    expect(await readFile(join(app, 'programs/Main.st'), 'utf8')).toBe('PROGRAM Main\nVAR\n  n : INT;\nEND_VAR\n\nn := n + 1;\nEND_PROGRAM\n')

    const hostile = join(dir, 'hostile.xml')
    await writeFile(hostile, '<!DOCTYPE x [<!ENTITY a "b">]><project/>')
    const bad = capture()
    expect(await plcopenCommand(['import', hostile, app], bad)).toBe(1)
    expect(bad.stderr).toContain('error E_PLCOPEN_DOCTYPE')
    expect(await readdir(join(app, 'programs'))).toEqual(['Main.st'])
  })

  it('treats wrong arguments as usage errors', async () => {
    await expect(plcopenCommand([], capture())).rejects.toMatchObject({ code: 'E_USAGE' })
    await expect(plcopenCommand(['convert'], capture())).rejects.toMatchObject({ code: 'E_USAGE' })
    await expect(plcopenCommand(['export'], capture())).rejects.toMatchObject({ code: 'E_USAGE' })
    await expect(plcopenCommand(['import', 'x.xml'], capture())).rejects.toMatchObject({ code: 'E_USAGE' })
    await expect(plcopenCommand(['export', DEMO, '--bogus'], capture())).rejects.toMatchObject({ code: 'E_USAGE' })
  })
})
