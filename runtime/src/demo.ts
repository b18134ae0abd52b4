/**
 * `pnpm start`: the plant simulator, the runtime and the demo APP in one process, on loopback only, with printed
 * demo logins. Ports: TAKT_PORT (default 8080) and TAKT_SIM_PORT (default 4840); the next free one is taken if busy.
 */
import { createServer } from 'node:net'
import { cp, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startPlantSim } from '@takt/plant-sim'
import { hashPassword } from './auth/password.js'
import { loadStartApp } from './app/start.js'
import { createLogger } from './log.js'
import { Runtime } from './server.js'
import { SiteFile } from './site/site.js'

const SHIPPED_APP = fileURLToPath(new URL('../../examples/tank-demo', import.meta.url))
/** The demo edits a copy, so the repository's example stays as shipped; delete `.takt-data/` to start over. */
const DATA_DIR = resolve(process.env.TAKT_DATA_DIR ?? '.takt-data')
const APP_DIR = resolve(DATA_DIR, 'demo', 'tank-demo')
const HOST = '127.0.0.1'
export const DEMO_USERS = [
  { name: 'operator', password: 'operator', role: 'operator' },
  { name: 'engineer', password: 'engineer', role: 'engineer' },
  { name: 'admin', password: 'admin', role: 'admin' },
  { name: 'viewer', password: 'viewer', role: 'viewer' },
] as const

async function freePortFrom(start: number): Promise<number> {
  for (let p = start; p < start + 50; p++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer().once('error', () => resolve(false)).listen(p, HOST, () => s.close(() => resolve(true)))
    })
    if (ok) return p
  }
  throw new Error(`no free port in ${start}..${start + 49}`)
}

async function main(): Promise<void> {
  const t0 = Date.now()
  const log = createLogger(process.stderr, (process.env.TAKT_LOG_LEVEL as 'info' | undefined) ?? 'warn')
  const simPort = await freePortFrom(Number(process.env.TAKT_SIM_PORT ?? 4840))
  const sim = await startPlantSim({ host: HOST, port: simPort })
  if (!(await stat(APP_DIR).catch(() => null))) await cp(SHIPPED_APP, APP_DIR, { recursive: true, filter: (src) => !src.endsWith('site.example.json') })
  const start = await loadStartApp(APP_DIR, DATA_DIR)
  // Demo logins: hashed at start (a real site keeps only hashes in its site file) and only ever on loopback.
  const users = await Promise.all(DEMO_USERS.map(async (u) => ({ name: u.name, role: u.role, passwordHash: await hashPassword(u.password) })))
  const site = SiteFile.parse({
    format: 1,
    name: 'demo',
    listen: { host: HOST, port: await freePortFrom(Number(process.env.TAKT_PORT ?? 8080)) },
    connections: { plant: { kind: 'opcua', endpoint: sim.endpoint } },
    users,
  })
  const rt = new Runtime({ compiled: start.compiled, site, log, draftDir: APP_DIR, dataDir: DATA_DIR })
  const url = await rt.start()
  process.stdout.write([
    '',
    `  Takt demo is running (started in ${Date.now() - t0} ms)`,
    `  HMI:        ${url}`,
    `  Simulator:  ${sim.endpoint}`,
    `  APP:        ${APP_DIR} (${start.from})`,
    '  Logins (user / password):',
    ...DEMO_USERS.map((u) => `    ${u.name.padEnd(9)} / ${u.password.padEnd(9)} (${u.role})`),
    '  Stop with Ctrl+C.',
    '',
  ].join('\n') + '\n')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await rt.stop()
  await sim.stop()
  process.exit(0)
}

main().catch((e: Error) => {
  process.stderr.write(`takt demo: ${e.stack ?? e.message}\n`)
  process.exit(1)
})
