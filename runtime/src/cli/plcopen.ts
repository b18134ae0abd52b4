/**
 * `takt plcopen export <app-dir> [--out file.xml]` and `takt plcopen import <file.xml> <app-dir> [--force]`:
 * PLCopen XML (TC6 v2.01) exchange of an APP's FBD programs and Structured Text with other IEC 61131-3 tools.
 * Exit codes as for every command: 0 done, 1 errors in the input (nothing written), 2 usage (thrown as E_USAGE).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { exportPlcOpen, formatDiagnostic, importPlcOpen, TaktError, type Diagnostic } from '@takt/blocks'
import { describeDiagnostics, loadAppDir } from '../app/load.js'
import { parseArgs } from './args.js'

export const PLCOPEN_USAGE = `  takt plcopen export <app-dir> [--out file.xml]      (FBD and ST programs as PLCopen XML; stdout without --out)
  takt plcopen import <file.xml> <app-dir> [--force]  (writes programs/*.fbd.json, programs/*.st and blocks/*.fb.json)`

/** Where the command prints; the process streams by default, a buffer in tests. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
}

const STDIO: CliOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
}

/** Bytes of XML read at most; the reader in blocks bounds it again in characters. */
const MAX_XML_BYTES = 64 * 1024 * 1024

/** Runs `takt plcopen ...` (argv after `plcopen`) and returns the exit code. */
export async function plcopenCommand(argv: string[], io: CliOutput = STDIO): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === 'export') return exportCommand(rest, io)
  if (sub === 'import') return importCommand(rest, io)
  throw new TaktError('E_USAGE', sub === undefined ? 'plcopen needs export or import' : `unknown plcopen command "${sub}"`)
}

async function exportCommand(argv: string[], io: CliOutput): Promise<number> {
  const { positional, flags } = parseArgs(argv, { out: 'string' })
  if (positional.length !== 1) throw new TaktError('E_USAGE', 'plcopen export takes one APP folder')
  const r = await loadAppDir(positional[0]!)
  if (!r.compiled) {
    io.err(describeDiagnostics(r.diagnostics) + '\nplcopen: the APP has errors; nothing exported\n')
    return 1
  }
  const app = r.compiled.app
  const tagTypes = new Map(app.tags.map((t) => [t.path, t.dataType as string]))
  let xml: string
  try {
    xml = exportPlcOpen(
      { programs: app.programs, stFiles: app.stFiles ?? [], fbBlocks: app.fbBlocks ?? [] },
      { name: app.manifest.id, version: app.manifest.version, tagType: (p) => tagTypes.get(p) },
    )
  } catch (e) {
    if (!(e instanceof TaktError) || e.code !== 'E_PLCOPEN_EXPORT') throw e
    io.err(describeDiagnostics((e.detail as Diagnostic[] | undefined) ?? []) + `\nplcopen: ${e.code}: ${e.message}\n`)
    return 1
  }
  const out = flags.out as string | undefined
  if (out === undefined) {
    io.out(xml)
    return 0
  }
  await writeFile(out, xml, 'utf8')
  const fbs = app.fbBlocks?.length ? `, ${app.fbBlocks.length} FBD function block(s)` : ''
  io.out(`wrote ${out} (${app.programs.length} FBD program(s), ${app.stFiles?.length ?? 0} Structured Text file(s)${fbs})\n`)
  return 0
}

async function importCommand(argv: string[], io: CliOutput): Promise<number> {
  const { positional, flags } = parseArgs(argv, { force: 'boolean' })
  if (positional.length !== 2) throw new TaktError('E_USAGE', 'plcopen import takes a PLCopen XML file and an APP folder')
  const [xmlPath, appDir] = positional as [string, string]
  const force = flags.force === true
  const dirInfo = await stat(appDir).catch(() => null)
  if (!dirInfo?.isDirectory()) throw new TaktError('E_USAGE', `${appDir} is not a folder`)
  const size = (await stat(xmlPath).catch(() => null))?.size
  if (size === undefined) throw new TaktError('E_FILE_READ', `cannot read ${xmlPath}`, { file: xmlPath })
  if (size > MAX_XML_BYTES) {
    io.err(`${xmlPath}: error E_PLCOPEN_LIMIT: the file is ${size} bytes; the limit is ${MAX_XML_BYTES}\n`)
    return 1
  }
  const r = importPlcOpen(await readFile(xmlPath, 'utf8'))
  for (const d of r.diagnostics) io.err(formatDiagnostic({ ...d, file: d.file ?? xmlPath }) + '\n')
  if (r.diagnostics.some((d) => d.severity === 'error')) {
    io.err('plcopen: errors in the file; nothing written\n')
    return 1
  }

  const files = [
    ...r.fbBlocks.map((b) => ({ rel: `blocks/${b.name}.fb.json`, text: JSON.stringify(b, null, 2) + '\n' })),
    ...r.programs.map((p) => ({ rel: `programs/${p.name}.fbd.json`, text: JSON.stringify(p, null, 2) + '\n' })),
    ...r.stFiles.map((f) => ({ rel: f.file, text: f.source })),
  ]
  const seen = new Set<string>()
  for (const f of files) {
    // Case-insensitive: the same APP must check out on Windows and macOS file systems.
    const key = f.rel.toLowerCase()
    if (seen.has(key)) {
      io.err(`plcopen: two POUs would both be written to ${f.rel}; nothing written\n`)
      return 1
    }
    seen.add(key)
  }
  if (!force) {
    const existing: string[] = []
    for (const f of files) if (await stat(join(appDir, f.rel)).catch(() => null)) existing.push(f.rel)
    if (existing.length) {
      io.err(`plcopen: these files exist already (use --force to replace them); nothing written:\n${existing.map((f) => `  ${f}`).join('\n')}\n`)
      return 1
    }
  }
  await mkdir(resolve(appDir, 'programs'), { recursive: true })
  if (r.fbBlocks.length) await mkdir(resolve(appDir, 'blocks'), { recursive: true })
  for (const f of files) {
    await writeFile(join(appDir, f.rel), f.text, { encoding: 'utf8', flag: force ? 'w' : 'wx' })
    io.out(`wrote ${f.rel}\n`)
  }
  if (files.length === 0) io.out('nothing to import: the file has no FBD or ST POU\n')
  return 0
}
