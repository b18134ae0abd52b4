#!/usr/bin/env node
/**
 * The `takt` command line.
 *   takt serve <app-dir> --site <site.json> [--host H] [--port N] [--log-level L]
 *   takt validate <app-dir>
 *   takt plcopen export|import ... (PLCopen XML exchange with other IEC 61131-3 tools; cli/plcopen.ts)
 *   takt hash-password            (reads the password from stdin, prints the scrypt hash for a site file)
 * Exit codes: 0 success, 1 the APP or site is invalid or the runtime failed, 2 usage error.
 */
import { formatCaseResult, loadAppTests, runTestFile, TaktError } from '@takt/blocks'
import { fsSource } from './app/fs-source.js'
import { parseArgs } from './cli/args.js'
import { PLCOPEN_USAGE, plcopenCommand } from './cli/plcopen.js'
import { describeDiagnostics, loadAppDir } from './app/load.js'
import { loadSiteFile } from './site/site.js'
import { loadStartApp } from './app/start.js'
import { hashPassword } from './auth/password.js'
import { createLogger, type LogLevel } from './log.js'
import { Runtime } from './server.js'
import { RUNTIME_VERSION } from './version.js'

const USAGE = `takt ${RUNTIME_VERSION}
usage:
  takt serve <app-dir> --site <site.json> [--host 127.0.0.1] [--port 8080] [--log-level info]
  takt validate <app-dir>
  takt test <app-dir>         (runs tests/*.test.json in virtual time)
${PLCOPEN_USAGE}
  takt hash-password          (password on stdin)
  takt --version`

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv
  switch (cmd) {
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE + '\n')
      return cmd === undefined ? 2 : 0
    case '--version':
      process.stdout.write(RUNTIME_VERSION + '\n')
      return 0
    case 'validate': {
      const { positional } = parseArgs(rest, {})
      if (positional.length !== 1) throw new TaktError('E_USAGE', 'validate takes one APP folder')
      const r = await loadAppDir(positional[0]!)
      if (r.diagnostics.length) process.stdout.write(describeDiagnostics(r.diagnostics) + '\n')
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length
      const a = r.compiled?.app
      process.stdout.write(a ? `valid: ${a.manifest.id} ${a.manifest.version}, ${a.tags.length} tags, ${a.screens.length} screens, ${a.programs.length + (a.stPrograms?.length ?? 0)} programs\n` : `invalid: ${errors} error(s)\n`)
      return a ? 0 : 1
    }
    case 'test': {
      const { positional } = parseArgs(rest, {})
      if (positional.length !== 1) throw new TaktError('E_USAGE', 'test takes one APP folder')
      const r = await loadAppDir(positional[0]!)
      if (!r.compiled) {
        process.stdout.write(describeDiagnostics(r.diagnostics) + '\n0 passed, 1 failed\n')
        return 1
      }
      const t = await loadAppTests(fsSource(positional[0]!))
      if (t.diagnostics.length) process.stdout.write(describeDiagnostics(t.diagnostics) + '\n')
      let passed = 0
      let failed = t.diagnostics.filter((d) => d.severity === 'error').length
      for (const f of t.files) {
        for (const res of runTestFile(r.compiled.app, f.path, f.tests)) {
          process.stdout.write(formatCaseResult(res) + '\n')
          if (res.passed) passed++
          else failed++
        }
      }
      process.stdout.write(`${passed} passed, ${failed} failed\n`)
      return failed === 0 ? 0 : 1
    }
    case 'plcopen':
      return plcopenCommand(rest)
    case 'hash-password': {
      parseArgs(rest, {})
      const chunks: Buffer[] = []
      for await (const c of process.stdin) chunks.push(c as Buffer)
      const pw = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
      if (pw.length < 8) throw new TaktError('E_USAGE', 'a password has at least 8 characters')
      process.stdout.write((await hashPassword(pw)) + '\n')
      return 0
    }
    case 'serve': {
      const { positional, flags } = parseArgs(rest, { site: 'string', host: 'string', port: 'number', 'log-level': 'string' })
      if (positional.length !== 1) throw new TaktError('E_USAGE', 'serve takes one APP folder')
      const sitePath = (flags.site as string | undefined) ?? process.env.TAKT_SITE
      if (!sitePath) throw new TaktError('E_USAGE', 'serve needs --site <site.json> (users and connections of this site)')
      const level = (flags['log-level'] as LogLevel | undefined) ?? 'info'
      if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new TaktError('E_USAGE', '--log-level is debug, info, warn or error')
      const log = createLogger(process.stderr, level)
      const site = await loadSiteFile(sitePath)
      const draftDir = positional[0]!
      const dataDir = site.dataDir ?? '.takt-data'
      const start = await loadStartApp(draftDir, dataDir)
      const rt = new Runtime({ compiled: start.compiled, site, log, draftDir, dataDir, ...(flags.host ? { host: flags.host as string } : {}), ...(flags.port !== undefined ? { port: flags.port as number } : {}) })
      const url = await rt.start()
      process.stdout.write(`takt: serving ${start.compiled.app.manifest.id} (${start.from}) at ${url}\n`)
      if (rt.auth.oneTimePassword) {
        process.stdout.write(`takt: no users yet: created user "admin" with the one-time password ${rt.auth.oneTimePassword}\n      (it must be changed at the first login; it is not shown again)\n`)
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      await rt.stop()
      return 0
    }
    default:
      throw new TaktError('E_USAGE', `unknown command "${cmd}"`)
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof TaktError) {
      process.stderr.write(`takt: ${e.code}: ${e.message}\n${e.code === 'E_USAGE' ? USAGE + '\n' : ''}`)
      // E_INVALID_APP carries the diagnostics in its message already.
      process.exit(e.code === 'E_USAGE' ? 2 : 1)
    }
    process.stderr.write(`takt: ${(e as Error).stack ?? String(e)}\n`)
    process.exit(1)
  },
)
