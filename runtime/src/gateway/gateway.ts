/**
 * The WebSocket gateway: sessions, subscriptions, batched deltas, writes, engineering requests. Every request gets
 * exactly one reply (a result or `error` with a stable code) and a bad message never ends the session.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket, type RawData } from 'ws'
import {
  DEFAULT_LIMITS, ErrorMessages, PROGRAM_PIN_PREFIX, PROTOCOL_VERSION, roleAtLeast, TaktError,
  type AppBundle, type ClientMessage, type ErrorCode, type HistoryQuery, type HistoryResult, type ProgramFaultInfo, type ProtocolLimits, type Role, type TagScalar,
} from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { Auth } from '../auth/users.js'
import type { TagDb } from '../tags/tagdb.js'
import type { TagWriter } from '../tags/write.js'
import { ClientConnection, type Pin } from './client.js'
import { parseClientMessage } from './parse.js'
import { ENGINEERING_TYPES, runEngineering, type Engineering } from './engineering.js'
import type { AuditTrail } from '../audit/audit.js'
import type { AlarmService } from '../alarms/service.js'
import type { ConnectionManager } from '../connections/manager.js'

/** What the gateway serves from the running APP; replaced as a whole on deploy. */
export interface EngineView {
  db: TagDb
  writer: TagWriter
  bundle: AppBundle
  alarms: AlarmService
  /** Server certificate trust of the connections in use (admin). */
  connections: Pick<ConnectionManager, 'certificates' | 'trust' | 'reject'>
  pinGetter(path: string): (() => TagScalar) | undefined
  /** Scan tasks, for the programs their run-time faults stopped (absent: none). */
  tasks?: readonly { readonly stats: { readonly faults: readonly ProgramFaultInfo[] } }[]
  /** Lets a faulted program run again; false when it is not faulted. */
  resetFault?(program: string): boolean
}

/** History queries (the historian lives as long as the runtime, across deploys). */
export interface HistoryService {
  query(q: HistoryQuery): Promise<HistoryResult>
  csv(r: HistoryResult): string
}

export interface GatewayDeps {
  view: EngineView
  history?: HistoryService
  auth: Auth
  engineering?: Engineering
  audit?: AuditTrail
  log: Logger
  version: string
  limits?: Partial<ProtocolLimits>
  /** Sessions allowed at once (each holds a dirty set sized to the tag count). */
  maxClients?: number
}

export interface GatewayStats { clients: number; updatesSent: number; messagesSent: number; held: number }

const ACCOUNT_TYPES = new Set(['changePassword', 'listUsers', 'saveUser', 'deleteUser', 'queryAudit'])
const ALARM_TYPES = new Set(['subscribeAlarms', 'unsubscribeAlarms', 'alarmAction', 'queryAlarmJournal', 'alarmKpis'])
const CERTIFICATE_TYPES = new Set(['listCertificates', 'trustCertificate', 'rejectCertificate'])
const PROGRAM_FAULT_TYPES = new Set(['resetProgramFault', 'listProgramFaults'])
/** Engineering requests that change something land in the audit trail; reads do not. */
const AUDITED = new Set(['saveDraft', 'publish', 'deploy'])

function engineeringTarget(m: ClientMessage): { target?: string; detail?: Record<string, unknown> } {
  if (m.type === 'deploy') return { target: m.version }
  if (m.type === 'saveDraft') return { detail: { files: m.changes.map((c) => c.path).slice(0, 50) } }
  if (m.type === 'publish' && m.note) return { detail: { note: m.note } }
  return {}
}

// Handles of program pins live above every tag id, so one `updates` stream carries both.
const PIN_HANDLE_BASE = 1 << 30

export class Gateway {
  readonly limits: ProtocolLimits
  private readonly wss: WebSocketServer
  private readonly clients = new Set<ClientConnection>()
  /** tag id -> connections subscribed to it */
  private subscribers: (ClientConnection[] | undefined)[]
  private readonly timer: NodeJS.Timeout
  private offChange: () => void
  private readonly maxClients: number
  private view: EngineView
  private updatesSent = 0
  private messagesSent = 0
  private nextPin = PIN_HANDLE_BASE

