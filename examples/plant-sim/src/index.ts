/**
 * Plant simulator: an OPC UA server (node-opcua) on 127.0.0.1 with a tank, inlet valve, pump, outlet valve and
 * agitator stepping in real time, and a load mode for benchmarks.
 *
 * @example
 * const sim = await startPlantSim({ port: 0 })
 * console.log(sim.endpoint) // opc.tcp://127.0.0.1:<port>
 * await sim.stop()
 */
import net from 'node:net'
import { LoadTags } from './load.js'
import { routeOpcuaLogs } from './opcua-log.js'
import { PlantModel, type PlantState } from './physics.js'
import { PlantPoints } from './points.js'
import { createServer, defaultPkiDir, type SecurityModeName } from './server.js'

export type { PlantState } from './physics.js'
export type { SecurityModeName } from './server.js'
export { POINTS } from './points.js'
export { loadTagId } from './load.js'
export { PlantModel } from './physics.js'

export interface PlantSimOptions {
  /** TCP port; default 4840. 0 picks a free port (read it back from `PlantSim.port`). */
  port?: number
  /** Listen address; default 127.0.0.1. */
  host?: string
  /** Number of load-mode variables `ns=1;s=Load.T00000`..; default 0. */
  loadTags?: number
  /** How often every load variable changes; default 1 Hz. */
  loadRateHz?: number
  /** Physics step period; default 100 ms. */
  tickMs?: number
  /** Certificate store; default `<tmpdir>/takt-plant-sim-pki`. */
  pkiDir?: string
  log?: (msg: string) => void
  /** Offered security modes; default all of None, Sign, SignAndEncrypt (Basic256Sha256 and the Aes policies). */
  securityModes?: SecurityModeName[]
  /** Anonymous logins; default allowed. */
  allowAnonymous?: boolean
  /** user name -> password; default `{ operator: 'operator' }`. */
  users?: Record<string, string>
  /** Tank level at start in m; default 2.0. */
  initialLevel?: number
  /** Noise seed; default 1. */
  seed?: number
}

export interface PlantSimState extends PlantState {
  /** Load-mode value changes published since start. */
  loadChanges: number
  /** Open client sessions. */
  sessions: number
}

export interface PlantSim {
  endpoint: string
  port: number
  stop(): Promise<void>
  state(): PlantSimState
}

/** A free TCP port on 127.0.0.1 (released again before it is returned; fine for tests on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export async function startPlantSim(opts: PlantSimOptions = {}): Promise<PlantSim> {
  const log = opts.log ?? (() => {})
  const unroute = routeOpcuaLogs((level, msg) => log(`opcua ${level}: ${msg}`))
  const tickMs = opts.tickMs ?? 100
  const host = opts.host ?? '127.0.0.1'
  const server = await createServer({
    host,
    port: opts.port ?? 4840,
    pkiDir: opts.pkiDir ?? defaultPkiDir(),
    securityModes: opts.securityModes ?? ['None', 'Sign', 'SignAndEncrypt'],
    allowAnonymous: opts.allowAnonymous ?? true,
    users: opts.users ?? { operator: 'operator' },
  })
  try {
    await server.initialize()
  } catch (err) {
    unroute()
    throw err
  }
  const addressSpace = server.engine.addressSpace!
  const ns = addressSpace.getOwnNamespace()
  const objects = addressSpace.rootFolder.objects
  const model = new PlantModel({ initialLevel: opts.initialLevel, seed: opts.seed })
  const points = new PlantPoints(ns, objects, model)
  const load = new LoadTags(ns, objects, Math.max(0, Math.floor(opts.loadTags ?? 0)))

  try {
    await server.start()
  } catch (err) {
    await server.shutdown(0).catch(() => {})
    unroute()
    throw err
  }
  const port = server.endpoints[0]?.port ?? opts.port ?? 4840
  const endpoint = `opc.tcp://${host}:${port}`

  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    // Cap the step so a stalled event loop does not make the tank jump.
    model.step(Math.min(1, (now - last) / 1000))
    last = now
    points.refresh(new Date())
  }, tickMs)
  load.start(opts.loadRateHz ?? 1)
  log(`plant simulator listening on ${endpoint}${load.count ? ` with ${load.count} load tags at ${opts.loadRateHz ?? 1} Hz` : ''}`)

  let stopped: Promise<void> | undefined
  return {
    endpoint,
    port,
    state: () => ({ ...model.snapshot(), loadChanges: load.changes, sessions: server.currentSessionCount }),
    stop: () => {
      stopped ??= (async () => {
        clearInterval(timer)
        load.stop()
        await server.shutdown(0)
        unroute()
      })()
      return stopped
    },
  }
}
