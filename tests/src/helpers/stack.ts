/** Start the real plant simulator and a real runtime with an APP, on loopback, for end-to-end tests. */
import { fileURLToPath } from 'node:url'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { hashPassword, loadAppDir, memoryLogger, Runtime, SiteFile, type CompiledApp } from '@takt/runtime'
import type { ProtocolLimits } from '@takt/blocks'

export const TANK_DEMO = fileURLToPath(new URL('../../../examples/tank-demo', import.meta.url))

export const USERS = { operator: 'operator-pw', engineer: 'engineer-pw', viewer: 'viewer-pw', admin: 'admin-pw' } as const

let cachedHashes: { name: string; role: string; passwordHash: string }[] | undefined
/** Cheap scrypt parameters in tests: the KDF's cost is not what these tests measure. */
async function users() {
  cachedHashes ??= await Promise.all(Object.entries(USERS).map(async ([name, pw]) => ({ name, role: name, passwordHash: await hashPassword(pw, { N: 1024, r: 8, p: 1 }) })))
  return cachedHashes
}

export interface Stack { sim: PlantSim; runtime: Runtime; url: string; log: ReturnType<typeof memoryLogger>; stop(): Promise<void> }

export async function loadDemo(dir = TANK_DEMO): Promise<CompiledApp> {
  const r = await loadAppDir(dir)
  if (!r.compiled) throw new Error(`demo APP does not load: ${JSON.stringify(r.diagnostics)}`)
  return r.compiled
}

export async function startStack(opts: { simPort?: number; limits?: Partial<ProtocolLimits>; loadTags?: number; loadRateHz?: number; compiled?: CompiledApp; draftDir?: string; dataDir?: string; tls?: { cert: string; key: string } } = {}): Promise<Stack> {
  const sim = await startPlantSim({ host: '127.0.0.1', port: opts.simPort ?? 0, ...(opts.loadTags ? { loadTags: opts.loadTags, loadRateHz: opts.loadRateHz ?? 1 } : {}) })
  const compiled = opts.compiled ?? (await loadDemo())
  const log = memoryLogger()
  const site = SiteFile.parse({ format: 1, connections: { plant: { kind: 'opcua', endpoint: sim.endpoint } }, users: await users(), ...(opts.tls ? { tls: opts.tls } : {}) })
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'takt-data-')))
  const runtime = new Runtime({
    compiled, site, log, host: '127.0.0.1', port: 0, dataDir,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.draftDir ? { draftDir: opts.draftDir } : {}),
  })
  const url = await runtime.start()
  return {
    sim, runtime, url, log,
    async stop() {
      await runtime.stop()
      await sim.stop()
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
