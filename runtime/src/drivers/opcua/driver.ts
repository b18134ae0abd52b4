/**
 * OPC UA client driver: one client, one session, one subscription per connection.
 *
 * Reconnection: node-opcua repairs a broken connection itself (new secure channel, then the old session reactivated,
 * or a new session with the subscription transferred or recreated). The driver reports `disconnected` when the
 * channel drops and `connected` once node-opcua says the session is restored; it then re-creates what the repair
 * did not (subscription lost, items never created) and reads the values that were not re-sent. When node-opcua gives
 * up, or the first connection cannot be set up, the driver throws the client away and starts over with backoff.
 */
import path from 'node:path'
import { AttributeIds, MessageSecurityMode, OPCUAClient, UserTokenType, VariableIds, resolveNodeId } from 'node-opcua'
import type { ClientSession, ClientSubscription, NodeId, UserIdentityInfo } from 'node-opcua'
import { Status, TaktError, type CertificateInfo, type DataType, type TagScalar } from '@takt/blocks'
import type {
  BrowseNode, ConnectionConfig, ConnectionState, DriverHost, FullDriver, SubscribeItem, SubscribeResult, WriteResult,
} from '../types.js'
import { browseChildren } from './browse.js'
import { certManager, listCertificates, moveCertificate, thumbprintOf } from './certificates.js'
import { BadNodeIdInvalid, BadWaitingForInitialData } from './convert.js'
import { routeOpcuaLogs } from './log.js'
import { MonitorSet, type Item } from './monitor.js'
import type { OpcuaOptions } from './options.js'
import { writeValue } from './write.js'

const MODE: Record<OpcuaOptions['securityMode'], MessageSecurityMode> = {
  None: MessageSecurityMode.None,
  Sign: MessageSecurityMode.Sign,
  SignAndEncrypt: MessageSecurityMode.SignAndEncrypt,
}

export class OpcuaDriver implements FullDriver {
  readonly kind = 'opcua'
  private st: ConnectionState = 'disconnected'
  private client: OPCUAClient | undefined
  private session: ClientSession | undefined
  private sub: ClientSubscription | undefined
  private readonly monitor: MonitorSet
  /** Bumped by every rebuild and by stop: async work of an older generation drops its results. */
  private gen = 0
  private started = false
  private stopping = false
  private stopDone: Promise<void> | undefined
  private retryTimer: NodeJS.Timeout | undefined
  private retryDelay: number
  private maintenance: NodeJS.Timeout | undefined
  /** Item work (create, delete, refresh) runs one job at a time. */
  private chain: Promise<void> = Promise.resolve()
  private readonly typeCache = new Map<string, number>()
  private unroute: (() => void) | undefined
  private lastProblem = ''
  private releaseStart: (() => void) | undefined
  /** The server's MaxMonitoredItemsPerCall (0: none), read once per client. */
  private serverBatchLimit: number | undefined

  constructor(
    readonly name: string,
    private readonly config: ConnectionConfig,
    private readonly opts: OpcuaOptions,
    private readonly host: DriverHost,
  ) {
    this.monitor = new MonitorSet(host, opts.requestTimeoutMs)
    this.retryDelay = opts.reconnectInitialMs
  }

  state(): ConnectionState {
    return this.st
  }

  private setState(s: ConnectionState, detail?: string): void {
    if (this.stopping && s !== 'stopped') return
    if (s === this.st) return
    this.st = s
    this.host.onState(s, detail)
  }

  private problem(msg: string, fields?: Record<string, unknown>): void {
    // Log a failure once per distinct message, not on every retry.
    if (msg === this.lastProblem) return
    this.lastProblem = msg
    this.host.log.warn(`opcua ${this.name}: ${msg}`, { connection: this.name, endpoint: this.config.endpoint, ...fields })
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.chain.then(job, job)
    this.chain = run.catch((err: unknown) => {
      if (!this.stopping) this.host.log.warn(`opcua ${this.name}: ${(err as Error).message}`, { connection: this.name })
    })
    return this.chain
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    this.unroute = routeOpcuaLogs((level, msg) => this.host.log[level](`node-opcua: ${msg}`, { connection: this.name }))
    this.setState('connecting')
    this.maintenance = setInterval(() => this.maintain(), Math.max(2000, this.opts.reconnectMaxMs))
    await this.build()
  }

