/**
 * The wire protocol between studio (browser) and runtime: JSON messages over one WebSocket per tab.
 * Every message is an object with a `type`. Requests carry a client-chosen `id` (number) and get exactly one
 * reply carrying the same `id`: either `{type:'ok', id, ...}`-shaped results or `{type:'error', id, code, message}`.
 *
 * High-volume traffic is compact: a subscription maps tag paths to small integer handles once, and updates
 * then travel as arrays `[handle, value, status, sourceTime]` batched per flush tick.
 */
import type { Diagnostic, ErrorCode } from '../errors.js'
import type { TagScalar } from '../quality.js'
import type { Role } from '../format/common.js'
import type { AppBundle } from '../format/app.js'
import type { HistoryQuery, HistoryResult } from './history.js'
import type { ActionResult, AlarmJournalEntry, AlarmKpis, AlarmPriority, AlarmView } from '../alarms/index.js'

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
export interface WriteMsg { type: 'write'; id: number; tag: string; value: TagScalar; confirmed?: boolean; reason?: string }
export interface PingMsg { type: 'ping'; id: number }

// ----- engineering (role engineer or admin): the draft APP, versions, deploy, browse -----
/** Open the draft: every file of the APP folder with its content hash. */
export interface OpenDraftMsg { type: 'openDraft'; id: number }
/**
 * Save changed files of the draft, all or nothing. `baseHash` is the hash the editor started from (null for a new
 * file); if any differs from the file's current hash the save is refused with E_CONFLICT and nothing is written.
 * `content: null` deletes the file.
 */
export interface SaveDraftMsg { type: 'saveDraft'; id: number; changes: DraftChange[] }
export interface ValidateDraftMsg { type: 'validateDraft'; id: number }
/** Publish the draft as an immutable version (refused with E_INVALID_APP and the problem list if it does not load). */
export interface PublishMsg { type: 'publish'; id: number; note?: string }
export interface ListVersionsMsg { type: 'listVersions'; id: number }
/** Switch the runtime to a published version without a restart, keeping FB state where identity and type are unchanged. */
export interface DeployMsg { type: 'deploy'; id: number; version: string }
/** Browse a site connection's address space through the runtime (the studio never talks to equipment itself). */
export interface BrowseMsg { type: 'browse'; id: number; connection: string; address?: string }

// ----- users and audit -----
/** Any user: change the own password (required first when the account is flagged). */
export interface ChangePasswordMsg { type: 'changePassword'; id: number; oldPassword: string; newPassword: string }
/** Admin: list, create/change, delete users. */
export interface ListUsersMsg { type: 'listUsers'; id: number }
export interface SaveUserMsg { type: 'saveUser'; id: number; user: string; role: Role; password?: string; displayName?: string }
export interface DeleteUserMsg { type: 'deleteUser'; id: number; user: string }
/** Engineer or admin: the audit trail, newest first. */
export interface QueryAuditMsg { type: 'queryAudit'; id: number; from?: number; to?: number; user?: string; action?: string; target?: string; limit?: number; before?: number }

// ----- alarms (ISA-18.2) -----
/** Receive the alarm list now and every change after (`alarmChanges`). */
export interface SubscribeAlarmsMsg { type: 'subscribeAlarms'; id: number }
export interface UnsubscribeAlarmsMsg { type: 'unsubscribeAlarms'; id: number }
export type AlarmActionKind = 'ack' | 'shelve' | 'unshelve' | 'reset' | 'outOfService' | 'returnToService'
/** Operator actions (operator: ack, shelve, unshelve, reset; engineer: out of service). `reason` is required to shelve. */
export interface AlarmActionMsg {
  type: 'alarmAction'; id: number; action: AlarmActionKind; alarms: string[]
  comment?: string; reason?: string; durationMs?: number; oneShot?: boolean
}
export interface QueryAlarmJournalMsg { type: 'queryAlarmJournal'; id: number; from?: number; to?: number; area?: string; priority?: AlarmPriority; tag?: string; limit?: number; before?: number }
export interface AlarmKpisMsg { type: 'alarmKpis'; id: number; from: number; to: number }

/** History of tags (raw, or aggregated into buckets); `format: 'csv'` answers with a CSV text instead. */
export interface QueryHistoryMsg { type: 'queryHistory'; id: number; query: HistoryQuery; format?: 'json' | 'csv' }