  constructor(private readonly deps: GatewayDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits }
    this.maxClients = deps.maxClients ?? 200
    this.view = deps.view
    this.subscribers = new Array(this.view.db.size)
    // ws enforces only the hard cap (it closes the socket); our own, smaller limits answer E_TOO_LARGE and go on.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.hardMaxMessageBytes, perMessageDeflate: false })
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req))
    this.offChange = this.listen()
    this.timer = setInterval(() => this.flushAll(), this.limits.flushIntervalMs)
  }

  private alarmSubscribers = new Set<ClientConnection>()

  /** Hand an HTTP upgrade on /ws to the gateway. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.clients.size >= this.maxClients) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req))
  }

  /**
   * Serve a new engine (deploy). Subscriptions were made against the old tag ids, so they are dropped and every
   * client is told `appChanged`: it refetches the APP and subscribes again (and gets present values at once).
   */
  rebind(view: EngineView): void {
    this.offChange()
    this.view = view
    this.subscribers = new Array(view.db.size)
    for (const c of this.clients) c.reset(view.db.size)
    this.alarmSubscribers.clear()
    this.offChange = this.listen()
    this.notice('appChanged')
  }

  /** Per-client backlog, for health and for tests of slow clients. */
  clientStats(): { user: string | null; pending: number; buffered: number; held: number; subscribed: number }[] {
    return [...this.clients].map((c) => ({ user: c.session?.user ?? null, pending: c.pendingCount, buffered: c.ws.bufferedAmount, held: c.held, subscribed: c.refs.size }))
  }

  stats(): GatewayStats {
    let held = 0
    for (const c of this.clients) held += c.held
    return { clients: this.clients.size, updatesSent: this.updatesSent, messagesSent: this.messagesSent, held }
  }

  /** Tell every client something happened (APP redeployed, shutdown). */
  notice(event: 'appChanged' | 'shutdown', message?: string): void {
    for (const c of this.clients) c.send({ type: 'notice', event, ...(message ? { message } : {}) })
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    this.offChange()
    this.notice('shutdown')
    for (const c of this.clients) c.ws.close(1001, 'runtime stopping')
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private listen(): () => void {
    const offTags = this.view.db.onChange((ids) => {
      const subs = this.subscribers
      for (let i = 0; i < ids.length; i++) {
        const list = subs[ids[i]!]
        if (list) for (let j = 0; j < list.length; j++) list[j]!.markDirty(ids[i]!)
      }
    })
    const offAlarms = this.view.alarms.onChange((alarms) => {
      for (const c of this.alarmSubscribers) c.send({ type: 'alarmChanges', alarms })
    })
    return () => {
      offTags()
      offAlarms()
    }
  }

  private flushAll(): void {
    const now = Date.now()
    for (const c of this.clients) {
      const n = c.flush(this.view.db, this.limits.maxBufferedBytes, now)
      if (n > 0) {
        this.updatesSent += n
        this.messagesSent++
      }
    }
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const c = new ClientConnection(ws, this.view.db.size, this.limits.maxMessagesPerSecond, req.socket.remoteAddress ?? '?')
    this.clients.add(c)
    ws.on('message', (data, isBinary) => this.onMessage(c, data, isBinary))
    ws.on('close', () => this.drop(c))
    ws.on('error', (err) => {
      this.deps.log.warn('websocket error', { remote: c.remote, error: err.message })
      this.drop(c)
    })
  }

  private drop(c: ClientConnection): void {
    this.alarmSubscribers.delete(c)
    if (!this.clients.delete(c)) return
    for (const name of [...c.groups.keys()]) this.unsubscribe(c, name)
  }

  private fail(c: ClientConnection, id: number | null, code: ErrorCode, message?: string, detail?: unknown): void {
    c.send({ type: 'error', id, code, message: message ?? ErrorMessages[code], ...(detail !== undefined ? { detail } : {}) })
  }

  private onMessage(c: ClientConnection, data: RawData, isBinary: boolean): void {
    if (!c.take()) return this.fail(c, null, 'E_RATE_LIMIT', `more than ${this.limits.maxMessagesPerSecond} messages per second`)
    if (isBinary) return this.fail(c, null, 'E_BAD_MESSAGE', 'binary messages are not part of the protocol')
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
    const engineer = c.session !== null && roleAtLeast(c.session.role, 'engineer')
    const p = parseClientMessage(text, engineer ? this.limits.maxEngineeringMessageBytes : this.limits.maxMessageBytes)
    if (!p.ok) return this.fail(c, p.id, p.code, p.message)
    this.handle(c, p.msg).catch((err: Error) => {
      if (err instanceof TaktError) return this.fail(c, p.msg.id, err.code, err.message, err.detail)
      this.deps.log.error('request failed', { type: p.msg.type, error: err.message })
      this.fail(c, p.msg.id, 'E_INTERNAL')
    })
  }

  private async handle(c: ClientConnection, m: ClientMessage): Promise<void> {
    if (m.type === 'hello') {
      if (m.protocol !== PROTOCOL_VERSION) return this.fail(c, m.id, 'E_PROTOCOL_VERSION', `this runtime speaks protocol ${PROTOCOL_VERSION}, not ${m.protocol}`)
      c.greeted = true
      return c.send({ type: 'welcome', id: m.id, protocol: PROTOCOL_VERSION, server: 'takt', version: this.deps.version, authRequired: true })
    }
    if (!c.greeted) return this.fail(c, m.id, 'E_PROTOCOL_VERSION', 'send "hello" with the protocol version first')
    if (m.type === 'ping') return c.send({ type: 'ok', id: m.id })
    if (m.type === 'login') return this.login(c, m.id, m.user, m.password)
    if (m.type === 'resume') {
      const s = this.deps.auth.sessions.get(m.token)
      if (!s) return this.fail(c, m.id, 'E_SESSION_EXPIRED')
      c.session = s
      return c.send({ type: 'session', id: m.id, token: s.token, user: s.user, role: s.role, expiresAt: s.expiresAt })
    }
    // Everything below needs a live session.
    if (!c.session) return this.fail(c, m.id, 'E_AUTH_REQUIRED')
    if (!this.deps.auth.sessions.get(c.session.token)) {
      c.session = null
      for (const name of [...c.groups.keys()]) this.unsubscribe(c, name)
      return this.fail(c, m.id, 'E_SESSION_EXPIRED')
    }
    const session = c.session
    if (ACCOUNT_TYPES.has(m.type)) return this.account(c, m, session.user, session.role)
    if (m.type === 'queryHistory') {
      if (this.deps.auth.mustChangePassword(session.user)) return this.fail(c, m.id, 'E_PASSWORD_CHANGE_REQUIRED')
      if (!this.deps.history) return this.fail(c, m.id, 'E_HISTORY_UNAVAILABLE')
      const result = await this.deps.history.query(m.query)
      return c.send(m.format === 'csv' ? { type: 'historyCsv', id: m.id, csv: this.deps.history.csv(result) } : { type: 'history', id: m.id, result })
    }
    if (ALARM_TYPES.has(m.type)) {
      if (this.deps.auth.mustChangePassword(session.user)) return this.fail(c, m.id, 'E_PASSWORD_CHANGE_REQUIRED')
      return this.alarm(c, m, session.user, session.role)
    }
    if (m.type !== 'logout' && this.deps.auth.mustChangePassword(session.user)) return this.fail(c, m.id, 'E_PASSWORD_CHANGE_REQUIRED')
    if (CERTIFICATE_TYPES.has(m.type)) return this.certificate(c, m, session.user, session.role)
    if (PROGRAM_FAULT_TYPES.has(m.type)) return this.programFault(c, m, session.user, session.role)
    if (ENGINEERING_TYPES.has(m.type)) {
      if (!roleAtLeast(session.role, 'engineer')) return this.fail(c, m.id, 'E_FORBIDDEN', `${m.type} needs role engineer`)
      if (!this.deps.engineering) return this.fail(c, m.id, 'E_FORBIDDEN', 'this runtime has no engineering access')
      let reply
      try {
        reply = await runEngineering(this.deps.engineering, m, session.user)
      } catch (e) {
        if (AUDITED.has(m.type)) this.deps.audit?.record({ user: session.user, action: m.type, ok: false, code: (e as TaktError).code ?? 'E_INTERNAL', remote: c.remote, ...engineeringTarget(m) })
        throw e
      }
      if (AUDITED.has(m.type)) this.deps.audit?.record({ user: session.user, action: m.type, ok: true, remote: c.remote, ...engineeringTarget(m), ...(reply.type === 'deployed' ? { detail: { kept: reply.kept.length, reset: reply.reset.length } } : {}), ...(reply.type === 'published' ? { target: reply.version.version } : {}) })
      this.deps.log.info('engineering', { user: session.user, type: m.type })
      if (m.type === 'saveDraft') this.broadcastDraftChanged(c, m.changes.map((ch) => ch.path), session.user)
      return c.send(reply)
    }
    switch (m.type) {
      case 'logout':
        this.deps.audit?.record({ user: session.user, action: 'logout', ok: true, remote: c.remote })
        this.deps.auth.sessions.revoke(session.token)
        c.session = null
        for (const name of [...c.groups.keys()]) this.unsubscribe(c, name)
        return c.send({ type: 'ok', id: m.id })
      case 'getApp':
        return c.send({ type: 'app', id: m.id, app: this.view.bundle })
      case 'subscribe':
        return this.subscribe(c, m.id, m.sub, m.tags)
      case 'unsubscribe':
        if (!c.groups.has(m.sub) && !c.pins.has(m.sub)) return this.fail(c, m.id, 'E_BAD_MESSAGE', `no subscription named "${m.sub}"`)
        this.unsubscribe(c, m.sub)
        return c.send({ type: 'ok', id: m.id })
      case 'write': {
        const r = await this.view.writer.write(session.role, m.tag, m.value, m.confirmed === true, m.reason)
        this.deps.audit?.record({
          user: session.user, action: 'write', target: m.tag, new: m.value, ok: r.ok, remote: c.remote,
          ...(r.ok ? { old: r.old } : { code: r.code }), ...(m.reason ? { detail: { reason: m.reason } } : {}),
        })
        this.deps.log.info('write', { user: session.user, tag: m.tag, value: m.value, ok: r.ok, ...(r.ok ? {} : { code: r.code }) })
        return r.ok ? c.send({ type: 'ok', id: m.id }) : this.fail(c, m.id, r.code, r.message)
      }
    }
  }

  private async login(c: ClientConnection, id: number, user: string, password: string): Promise<void> {
    if (c.loginInFlight) return this.fail(c, id, 'E_RATE_LIMIT', 'one login at a time')
    c.loginInFlight = true
    try {
      const r = await this.deps.auth.login(user, password, c.remote)
      this.deps.audit?.record({ user, action: 'login', ok: r.ok, remote: c.remote, ...(r.ok ? {} : { code: r.code }) })
      if (!r.ok) {
        this.deps.log.info('login failed', { user, remote: c.remote, code: r.code })
        return this.fail(c, id, r.code, undefined, r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : undefined)
      }
      const s = r.session
      c.session = s
      this.deps.log.info('login', { user: s.user, role: s.role, remote: c.remote })
      return c.send({ type: 'session', id, token: s.token, user: s.user, role: s.role, expiresAt: s.expiresAt, ...(r.mustChangePassword ? { mustChangePassword: true } : {}) })
    } finally {
      c.loginInFlight = false
    }
  }

  /** Alarm list, operator actions, journal and KPIs. */
  private alarm(c: ClientConnection, m: ClientMessage, user: string, role: Role): void {
    const alarms = this.view.alarms
    switch (m.type) {
      case 'subscribeAlarms':
        this.alarmSubscribers.add(c)
        return c.send({ type: 'alarmList', id: m.id, alarms: alarms.list() })
      case 'unsubscribeAlarms':
        this.alarmSubscribers.delete(c)
        return c.send({ type: 'ok', id: m.id })
      case 'alarmAction': {
        const needed = m.action === 'outOfService' || m.action === 'returnToService' ? 'engineer' : 'operator'
        if (!roleAtLeast(role, needed)) return this.fail(c, m.id, 'E_FORBIDDEN', `${m.action} needs role ${needed}`)
        if (m.action === 'shelve' && !(m.reason && m.reason.trim())) return this.fail(c, m.id, 'E_REASON_REQUIRED', 'shelving needs a reason')
        const results = alarms.act(m.action, m.alarms, {
          user, ...(m.comment ? { comment: m.comment } : {}), ...(m.reason ? { reason: m.reason } : {}),
          ...(m.action === 'shelve' ? { durationMs: m.oneShot ? 'oneShot' as const : (m.durationMs ?? 'oneShot' as const) } : {}),
        })
        for (const r of results) {
          this.deps.audit?.record({ user, action: `alarm.${m.action}`, target: r.alarmId, ok: !r.refused, remote: c.remote, ...(r.refused ? { code: r.refused } : {}), ...(m.comment || m.reason ? { detail: { ...(m.comment ? { comment: m.comment } : {}), ...(m.reason ? { reason: m.reason } : {}) } } : {}) })
        }
        return c.send({ type: 'alarmResult', id: m.id, results })
      }
      case 'queryAlarmJournal': {
        const { type: _t, id: _i, ...q } = m
        return c.send({ type: 'alarmJournal', id: m.id, entries: alarms.queryJournal(q) })
      }
      case 'alarmKpis':
        return c.send({ type: 'alarmKpisResult', id: m.id, kpis: alarms.kpis(m.from, m.to) })
    }
  }

  /** Server certificates of the connections (admin only); every trust decision lands in the audit trail. */
  private async certificate(c: ClientConnection, m: ClientMessage, user: string, role: Role): Promise<void> {
    if (role !== 'admin') return this.fail(c, m.id, 'E_FORBIDDEN', 'managing certificates needs role admin')
    const conns = this.view.connections
    if (m.type === 'listCertificates') {
      return c.send({ type: 'certificates', id: m.id, connection: m.connection, certificates: await conns.certificates(m.connection) })
    }
    if (m.type !== 'trustCertificate' && m.type !== 'rejectCertificate') return
    const trust = m.type === 'trustCertificate'
    const action = trust ? 'certificate.trust' : 'certificate.reject'
    const target = `${m.connection}:${m.thumbprint.toUpperCase()}`
    try {
      await (trust ? conns.trust(m.connection, m.thumbprint) : conns.reject(m.connection, m.thumbprint))
    } catch (e) {
      this.deps.audit?.record({ user, action, target, ok: false, code: (e as TaktError).code ?? 'E_INTERNAL', remote: c.remote })
      throw e
    }
    this.deps.audit?.record({ user, action, target, ok: true, remote: c.remote })
    this.deps.log.info(action, { user, target })
    return c.send({ type: 'ok', id: m.id })
  }

  /** Programs stopped by a run-time fault: list them, or let one run again (engineer; resets are audited). */
  private programFault(c: ClientConnection, m: ClientMessage, user: string, role: Role): void {
    if (!roleAtLeast(role, 'engineer')) return this.fail(c, m.id, 'E_FORBIDDEN', `${m.type} needs role engineer`)
    if (m.type === 'listProgramFaults') {
      const faults = (this.view.tasks ?? []).flatMap((t) => t.stats.faults.map((f) => ({ ...f })))
      return c.send({ type: 'programFaults', id: m.id, faults })
    }
    if (m.type !== 'resetProgramFault') return
    const ok = this.view.resetFault?.(m.program) ?? false
    this.deps.audit?.record({ user, action: 'program.resetFault', target: m.program, ok, ...(ok ? {} : { code: 'E_REFERENCE' }), remote: c.remote })
    if (!ok) return this.fail(c, m.id, 'E_REFERENCE', `program ${m.program} is not stopped by a fault`)
    return c.send({ type: 'ok', id: m.id })
  }

  /** Users, passwords and the audit trail. */
  private async account(c: ClientConnection, m: ClientMessage, user: string, role: string): Promise<void> {
    const auth = this.deps.auth
    const audit = this.deps.audit
    switch (m.type) {
      case 'changePassword':
        try {
          await auth.changePassword(user, m.oldPassword, m.newPassword)
          audit?.record({ user, action: 'changePassword', target: user, ok: true, remote: c.remote })
        } catch (e) {
          audit?.record({ user, action: 'changePassword', target: user, ok: false, code: (e as TaktError).code, remote: c.remote })
          throw e
        }
        return c.send({ type: 'ok', id: m.id })
      case 'listUsers':
        if (role !== 'admin') return this.fail(c, m.id, 'E_FORBIDDEN', 'managing users needs role admin')
        return c.send({ type: 'users', id: m.id, users: auth.list() })
      case 'saveUser': {
        if (role !== 'admin') return this.fail(c, m.id, 'E_FORBIDDEN', 'managing users needs role admin')
        const r = await auth.save(m.user, m.role, m.password, m.displayName)
        audit?.record({ user, action: r.created ? 'createUser' : 'changeUser', target: m.user, ...(r.old ? { old: { role: r.old.role } } : {}), new: { role: m.role, passwordChanged: m.password !== undefined }, ok: true, remote: c.remote })
        return c.send({ type: 'ok', id: m.id })
      }
      case 'deleteUser':
        if (role !== 'admin') return this.fail(c, m.id, 'E_FORBIDDEN', 'managing users needs role admin')
        auth.delete(m.user)
        audit?.record({ user, action: 'deleteUser', target: m.user, ok: true, remote: c.remote })
        return c.send({ type: 'ok', id: m.id })
      case 'queryAudit': {
        if (!roleAtLeast(role as never, 'engineer')) return this.fail(c, m.id, 'E_FORBIDDEN', 'the audit trail needs role engineer')
        const { type: _t, id: _i, ...q } = m
        return c.send({ type: 'audit', id: m.id, entries: audit?.query(q) ?? [] })
      }
    }
  }

  private broadcastDraftChanged(from: ClientConnection, paths: string[], by: string): void {
    for (const c of this.clients) {
      if (c !== from && c.session && roleAtLeast(c.session.role, 'engineer')) c.send({ type: 'draftChanged', paths, by })
    }
  }

  private subscribe(c: ClientConnection, id: number, name: string, paths: string[]): void {
    const L = this.limits
    if (paths.length > L.maxTagsPerSubscription) return this.fail(c, id, 'E_LIMIT', `at most ${L.maxTagsPerSubscription} tags per subscription`)
    const known = c.groups.has(name) || c.pins.has(name)
    if (!known && c.groups.size + c.pins.size >= L.maxSubscriptionsPerSession) return this.fail(c, id, 'E_LIMIT', `at most ${L.maxSubscriptionsPerSession} subscriptions per session`)
    const handles: number[] = []
    const unknown: string[] = []
    const ids: number[] = []
    const pins: Pin[] = []
    for (const p of paths) {
      if (p.startsWith(PROGRAM_PIN_PREFIX)) {
        const get = this.view.pinGetter(p)
        if (get) {
          const pin: Pin = { handle: this.nextPin++, get, last: undefined }
          pins.push(pin)
          handles.push(pin.handle)
          continue
        }
      }
      const tid = this.view.db.id(p)
      if (tid === undefined) {
        handles.push(-1)
        unknown.push(p)
      } else {
        handles.push(tid)
        ids.push(tid)
      }
    }
    const previous = (c.groups.get(name)?.length ?? 0) + (c.pins.get(name)?.length ?? 0)
    let pinCount = 0
    for (const l of c.pins.values()) pinCount += l.length
    if (c.refs.size + pinCount - previous + ids.length + pins.length > L.maxTagsPerSession) return this.fail(c, id, 'E_LIMIT', `at most ${L.maxTagsPerSession} tags per session`)
    this.unsubscribe(c, name)
    c.groups.set(name, ids)
    if (pins.length) c.pins.set(name, pins)
    for (const tid of ids) {
      const n = c.refs.get(tid) ?? 0
      c.refs.set(tid, n + 1)
      if (n === 0) (this.subscribers[tid] ??= []).push(c)
      // The present value goes out with the next flush, so a new screen shows values at once.
      c.markDirty(tid)
    }
    c.send({ type: 'subscribed', id, sub: name, handles, unknown })
  }

  private unsubscribe(c: ClientConnection, name: string): void {
    c.pins.delete(name)
    const ids = c.groups.get(name)
    if (!ids) return
    c.groups.delete(name)
    for (const tid of ids) {
      const n = c.refs.get(tid) ?? 0
      if (n > 1) c.refs.set(tid, n - 1)
      else {
        c.refs.delete(tid)
        const list = this.subscribers[tid]
        if (list) {
          const i = list.indexOf(c)
          if (i >= 0) list.splice(i, 1)
          if (list.length === 0) this.subscribers[tid] = undefined
        }
      }
    }
  }
}
