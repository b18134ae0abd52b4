/**
 * The wire protocol between studio (browser) and runtime: JSON messages over one WebSocket per tab.
 * Every message is an object with a `type`. Requests carry a client-chosen `id` (number) and get exactly one
 * reply carrying the same `id`: either `{type:'ok', id, ...}`-shaped results or `{type:'error', id, code, message}`.
 *
 * High-volume traffic is compact: a subscription maps tag paths to small integer handles once, and updates
 * then travel as arrays `[handle, value, status, sourceTime]` batched per flush tick.
 */
import type { ErrorCode } from '../errors.js'
import type { TagScalar } from '../quality.js'
import type { Role } from '../format/common.js'
import type { AppBundle } from '../format/app.js'

export const PROTOCOL_VERSION = 1

// ---------- client -> runtime ----------
export interface HelloMsg { type: 'hello'; id: number; protocol: number; client?: string }
export interface LoginMsg { type: 'login'; id: number; user: string; password: string }
export interface ResumeMsg { type: 'resume'; id: number; token: string }
export interface LogoutMsg { type: 'logout'; id: number }
/** Fetch the deployed APP (manifest, screens, tag metadata) for the viewer. */
export interface GetAppMsg { type: 'getApp'; id: number }
/** Subscribe a named group (one per screen or popup). Re-subscribing a name replaces its tag list. */
export interface SubscribeMsg { type: 'subscribe'; id: number; sub: string; tags: string[] }
export interface UnsubscribeMsg { type: 'unsubscribe'; id: number; sub: string }
/** Write a value. `confirmed` must be true for tags whose access requires confirmation. */
export interface WriteMsg { type: 'write'; id: number; tag: string; value: TagScalar; confirmed?: boolean }
export interface PingMsg { type: 'ping'; id: number }

export type ClientMessage =
  | HelloMsg | LoginMsg | ResumeMsg | LogoutMsg | GetAppMsg | SubscribeMsg | UnsubscribeMsg | WriteMsg | PingMsg

export type ClientMessageType = ClientMessage['type']
export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = [
  'hello', 'login', 'resume', 'logout', 'getApp', 'subscribe', 'unsubscribe', 'write', 'ping',
]

// ---------- runtime -> client ----------
export interface WelcomeMsg { type: 'welcome'; id: number; protocol: number; server: string; version: string; authRequired: boolean }
export interface SessionMsg {
  type: 'session'; id: number; token: string; user: string; role: Role; expiresAt: number
}
export interface AppMsg { type: 'app'; id: number; app: AppBundle }
/** Reply to subscribe: handle per requested tag in request order; unknown tags get handle -1 and are listed. */
export interface SubscribedMsg { type: 'subscribed'; id: number; sub: string; handles: number[]; unknown: string[] }
/** Generic success reply (unsubscribe, logout, write, ping). */
export interface OkMsg { type: 'ok'; id: number }
export interface ErrorMsg { type: 'error'; id: number | null; code: ErrorCode; message: string; detail?: unknown }
/**
 * Batched value changes since the last flush. `u` rows are [handle, value, status, sourceTime].
 * `t` is the runtime time at flush. A newly subscribed handle always gets its current value in the next batch.
 */
export type UpdateRow = [handle: number, value: TagScalar, status: number, sourceTime: number]
export interface UpdatesMsg { type: 'updates'; t: number; u: UpdateRow[] }
/** The runtime closes or re-deploys; clients re-fetch the APP on `appChanged`. */
export interface NoticeMsg { type: 'notice'; event: 'appChanged' | 'shutdown' | 'sessionExpired'; message?: string }

export type ServerMessage = WelcomeMsg | SessionMsg | AppMsg | SubscribedMsg | OkMsg | ErrorMsg | UpdatesMsg | NoticeMsg

/** Explicit limits with safe defaults (STYLE.md 9). Runtime options may override them. */
export interface ProtocolLimits {
  /** Largest accepted text message, bytes. Larger ones get E_TOO_LARGE and the session goes on. */
  maxMessageBytes: number
  /** Hard cap after which the socket is closed (protects memory). */
  hardMaxMessageBytes: number
  /** Maximum tags in one subscription group and in all groups of a session. */
  maxTagsPerSubscription: number
  maxTagsPerSession: number
  maxSubscriptionsPerSession: number
  /** Messages per second per session before E_RATE_LIMIT. */
  maxMessagesPerSecond: number
  /** Flush period for batched updates, ms. */
  flushIntervalMs: number
  /** If a client's socket buffer exceeds this many bytes, updates are held (latest-wins) until it drains. */
  maxBufferedBytes: number
}

export const DEFAULT_LIMITS: ProtocolLimits = {
  maxMessageBytes: 256 * 1024,
  hardMaxMessageBytes: 4 * 1024 * 1024,
  maxTagsPerSubscription: 20_000,
  maxTagsPerSession: 50_000,
  maxSubscriptionsPerSession: 64,
  maxMessagesPerSecond: 200,
  flushIntervalMs: 50,
  maxBufferedBytes: 1024 * 1024,
}
