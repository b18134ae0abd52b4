/**
 * The driver seam (STYLE.md 6-8): a driver is chosen by connection kind from the registry and depends on nothing
 * but this file. Capabilities are split (subscribe, write, browse) so callers depend only on what they use.
 */
import type { CertificateInfo, DataType, TagScalar } from '@takt/blocks'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped'

/** One value from a device for the item registered under `handle`. */
export interface DriverValue {
  handle: number
  value: TagScalar
  /** OPC UA status code (0 = Good); drivers of other protocols map their quality onto it. */
  status: number
  /** Device source timestamp, ms since epoch (the driver's receive time when the device gives none). */
  sourceTime: number
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

/** What the host gives a driver. Callbacks are cheap to call; values arrive in batches. */
export interface DriverHost {
  log: Logger
  /** A batch of value changes. Called at most once per driver notification; never with an empty array. */
  onValues(values: DriverValue[]): void
  /** Connection state changes. While not `connected`, the host marks the connection's tags bad itself. */
  onState(state: ConnectionState, detail?: string): void
}

export interface SubscribeItem { handle: number; address: string; dataType: DataType; samplingMs?: number }
/** Per item: accepted, or refused with a status (e.g. unknown node) — a refused item is reported bad, not thrown. */
export interface SubscribeResult { handle: number; ok: boolean; status: number; message?: string }

export interface WriteResult { ok: boolean; status: number; message?: string }

export interface Driver {
  readonly kind: string
  readonly name: string
  /** Begin connecting; resolves once the first attempt has finished (success or not). Reconnects by itself afterwards. */
  start(): Promise<void>
  /** Stop and release everything; no callbacks after this resolves. */
  stop(): Promise<void>
  state(): ConnectionState
}

export interface SubscribeCapability {
  /** Register items (in batches internally). Items survive reconnects: the driver resubscribes them. */
  subscribe(items: SubscribeItem[]): Promise<SubscribeResult[]>
  unsubscribe(handles: number[]): Promise<void>
}

export interface WriteCapability {
  write(address: string, value: TagScalar, dataType: DataType): Promise<WriteResult>
}

export interface BrowseNode { address: string; name: string; nodeClass: string; dataType?: string; hasChildren: boolean }
export interface BrowseCapability {
  browse(address?: string): Promise<BrowseNode[]>
}

/** Server certificate trust (secure protocols): list what was seen, move a certificate to trusted or rejected. */
export interface CertificateCapability {
  listCertificates(): Promise<CertificateInfo[]>
  trustCertificate(thumbprint: string): Promise<void>
  rejectCertificate(thumbprint: string): Promise<void>
}

export type FullDriver = Driver & SubscribeCapability & WriteCapability & Partial<BrowseCapability> & Partial<CertificateCapability>

/** Site configuration of one connection (held by the site, never inside an APP). `kind` selects the driver. */
export interface ConnectionConfig {
  kind: string
  endpoint: string
  /** Driver-specific options (security mode/policy, user token, timeouts, batch sizes, ...). */
  options?: Record<string, unknown>
}

export type DriverFactory = (name: string, config: ConnectionConfig, host: DriverHost) => FullDriver
