/**
 * The runtime host: the HTTP server, the WebSocket gateway and auth live as long as the process; the running APP
 * (`AppEngine`) is replaced on deploy without a restart. Engineering (draft, publish, deploy) is on when the runtime
 * knows its draft folder.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TaktError, type ProtocolLimits } from '@takt/blocks'
import type { Logger } from './drivers/types.js'
import type { SiteFile } from './site/site.js'
import { checkConnections } from './site/site.js'
import { Auth } from './auth/users.js'
import { AppEngine } from './engine.js'
import { Gateway } from './gateway/gateway.js'
import { serveStatic } from './http/static.js'
import type { CompiledApp } from './app/load.js'
import { DraftStore } from './store/draft.js'
import { VersionStore } from './store/versions.js'
import { EngineeringService } from './store/engineering.js'
import { AuditTrail } from './audit/audit.js'
import { Historian } from './historian/historian.js'
import { attachHistorian } from './historian/attach.js'
import { historyToCsv } from './historian/csv.js'
import { join } from 'node:path'
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
  /** The APP folder engineers edit from the studio (usually the folder given to `takt serve`). */
  draftDir?: string
  /** Where published versions and the deployed pointer live; default: the site's dataDir or `.takt-data`. */
  dataDir?: string
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../studio/dist', import.meta.url))

export class Runtime {
  engine: AppEngine
  readonly gateway: Gateway
  readonly versions: VersionStore
  readonly auth: Auth
  readonly audit: AuditTrail
  /** One historian per runtime, not per engine: a deploy re-attaches it to the next tag database. */
  readonly historian: Historian
  private detachHistory: () => void = () => {}
  private readonly stateDir: string
  private readonly http: Server
  private startedAt = 0
  url = ''

  constructor(private readonly opts: RuntimeOptions) {
    const { compiled, site, log } = opts
    this.checkSite(compiled)
    this.stateDir = join(resolve(opts.dataDir ?? site.dataDir ?? '.takt-data'), 'apps', compiled.app.manifest.id)
    this.engine = new AppEngine(compiled, site.connections, log, undefined, this.stateDir)
    const dataDir = resolve(opts.dataDir ?? site.dataDir ?? '.takt-data')
    const auth = new Auth(site.users, site.sessionTtlMinutes * 60_000, join(dataDir, 'users.json'))
    this.auth = auth
    this.audit = new AuditTrail(join(dataDir, 'audit'), log)
    const appId = compiled.app.manifest.id
    this.versions = new VersionStore(dataDir, appId)
    const engineering = opts.draftDir
      ? new EngineeringService({ appId, swap: (c) => this.swap(c), browse: (conn, addr) => this.engine.connections.browse(conn, addr) }, new DraftStore(resolve(opts.draftDir)), this.versions, log)
      : undefined
    this.historian = new Historian({ dir: join(this.stateDir, 'history'), log, retention: { maxAgeDays: 365, maxSizeMb: 10_240 } })
    const history = { query: (q: Parameters<Historian['query']>[0]) => this.historian.query(q), csv: (r: Parameters<typeof historyToCsv>[0]) => historyToCsv(r) }
    this.gateway = new Gateway({ view: this.engine, auth, audit: this.audit, history, log, version: RUNTIME_VERSION, ...(engineering ? { engineering } : {}), ...(opts.limits ? { limits: opts.limits } : {}) })
    const statics = serveStatic(opts.staticDir ?? DEFAULT_STATIC_DIR)
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/api/health') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(JSON.stringify(this.health()))
        return
      }
      statics(req, res).catch((e: Error) => {
        log.error('http error', { url: req.url, error: e.message })
        if (!res.headersSent) res.writeHead(500).end()
      })
    }
    this.http = site.tls ? createHttpsServer(readTls(site.tls), handler) : createServer(handler)
    this.http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')
        return
      }
      this.gateway.handleUpgrade(req, socket, head)
    })
  }

  /** Listen, then start connections and tasks. Resolves with the URL once the HTTP server accepts connections. */
  async start(): Promise<string> {
    this.startedAt = Date.now()
    await this.auth.ensureAdmin()
    const host = this.opts.host ?? this.opts.site.listen.host
    const port = this.opts.port ?? this.opts.site.listen.port
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(port, host, () => resolve())
    })
    const addr = this.http.address()
    const actualPort = typeof addr === 'object' && addr ? addr.port : port
    this.url = `${this.opts.site.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`
    // Never throws: a history fault (read-only folder, full disk) is reported in health and live data goes on.
    await this.historian.open()
    this.detachHistory = attachHistorian(this.engine.db, this.historian, this.opts.log)
    await this.engine.start()
    return this.url
  }

  /** Switch to another compiled APP without a restart (deploy). */
  async swap(compiled: CompiledApp): Promise<{ kept: string[]; reset: string[] }> {
    this.checkSite(compiled)
    // Build the next engine first (a failure leaves the running one untouched), then stop the old one (its alarm
    // state saved) and start the next, which restores alarm states from it by alarm id.
    const next = new AppEngine(compiled, this.opts.site.connections, this.opts.log, this.engine, this.stateDir)
    await this.engine.stop()
    this.detachHistory()
    this.engine = next
    this.detachHistory = attachHistorian(next.db, this.historian, this.opts.log)
    this.gateway.rebind(next)
    await next.start()
    return next.change
  }

  async stop(): Promise<void> {
    await this.gateway.close()
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      this.http.closeAllConnections()
    })
    await this.engine.stop()
    this.detachHistory()
    await this.historian.close()
    this.audit.close()
  }

  health() {
    const e = this.engine
    return {
      ok: true,
      version: RUNTIME_VERSION,
      app: { id: e.bundle.manifest.id, version: e.bundle.manifest.version },
      uptimeMs: this.startedAt ? Date.now() - this.startedAt : 0,
      tags: e.db.size,
      connections: e.connections.info(),
      tasks: e.tasks.map((t) => t.stats),
      gateway: this.gateway.stats(),
      audit: { available: this.audit.available, failures: this.audit.failures },
      history: this.historian.health(),
    }
  }

  private checkSite(compiled: CompiledApp): void {
    const problems = checkConnections(compiled.app.manifest.connections, this.opts.site)
    if (problems.length) throw new TaktError('E_CONNECTION_UNMAPPED', problems.map((p) => p.message).join('; '))
  }
}

function readTls(tls: { cert: string; key: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(tls.cert), key: readFileSync(tls.key) }
  } catch (e) {
    throw new TaktError('E_SITE', `TLS certificate or key cannot be read: ${(e as Error).message}`)
  }
}