// ----- certificates of a site connection (admin) -----
/** Server certificates a connection has seen: trusted, and rejected ones waiting for a decision. */
export interface ListCertificatesMsg { type: 'listCertificates'; id: number; connection: string }
export interface TrustCertificateMsg { type: 'trustCertificate'; id: number; connection: string; thumbprint: string }
export interface RejectCertificateMsg { type: 'rejectCertificate'; id: number; connection: string; thumbprint: string }
export interface CertificateInfo {
  /** SHA-1 thumbprint, hex upper case (as OPC UA tools show it). */
  thumbprint: string
  subject: string
  issuer?: string
  validFrom?: string
  validTo?: string
  status: 'trusted' | 'rejected'
}

/** Lets a program stopped by a run-time fault run again (engineer); `E_REFERENCE` when it is not faulted. */
export interface ResetProgramFaultMsg { type: 'resetProgramFault'; id: number; program: string }
/** The programs currently stopped by a run-time fault (engineer); answered by `programFaults`. */
export interface ListProgramFaultsMsg { type: 'listProgramFaults'; id: number }
/** A program stopped by a run-time fault: where (APP source file and line) and when (clock ms). */
export interface ProgramFaultInfo {
  program: string
  code: ErrorCode
  message: string
  file?: string
  line?: number
  column?: number
  atMs: number
  /** The task that runs the program (absent from runtimes before it was added). */
  task?: string
  /** Faults of this program since it was deployed, this one included. */
  count?: number
}

export type ClientMessage =
  | ResetProgramFaultMsg | ListProgramFaultsMsg
  | ListCertificatesMsg | TrustCertificateMsg | RejectCertificateMsg
  | QueryHistoryMsg
  | SubscribeAlarmsMsg | UnsubscribeAlarmsMsg | AlarmActionMsg | QueryAlarmJournalMsg | AlarmKpisMsg
  | HelloMsg | LoginMsg | ResumeMsg | LogoutMsg | GetAppMsg | SubscribeMsg | UnsubscribeMsg | WriteMsg | PingMsg
  | OpenDraftMsg | SaveDraftMsg | ValidateDraftMsg | PublishMsg | ListVersionsMsg | DeployMsg | BrowseMsg
  | ChangePasswordMsg | ListUsersMsg | SaveUserMsg | DeleteUserMsg | QueryAuditMsg

export type ClientMessageType = ClientMessage['type']
export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = [
  'hello', 'login', 'resume', 'logout', 'getApp', 'subscribe', 'unsubscribe', 'write', 'ping',
  'openDraft', 'saveDraft', 'validateDraft', 'publish', 'listVersions', 'deploy', 'browse',
  'changePassword', 'listUsers', 'saveUser', 'deleteUser', 'queryAudit',
  'subscribeAlarms', 'unsubscribeAlarms', 'alarmAction', 'queryAlarmJournal', 'alarmKpis', 'queryHistory',
  'listCertificates', 'trustCertificate', 'rejectCertificate',
  'resetProgramFault', 'listProgramFaults',
]

export interface DraftFile { path: string; hash: string; content: string }
export interface DraftChange { path: string; content: string | null; baseHash: string | null }
export interface VersionInfo { version: string; publishedAt: number; by: string; note?: string; hash: string }
export interface BrowseNodeInfo { address: string; name: string; nodeClass: string; dataType?: string; hasChildren: boolean }

/**
 * Online monitoring: subscribing the pseudo-path `@program/<program>/<blockId>.<PIN>` delivers the live value of a
 * block pin of the running program through the ordinary `updates` stream (sampled once per flush tick).
 */
export const PROGRAM_PIN_PREFIX = '@program/'

// ---------- runtime -> client ----------
export interface WelcomeMsg { type: 'welcome'; id: number; protocol: number; server: string; version: string; authRequired: boolean }
export interface SessionMsg {
  type: 'session'; id: number; token: string; user: string; role: Role; expiresAt: number
  /** The account must set a new password (`changePassword`) before any other request. */
  mustChangePassword?: boolean
}
export interface AppMsg { type: 'app'; id: number; app: AppBundle }
/** Reply to subscribe: handle per requested tag in request order; unknown tags get handle -1 and are listed. */
export interface SubscribedMsg { type: 'subscribed'; id: number; sub: string; handles: number[]; unknown: string[] }
/** Generic success reply (unsubscribe, logout, write, ping). */
export interface OkMsg { type: 'ok'; id: number }
export interface ProgramFaultsMsg { type: 'programFaults'; id: number; faults: ProgramFaultInfo[] }
export interface ErrorMsg { type: 'error'; id: number | null; code: ErrorCode; message: string; detail?: unknown }
/**
 * Batched value changes since the last flush. `u` rows are [handle, value, status, sourceTime].
 * `t` is the runtime time at flush. A newly subscribed handle always gets its current value in the next batch.
 */