  /** One full attempt: new client, connect, session, subscription, items. Resolves when the first try is over. */
  private build(): Promise<void> {
    const gen = ++this.gen
    const o = this.opts
    this.serverBatchLimit = undefined
    const client = OPCUAClient.create({
      applicationName: 'Takt runtime',
      endpointMustExist: false,
      keepSessionAlive: true,
      requestedSessionTimeout: o.sessionTimeoutMs,
      defaultTransactionTimeout: o.requestTimeoutMs,
      securityMode: MODE[o.securityMode],
      securityPolicy: o.securityPolicy,
      clientCertificateManager: certManager(o),
      // node-opcua's backoff throws (and every connect fails) unless maxDelay > initialDelay; the options allow equal.
      connectionStrategy: { initialDelay: o.reconnectInitialMs, maxDelay: Math.max(o.reconnectMaxMs, o.reconnectInitialMs + 1), maxRetry: -1, randomisationFactor: 0.1 },
    })
    this.client = client
    return new Promise<void>((resolveFirst) => {
      let first = true
      const firstDone = () => {
        if (first) {
          first = false
          clearTimeout(cap)
          this.releaseStart = undefined
          resolveFirst()
        }
      }
      // A black-holed endpoint can hold the first TCP connect for a long time; start() waits no longer than a request.
      const cap = setTimeout(firstDone, o.requestTimeoutMs)
      // stop() during the first attempt must not leave start() waiting.
      this.releaseStart = firstDone
      client.on('backoff', () => {
        if (gen !== this.gen) return
        this.problem(`cannot reach ${this.config.endpoint}; retrying`)
        this.setState('disconnected', 'server unreachable')
        firstDone()
      })
      this.wireClient(client, gen)
      this.setup(client, gen).then(firstDone, (err: unknown) => {
        firstDone()
        if (gen !== this.gen) return
        const msg = /BadCertificateUntrusted/.test((err as Error).message)
          ? `the server certificate is not trusted; it waits in ${path.join(this.opts.pkiDir, 'rejected')} until an admin trusts it`
          : (err as Error).message
        this.problem(msg)
        this.setState('disconnected', msg)
        this.rebuildLater(gen)
      })
    })
  }

  private async setup(client: OPCUAClient, gen: number): Promise<void> {
    await client.connect(this.config.endpoint)
    if (gen !== this.gen) return
    const session = await client.createSession(this.identity())
    if (gen !== this.gen) {
      await session.close().catch(() => {})
      return
    }
    this.session = session
    this.wireSession(session, gen)
    await this.enqueue(async () => {
      await this.createSubscription(session, gen)
      await this.monitorAll(gen)
    })
    if (gen !== this.gen) return
    if (!this.sub?.isActive) throw new Error('subscription could not be created')
    this.retryDelay = this.opts.reconnectInitialMs
    this.lastProblem = ''
    this.setState('connected')
    this.host.log.info(`opcua ${this.name}: connected to ${this.config.endpoint}`, { connection: this.name })
  }

  private identity(): UserIdentityInfo {
    return this.opts.user !== undefined
      ? { type: UserTokenType.UserName, userName: this.opts.user, password: this.opts.password ?? '' }
      : { type: UserTokenType.Anonymous }
  }

  private wireClient(client: OPCUAClient, gen: number): void {
    client.on('connection_lost', () => {
      if (gen !== this.gen) return
      this.monitor.newEpoch()
      this.typeCache.clear()
      this.setState('disconnected', 'connection lost')
    })
    client.on('connection_reestablished', () => {
      if (gen === this.gen) this.host.log.info(`opcua ${this.name}: channel re-established, restoring session`, { connection: this.name })
    })
    client.on('close', (err?: Error | null) => {
      // A close with an error while we did not ask for it means node-opcua gave up reconnecting: start over.
      if (gen !== this.gen || !err || this.stopping) return
      this.problem(`connection closed: ${err.message}`)
      this.setState('disconnected', err.message)
      this.rebuildLater(gen)
    })
  }

  private wireSession(session: ClientSession, gen: number): void {
    session.on('session_restored', () => {
      if (gen !== this.gen) return
      void this.enqueue(async () => {
        if (gen !== this.gen) return
        if (!this.sub?.isActive) {
          this.monitor.dropGroups()
          await this.createSubscription(session, gen)
        }
        await this.monitorAll(gen)
        if (gen !== this.gen) return
        this.lastProblem = ''
        this.setState('connected')
        this.host.log.info(`opcua ${this.name}: session restored`, { connection: this.name })
        await this.monitor.refresh(session, this.opts.batchSize, () => gen === this.gen && this.st === 'connected')
      })
    })
    session.on('session_closed', () => {
      if (gen !== this.gen || this.stopping) return
      this.problem('session closed by the server')
      this.setState('disconnected', 'session closed')
      this.rebuildLater(gen)
    })
  }

