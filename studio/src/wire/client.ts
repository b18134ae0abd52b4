/**
 * The studio's WebSocket client for the Takt wire protocol (blocks/src/wire/protocol.ts).
 *
 * - Every request gets a numeric id; its one reply (same id) resolves or rejects the request's promise; no reply
 *   within `requestTimeoutMs` rejects with E_TIMEOUT.
 * - The socket reconnects by itself with exponential backoff; after each reconnect the client says `hello`,
 *   `resume`s the session token and re-subscribes every active group, so screens come back without help.
 * - `updates` rows are translated from handles to tag paths and handed to `onUpdates` listeners.
 */
import { PROTOCOL_VERSION } from '@takt/blocks'
import type {
  AlarmChangesMsg, AlarmJournalMsg, AlarmKpisResultMsg, AlarmListMsg, AlarmResultMsg, AppMsg, AuditMsg, BrowseResultMsg, CertificatesMsg,
  ClientMessage, ClientMessageType, DeployedMsg, DiagnosticsMsg, DraftChangedMsg, DraftMsg, ErrorCode, HistoryCsvMsg, HistoryMsg, NoticeMsg, OkMsg,
  PublishedMsg, SavedMsg, ServerMessage, SessionMsg, SubscribedMsg, TagScalar, UsersMsg, VersionsMsg, WelcomeMsg,
} from '@takt/blocks'
import type { ProgramFaultsMsg } from '@takt/blocks'
import { Emitter } from './emitter'
import { WireError } from './errors'
import { SOCKET_OPEN, browserSocket } from './socket'
import type { SocketFactory, SocketLike } from './socket'

/** `open` means the handshake is done (welcome received, session resumed when there was a token). */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

/** One tag change, with the handle already resolved to its path. */
export interface LiveUpdate { path: string; value: TagScalar; status: number; sourceTime: number }

/** Reconnection and liveness options; the defaults suit a browser on a plant network (STYLE.md 9). */
export interface ClientOptions {
  url: string
  socketFactory?: SocketFactory
  /** A request without reply after this long fails with E_TIMEOUT. */
  requestTimeoutMs?: number
  autoReconnect?: boolean
  reconnectInitialMs?: number
  reconnectMaxMs?: number
  /** A ping this often detects a half-open connection; 0 disables it. */
  heartbeatMs?: number
  clientName?: string
}

type ReplyOf = {
  hello: WelcomeMsg; login: SessionMsg; resume: SessionMsg; logout: OkMsg; getApp: AppMsg
  subscribe: SubscribedMsg; unsubscribe: OkMsg; write: OkMsg; ping: OkMsg
  openDraft: DraftMsg; saveDraft: SavedMsg; validateDraft: DiagnosticsMsg; publish: PublishedMsg
  listVersions: VersionsMsg; deploy: DeployedMsg; browse: BrowseResultMsg
  changePassword: OkMsg; listUsers: UsersMsg; saveUser: OkMsg; deleteUser: OkMsg; queryAudit: AuditMsg
  subscribeAlarms: AlarmListMsg; unsubscribeAlarms: OkMsg; alarmAction: AlarmResultMsg
  queryAlarmJournal: AlarmJournalMsg; alarmKpis: AlarmKpisResultMsg
  queryHistory: HistoryMsg | HistoryCsvMsg
  listCertificates: CertificatesMsg; trustCertificate: OkMsg; rejectCertificate: OkMsg
  resetProgramFault: OkMsg; listProgramFaults: ProgramFaultsMsg
}
type RequestOf<K extends ClientMessageType> = Omit<Extract<ClientMessage, { type: K }>, 'id'>

interface Pending { resolve: (m: ServerMessage) => void; reject: (e: WireError) => void; timer: ReturnType<typeof setTimeout> }

/** Codes that mean the stored token is no good any more. */
const SESSION_LOST_CODES: readonly string[] = ['E_SESSION_EXPIRED', 'E_AUTH_REQUIRED', 'E_AUTH_FAILED']

