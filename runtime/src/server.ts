/**
 * The runtime: one APP on one site. Wires tag database, connections, derived tags, scan tasks, the WebSocket
 * gateway and the HTTP server together, and takes them down in reverse order.
 */
import { createServer, type Server } from 'node:http'
import { fileURLToPath } from 'node:url'
import { createInstance, TaktError, toBundle, type AppBundle, type ProtocolLimits } from '@takt/blocks'
import type { Logger } from './drivers/types.js'
import type { SiteFile } from './site/site.js'
import { checkConnections } from './site/site.js'
import { Auth } from './auth/users.js'
import { TagDb } from './tags/tagdb.js'
import { attachDerivedTags } from './tags/derived.js'
import { TagWriter } from './tags/write.js'
import { ConnectionManager } from './connections/manager.js'
import { ScanTask } from './scan/task.js'
import { Gateway } from './gateway/gateway.js'
import { serveStatic } from './http/static.js'
import type { CompiledApp } from './app/load.js'
import { RUNTIME_VERSION } from './version.js'

export interface RuntimeOptions {
  compiled: CompiledApp
  site: SiteFile
  log: Logger
  /** Overrides the site's listen address. Port 0 picks a free port. */
  host?: string
  port?: number
  /** Folder of the built studio; default: the workspace's studio/dist. */
  staticDir?: string
  limits?: Partial<ProtocolLimits>
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../studio/dist', import.meta.url))

export class Runtime {
  readonly db: TagDb
  readonly connections: ConnectionManager
  readonly gateway: Gateway
  readonly tasks: ScanTask[] = []
  private readonly http: Server
  private readonly bundle: AppBundle
  private readonly offDerived: () => void
  private startedAt = 0
  url = ''

  constructor(private readonly opts: RuntimeOptions) {
    const { compiled, site, log } = opts
    const problems = checkConnections(compiled.app.manifest.connections, site)
    if (problems.length) throw new TaktError('E_CONNECTION_UNMAPPED', problems.map((p) => p.message).join('; '))
    this.db = new TagDb(compiled.app.tags)
    this.offDerived = attachDerivedTags(this.db)
    this.connections = new ConnectionManager(this.db, site.connections, log)
    const writer = new TagWriter(this.db, this.connections)
    const auth = new Auth(site.users, site.sessionTtlMinutes * 60_000)
    this.bundle = toBundle(compiled.app)
    this.gateway = new Gateway({ db: this.db, auth, writer, bundle: () => this.bundle, log, version: RUNTIME_VERSION, ...(opts.limits ? { limits: opts.limits } : {}) })
    for (const t of compiled.app.manifest.tasks) {
      const programs = t.programs.map((name) => {
        const plan = compiled.plans.get(name)
        if (!plan) throw new TaktError('E_REFERENCE', `task ${t.name}: program ${name} did not compile`)
        return { name, plan, instance: createInstance(plan) }
      })
      this.tasks.push(new ScanTask(t.name, t.periodMs, programs, this.db, this.connections, log))
    }
    const statics = serveStatic(opts.staticDir ?? DEFAULT_STATIC_DIR)
    this.http = createServer((req, res) => {
      if (req.url === '/api/health') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(JSON.stringify(this.health()))
        return
      }
      statics(req, res).catch((e: Error) => {
        log.error('http error', { url: req.url, error: e.message })
        if (!res.headersSent) res.writeHead(500).end()
      })
    })
    this.http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
        return
      }
      this.gateway.handleUpgrade(req, socket, head)
    })
  }

  /** Start connections and tasks, then listen. Resolves with the URL once the HTTP server accepts connections. */
  async start(): Promise<string> {
    this.startedAt = Date.now()
    const host = this.opts.host ?? this.opts.site.listen.host
    const port = this.opts.port ?? this.opts.site.listen.port
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(port, host, () => resolve())
    })
    const addr = this.http.address()
    const actualPort = typeof addr === 'object' && addr ? addr.port : port
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`
    await this.connections.start()
    for (const t of this.tasks) t.start()
    return this.url
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) t.stop()
    await this.gateway.close()
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      this.http.closeAllConnections()
    })
    await this.connections.stop()
    this.offDerived()
  }

  health() {
    return {
      ok: true,
      version: RUNTIME_VERSION,
      app: { id: this.bundle.manifest.id, version: this.bundle.manifest.version },
      uptimeMs: this.startedAt ? Date.now() - this.startedAt : 0,
      tags: this.db.size,
      connections: this.connections.info(),
      tasks: this.tasks.map((t) => t.stats),
      gateway: this.gateway.stats(),
    }
  }
}