  private async createSubscription(session: ClientSession, gen: number): Promise<void> {
    const o = this.opts
    // Keep-alive about every 2 s; a subscription survives about a minute without publish requests (a short outage).
    const keepAlive = Math.max(2, Math.ceil(2000 / o.publishingIntervalMs))
    const sub = await session.createSubscription2({
      requestedPublishingInterval: o.publishingIntervalMs,
      requestedMaxKeepAliveCount: keepAlive,
      requestedLifetimeCount: Math.max(keepAlive * 3, Math.ceil(60_000 / o.publishingIntervalMs)),
      maxNotificationsPerPublish: o.maxNotificationsPerPublish,
      publishingEnabled: true,
      priority: 10,
    })
    if (gen !== this.gen) {
      await sub.terminate().catch(() => {})
      return
    }
    this.sub = sub
    sub.on('terminated', () => {
      if (gen !== this.gen || this.stopping || this.sub !== sub) return
      // The server dropped the subscription (e.g. lifetime expired): make a new one for every item.
      this.sub = undefined
      this.monitor.dropGroups()
      if (this.st !== 'connected') return
      void this.enqueue(async () => {
        if (gen !== this.gen || !this.session) return
        await this.createSubscription(this.session, gen)
        await this.monitorAll(gen)
      })
    })
  }

  private async monitorAll(gen: number): Promise<void> {
    const sub = this.sub
    if (!sub || gen !== this.gen) return
    await this.monitor.monitorMissing(sub, await this.batchSize(), () => gen === this.gen)
  }

  private async batchSize(): Promise<number> {
    if (this.serverBatchLimit === undefined && this.session) {
      try {
        // Only this one limit: node-opcua's readOperationLimits warns about every limit a server leaves out.
        const dv = await this.session.read({ nodeId: `i=${VariableIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall}`, attributeId: AttributeIds.Value })
        const v = dv.statusCode.isGood() ? Number(dv.value.value) : 0
        this.serverBatchLimit = Number.isFinite(v) && v > 0 ? v : 0
      } catch {
        this.serverBatchLimit = 0
      }
    }
    const limit = this.serverBatchLimit ?? 0
    return limit > 0 ? Math.min(limit, this.opts.batchSize) : this.opts.batchSize
  }