export class TaktClient {
  readonly onState = new Emitter<ConnectionState>()
  readonly onUpdates = new Emitter<LiveUpdate[]>()
  readonly onNotice = new Emitter<NoticeMsg>()
  /** Another editor saved files of the draft. */
  readonly onDraftChanged = new Emitter<DraftChangedMsg>()
  /** Alarm states changed (after `subscribeAlarms`). */
  readonly onAlarmChanges = new Emitter<AlarmChangesMsg>()
  /** The stored token was refused (expired, revoked): the UI must ask for a login again. */
  readonly onSessionLost = new Emitter<ErrorCode>()
  /** A session was established or resumed (also by the automatic resume after a reconnect). */
  readonly onSession = new Emitter<SessionMsg>()
  /** Errors not tied to a request (`id: null`) and failed background re-subscriptions. */
  readonly onError = new Emitter<WireError>()

  private _state: ConnectionState = 'idle'
  private socket: SocketLike | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly groups = new Map<string, string[]>()
  private readonly groupHandles = new Map<string, number[]>()
  private readonly handlePaths = new Map<number, string>()
  private readonly openWaiters = new Set<() => void>()
  private token: string | null = null
  private attempt = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null
  private _welcome: WelcomeMsg | null = null
  private readonly opts: Required<ClientOptions>

  constructor(options: ClientOptions) {
    this.opts = {
      socketFactory: browserSocket,
      requestTimeoutMs: 10_000,
      autoReconnect: true,
      reconnectInitialMs: 500,
      reconnectMaxMs: 10_000,
      heartbeatMs: 20_000,
      clientName: 'takt-studio',
      ...options,
    }
  }

  get state(): ConnectionState { return this._state }
  /** The runtime's `welcome` of the current connection (null before the handshake). */
  get welcome(): WelcomeMsg | null { return this._welcome }
  get sessionToken(): string | null { return this.token }

  /** Token used by `resume` on every (re)connect; set after login or from sessionStorage. */
  setToken(token: string | null): void { this.token = token }

  connect(): void {
    if (this._state === 'connecting' || this._state === 'open') return
    this.clearReconnect()
    this.setState(this.attempt > 0 ? 'reconnecting' : 'connecting')
    const s = this.opts.socketFactory(this.opts.url)
    this.socket = s
    s.onopen = () => { void this.handshake(s) }
    s.onmessage = (ev) => { if (this.socket === s) this.receive(ev.data) }
    s.onclose = () => { if (this.socket === s) this.dropped() }
    s.onerror = () => { /* onclose follows and does the work */ }
  }

  /** Close for good (no reconnect). */
  close(): void {
    this.clearReconnect()
    const s = this.socket
    this.socket = null
    this.stopHeartbeat()
    this.setState('closed')
    this.failAll('E_OFFLINE')
    s?.close(1000, 'client closed')
  }

  // ---------- requests ----------

  /**
   * Send a request and await its reply. Before the handshake is done the request waits (up to the timeout) for
   * the connection, except `write`: a write is never queued, since an operator's command that arrives seconds
   * later is worse than one refused now.
   */
  async request<K extends ClientMessageType>(msg: RequestOf<K>): Promise<ReplyOf[K]> {
    if (this._state !== 'open') {
      if (msg.type === 'write' || this._state === 'closed' || this._state === 'idle') throw new WireError('E_OFFLINE')
      await this.waitOpen()
    }
    return this.send(msg)
  }

  async login(user: string, password: string): Promise<SessionMsg> {
    const s = await this.request<'login'>({ type: 'login', user, password })
    this.token = s.token
    this.onSession.emit(s)
    this.resubscribeAll()
    return s
  }

  async resume(token: string): Promise<SessionMsg> {
    const s = await this.request<'resume'>({ type: 'resume', token })
    this.token = s.token
    this.onSession.emit(s)
    return s
  }