export type UpdateRow = [handle: number, value: TagScalar, status: number, sourceTime: number]
export interface UpdatesMsg { type: 'updates'; t: number; u: UpdateRow[] }
/** The runtime closes or re-deploys; clients re-fetch the APP on `appChanged`. */
export interface NoticeMsg { type: 'notice'; event: 'appChanged' | 'shutdown' | 'sessionExpired'; message?: string }

export interface DraftMsg { type: 'draft'; id: number; appId: string; files: DraftFile[] }
export interface SavedMsg { type: 'saved'; id: number; files: { path: string; hash: string | null }[] }
/** E_CONFLICT carries `detail: { conflicts: DraftFile[] }` (the current content of each conflicting file; hash '' = deleted). */
export interface DiagnosticsMsg { type: 'diagnostics'; id: number; diagnostics: Diagnostic[] }
export interface PublishedMsg { type: 'published'; id: number; version: VersionInfo }
export interface VersionsMsg { type: 'versions'; id: number; versions: VersionInfo[]; deployed: string | null }
export interface DeployedMsg { type: 'deployed'; id: number; version: string; kept: string[]; reset: string[] }
export interface BrowseResultMsg { type: 'browseResult'; id: number; nodes: BrowseNodeInfo[] }
export interface UserInfoMsgRow { name: string; role: Role; displayName?: string; mustChangePassword?: boolean }
export interface UsersMsg { type: 'users'; id: number; users: UserInfoMsgRow[] }
export interface AuditRow { id: number; ts: number; user: string | null; action: string; target?: string; old?: unknown; new?: unknown; ok: boolean; code?: string; detail?: Record<string, unknown>; remote?: string }
export interface AuditMsg { type: 'audit'; id: number; entries: AuditRow[] }
export interface CertificatesMsg { type: 'certificates'; id: number; connection: string; certificates: CertificateInfo[] }
export interface HistoryMsg { type: 'history'; id: number; result: HistoryResult }
export interface HistoryCsvMsg { type: 'historyCsv'; id: number; csv: string }
export interface AlarmListMsg { type: 'alarmList'; id: number; alarms: AlarmView[] }
/** Pushed to alarm subscribers: alarms whose state changed (an alarm back to normal and acknowledged leaves the list). */
export interface AlarmChangesMsg { type: 'alarmChanges'; alarms: AlarmView[] }
export interface AlarmResultMsg { type: 'alarmResult'; id: number; results: ActionResult[] }
export interface AlarmJournalRow extends AlarmJournalEntry { id: number; message?: string }
export interface AlarmJournalMsg { type: 'alarmJournal'; id: number; entries: AlarmJournalRow[] }
export interface AlarmKpisResultMsg { type: 'alarmKpisResult'; id: number; kpis: AlarmKpis }
/** Another editor saved the draft: `paths` changed, by `user`. */
export interface DraftChangedMsg { type: 'draftChanged'; paths: string[]; by: string }

export type ServerMessage =
  | WelcomeMsg | SessionMsg | AppMsg | SubscribedMsg | OkMsg | ErrorMsg | UpdatesMsg | NoticeMsg
  | DraftMsg | SavedMsg | DiagnosticsMsg | PublishedMsg | VersionsMsg | DeployedMsg | BrowseResultMsg | DraftChangedMsg
  | ProgramFaultsMsg
  | UsersMsg | AuditMsg | CertificatesMsg | HistoryMsg | HistoryCsvMsg | AlarmListMsg | AlarmChangesMsg | AlarmResultMsg | AlarmJournalMsg | AlarmKpisResultMsg

/** Explicit limits with safe defaults (STYLE.md 9). Runtime options may override them. */
export interface ProtocolLimits {
  /** Largest accepted text message, bytes. Larger ones get E_TOO_LARGE and the session goes on. */
  maxMessageBytes: number
  /** Largest message from a logged-in engineer (draft saves carry whole files). */
  maxEngineeringMessageBytes: number
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
  maxEngineeringMessageBytes: 32 * 1024 * 1024,
  hardMaxMessageBytes: 33 * 1024 * 1024,
  maxTagsPerSubscription: 20_000,
  maxTagsPerSession: 50_000,
  maxSubscriptionsPerSession: 64,
  maxMessagesPerSecond: 200,
  flushIntervalMs: 50,
  maxBufferedBytes: 1024 * 1024,
}