  /** Throw the client away and build a new one after the backoff delay. */
  private rebuildLater(gen: number): void {
    if (this.stopping || gen !== this.gen || this.retryTimer) return
    const old = this.client
    this.gen++ // silence the old client's events and pending work
    this.client = undefined
    this.session = undefined
    this.sub = undefined
    this.monitor.dropGroups()
    void old?.disconnect().catch(() => {})
    const delay = this.retryDelay
    this.retryDelay = Math.min(this.opts.reconnectMaxMs, this.retryDelay * 2)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      if (!this.stopping) void this.build()
    }, delay)
  }

  /** Periodic check: items whose creation failed as a whole (timeout, server busy) are retried. */
  private maintain(): void {
    if (this.st !== 'connected' || !this.sub?.isActive) return
    const missing = [...this.monitor.items.values()].some((it) => !it.group)
    if (missing) {
      const gen = this.gen
      void this.enqueue(() => this.monitorAll(gen))
    }
  }

  async subscribe(items: SubscribeItem[]): Promise<SubscribeResult[]> {
    const now = Date.now()
    const replaced = items.filter((i) => this.monitor.items.has(i.handle)).map((i) => i.handle)
    if (replaced.length) await this.enqueue(() => this.monitor.remove(replaced, this.sub))
    const entries: (Item | SubscribeResult)[] = items.map((si) => {
      let nodeId: NodeId
      try {
        nodeId = resolveNodeId(si.address)
      } catch (err) {
        this.monitor.push({ handle: si.handle, value: null, status: BadNodeIdInvalid, sourceTime: now })
        return { handle: si.handle, ok: false, status: BadNodeIdInvalid, message: `invalid NodeId "${si.address}": ${(err as Error).message}` }
      }
      const it: Item = {
        handle: si.handle, address: si.address, dataType: si.dataType, nodeId,
        samplingMs: si.samplingMs ?? this.opts.samplingIntervalMs, status: BadWaitingForInitialData, stamp: -1,
      }
      this.monitor.items.set(si.handle, it)
      return it
    })
    if (this.st === 'connected' && this.sub?.isActive) {
      const gen = this.gen
      await this.enqueue(() => this.monitorAll(gen))
    }
    return entries.map((e): SubscribeResult => {
      if (!('nodeId' in e)) return e
      // Not created yet (no connection, or the request failed as a whole): accepted, created on (re)connect.
      if (e.status === BadWaitingForInitialData) return { handle: e.handle, ok: true, status: e.status, message: e.message ?? 'subscribed when the connection is up' }
      return { handle: e.handle, ok: e.status >>> 30 === 0, status: e.status, ...(e.message ? { message: e.message } : {}) }
    })
  }

  async unsubscribe(handles: number[]): Promise<void> {
    const gen = this.gen
    await this.enqueue(async () => {
      await this.monitor.remove(handles, this.sub)
      // The other items of the deleted groups are re-created in new groups.
      if (this.st === 'connected') await this.monitorAll(gen)
    })
  }

  async write(address: string, value: TagScalar, dataType: DataType): Promise<WriteResult> {
    const session = this.session
    if (this.st !== 'connected' || !session) return { ok: false, status: Status.BadNotConnected, message: `connection ${this.name} is ${this.st}` }
    return writeValue(session, this.typeCache, address, value, dataType)
  }

  async browse(address?: string): Promise<BrowseNode[]> {
    const session = this.session
    if (this.st !== 'connected' || !session) throw new TaktError('E_NOT_CONNECTED', `connection ${this.name} is ${this.st}`)
    return browseChildren(session, address, this.opts.batchSize)
  }

  /** Server certificates in this connection's store (`pkiDir`): rejected ones waiting for a decision, and trusted. */
  listCertificates(): Promise<CertificateInfo[]> {
    return listCertificates(this.opts)
  }

  /** Trust a server certificate; a connection that waits for its next attempt tries again at once. */
  async trustCertificate(thumbprint: string): Promise<void> {
    await moveCertificate(this.opts, thumbprint, 'trusted')
    // The next attempt builds a new client, which fetches the server certificate and verifies it again.
    this.retryDelay = this.opts.reconnectInitialMs
    if (this.retryTimer && !this.stopping) {
      clearTimeout(this.retryTimer)
      this.retryTimer = undefined
      void this.build()
    }
  }

  /**
   * Reject a server certificate. A connection that uses it is dropped: node-opcua verifies the server certificate
   * only when a client first fetches it, so the running client would otherwise keep using (and reconnecting with) it.
   */
  async rejectCertificate(thumbprint: string): Promise<void> {
    await moveCertificate(this.opts, thumbprint, 'rejected')
    const cert = this.client?.serverCertificate
    const inUse = cert !== undefined && thumbprintOf(Array.isArray(cert) ? cert[0]! : cert) === thumbprint.toUpperCase()
    if (inUse && this.started && !this.stopping) {
      this.problem('the server certificate was rejected; disconnected')
      this.setState('disconnected', 'server certificate rejected')
      this.rebuildLater(this.gen)
    }
  }

  stop(): Promise<void> {
    this.stopDone ??= this.doStop()
    return this.stopDone
  }

  private async doStop(): Promise<void> {
    this.setState('stopped')
    this.stopping = true
    this.gen++
    this.releaseStart?.()
    this.monitor.close()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.maintenance) clearInterval(this.maintenance)
    this.retryTimer = undefined
    this.maintenance = undefined
    const client = this.client
    const session = this.session
    this.client = undefined
    this.session = undefined
    this.sub = undefined
    try {
      // Close the session (and its subscription) when we still can; a dead channel must not hold up the stop.
      if (session && client && !client.isReconnecting) await withTimeout(session.close(true), 2000)
    } catch {
      /* the server is gone or the channel is broken: disconnect below is enough */
    }
    try {
      await withTimeout(client?.disconnect() ?? Promise.resolve(), 5000)
    } catch {
      /* already closed */
    }
    this.unroute?.()
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let t: NodeJS.Timeout | undefined
  return Promise.race([p, new Promise<undefined>((resolve) => (t = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(t))
}