  async logout(): Promise<void> {
    const had = this.token
    this.token = null
    this.groups.clear()
    this.groupHandles.clear()
    this.handlePaths.clear()
    if (had !== null && this._state === 'open') await this.send<'logout'>({ type: 'logout' })
  }

  getApp(): Promise<AppMsg> {
    return this.request<'getApp'>({ type: 'getApp' })
  }

  write(tag: string, value: TagScalar, confirmed = false): Promise<OkMsg> {
    return this.request<'write'>({ type: 'write', tag, value, confirmed })
  }

  /**
   * Subscribe a named group (replacing its tag list). The group is remembered and re-subscribed after each
   * reconnect. Offline, it resolves to null and is sent once the connection is back.
   */
  async subscribe(sub: string, tags: string[]): Promise<SubscribedMsg | null> {
    this.groups.set(sub, [...tags])
    if (this._state !== 'open') return null
    return this.sendSubscribe(sub, tags)
  }

  async unsubscribe(sub: string): Promise<void> {
    const had = this.groups.delete(sub)
    this.groupHandles.delete(sub)
    this.rebuildHandles()
    if (had && this._state === 'open') await this.send<'unsubscribe'>({ type: 'unsubscribe', sub })
  }

  /** The tag lists of the active groups (what the client will re-subscribe after a reconnect). */
  activeGroups(): ReadonlyMap<string, readonly string[]> { return this.groups }

  // ---------- internals ----------

  private send<K extends ClientMessageType>(msg: RequestOf<K>): Promise<ReplyOf[K]> {
    const s = this.socket
    if (!s || s.readyState !== SOCKET_OPEN) return Promise.reject(new WireError('E_OFFLINE'))
    const id = this.nextId++
    return new Promise<ReplyOf[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new WireError('E_TIMEOUT'))
      }, this.opts.requestTimeoutMs)
      this.pending.set(id, { resolve: resolve as (m: ServerMessage) => void, reject, timer })
      s.send(JSON.stringify({ ...msg, id }))
    })
  }

  private async sendSubscribe(sub: string, tags: string[]): Promise<SubscribedMsg> {
    const reply = await this.send<'subscribe'>({ type: 'subscribe', sub, tags })
    // A later subscribe or unsubscribe of the same name wins over this (late) reply.
    if (this.groups.get(sub) === tags || sameList(this.groups.get(sub), tags)) {
      this.groupHandles.set(sub, reply.handles)
      this.rebuildHandles()
    }
    return reply
  }

  private rebuildHandles(): void {
    this.handlePaths.clear()
    for (const [sub, handles] of this.groupHandles) {
      const tags = this.groups.get(sub)
      if (!tags) continue
      handles.forEach((h, i) => {
        const path = tags[i]
        if (h >= 0 && path !== undefined) this.handlePaths.set(h, path)
      })
    }
  }

  private async handshake(s: SocketLike): Promise<void> {
    try {
      this._welcome = await this.send<'hello'>({ type: 'hello', protocol: PROTOCOL_VERSION, client: this.opts.clientName })
      let authed = !this._welcome.authRequired
      let session: SessionMsg | null = null
      if (this.token !== null) {
        try {
          session = await this.send<'resume'>({ type: 'resume', token: this.token })
          this.token = session.token
          authed = true
        } catch (e) {
          const code = e instanceof WireError ? e.code : 'E_INTERNAL'
          if (!SESSION_LOST_CODES.includes(code)) throw e
          this.token = null
          this.onSessionLost.emit(code)
        }
      }
      if (this.socket !== s) return
      this.attempt = 0
      if (session) this.onSession.emit(session)
      this.setState('open')
      this.startHeartbeat()
      for (const fn of [...this.openWaiters]) fn()
      if (authed) this.resubscribeAll()
    } catch (e) {
      if (e instanceof WireError) this.onError.emit(e)
      if (this.socket === s) s.close(4000, 'handshake failed')
    }
  }

  private resubscribeAll(): void {
    for (const [sub, tags] of this.groups) {
      this.sendSubscribe(sub, tags).catch((e: unknown) => {
        if (e instanceof WireError) this.onError.emit(e)
      })
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return
    let msg: ServerMessage
    try {
      msg = JSON.parse(data) as ServerMessage
    } catch {
      return // the runtime only sends JSON; a broken frame is dropped rather than crashing the viewer
    }
    if (typeof msg !== 'object' || msg === null) return
    switch (msg.type) {
      case 'updates': this.dispatchUpdates(msg.u); return
      case 'notice':
        if (msg.event === 'sessionExpired') {
          this.token = null
          this.onSessionLost.emit('E_SESSION_EXPIRED')
        }
        this.onNotice.emit(msg)
        return
      case 'draftChanged': this.onDraftChanged.emit(msg); return
      case 'alarmChanges': this.onAlarmChanges.emit(msg); return
      default: break
    }
    const id = msg.id
    const p = id === null ? undefined : this.pending.get(id)
    if (!p) {
      if (msg.type === 'error') this.onError.emit(new WireError(msg.code, msg.message, msg.detail))
      return
    }
    this.pending.delete(id as number)
    clearTimeout(p.timer)
    if (msg.type === 'error') p.reject(new WireError(msg.code, msg.message, msg.detail))
    else p.resolve(msg)
  }

  private dispatchUpdates(rows: unknown): void {
    if (!Array.isArray(rows)) return
    const out: LiveUpdate[] = []
    for (const r of rows as unknown[]) {
      if (!Array.isArray(r)) continue
      const path = this.handlePaths.get(r[0] as number)
      if (path === undefined) continue
      out.push({ path, value: r[1] as TagScalar, status: r[2] as number, sourceTime: r[3] as number })
    }
    if (out.length > 0) this.onUpdates.emit(out)
  }

  private dropped(): void {
    this.socket = null
    this._welcome = null
    this.stopHeartbeat()
    this.failAll('E_OFFLINE')
    this.groupHandles.clear()
    this.handlePaths.clear()
    if (this._state === 'closed') return
    if (!this.opts.autoReconnect) {
      this.setState('closed')
      return
    }
    this.setState('reconnecting')
    const base = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectInitialMs * 2 ** this.attempt)
    // Jitter spreads the reconnects of many panels after a runtime restart.
    const delay = base * (0.8 + Math.random() * 0.2)
    this.attempt++
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, delay)
  }

  private failAll(code: ErrorCode): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer)
      p.reject(new WireError(code))
    }
    this.pending.clear()
    for (const fn of [...this.openWaiters]) fn()
  }

  private waitOpen(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        this.openWaiters.delete(done)
        if (this._state === 'open') resolve()
        else if (this._state === 'closed') reject(new WireError('E_OFFLINE'))
        else this.openWaiters.add(done) // a drop while waiting: keep waiting for the next connection
      }
      const timer = setTimeout(() => {
        this.openWaiters.delete(done)
        reject(new WireError('E_TIMEOUT'))
      }, this.opts.requestTimeoutMs)
      this.openWaiters.add(done)
    })
  }

  private startHeartbeat(): void {
    this.stopHeartbeat()
    if (this.opts.heartbeatMs <= 0) return
    this.heartbeatTimer = setInterval(() => {
      const s = this.socket
      this.send<'ping'>({ type: 'ping' }).catch((e: unknown) => {
        // No pong in time: the link is half-open; closing it starts a reconnect.
        if (e instanceof WireError && e.code === 'E_TIMEOUT' && s && this.socket === s) s.close(4001, 'heartbeat timeout')
      })
    }, this.opts.heartbeatMs)
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer)
    this.heartbeatTimer = null
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
  }

  private setState(s: ConnectionState): void {
    if (s === this._state) return
    this._state = s
    this.onState.emit(s)
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i])
}
