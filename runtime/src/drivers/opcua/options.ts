/** The `options` of an `opcua` connection, with safe defaults (STYLE.md 9). */
import os from 'node:os'
import path from 'node:path'

export type SecurityMode = 'None' | 'Sign' | 'SignAndEncrypt'
export type SecurityPolicyName = 'None' | 'Basic256Sha256' | 'Aes128_Sha256_RsaOaep' | 'Aes256_Sha256_RsaPss'

export interface OpcuaOptions {
  securityMode: SecurityMode
  securityPolicy: SecurityPolicyName
  user?: string
  password?: string
  /** Subscription publishing interval; default 100 ms. */
  publishingIntervalMs: number
  /** Sampling interval for items without their own; default 0 (the server's fastest rate, exception-based where it can). */
  samplingIntervalMs: number
  /** Monitored items per CreateMonitoredItems call (and nodes per Read on refresh); default 2000. */
  batchSize: number
  /** Service call timeout; default 15 s. */
  requestTimeoutMs: number
  /** Notifications per publish response; default 10,000. */
  maxNotificationsPerPublish: number
  /** Reconnect backoff; defaults 250 ms .. 5 s. */
  reconnectInitialMs: number
  reconnectMaxMs: number
  /** Session timeout requested from the server; default 60 s. */
  sessionTimeoutMs: number
  /** Client certificate store; default `<tmpdir>/takt-opcua-client-pki`. */
  pkiDir: string
  /**
   * Trust a server certificate seen for the first time (stored under `<pkiDir>/trusted`). Default false: an unknown
   * certificate is refused and kept in `<pkiDir>/rejected` until an admin trusts it (`trustCertificate`). Only matters
   * with Sign / SignAndEncrypt. With true, node-opcua also trusts again a certificate that was rejected: rejecting
   * has a lasting effect only with false.
   */
  acceptUnknownServerCertificate: boolean
}

const MODES: readonly SecurityMode[] = ['None', 'Sign', 'SignAndEncrypt']
const POLICIES: readonly SecurityPolicyName[] = ['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']

function num(o: Record<string, unknown>, key: string, def: number, min: number, max: number): number {
  const v = o[key]
  if (v === undefined) return def
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Error(`option ${key} must be a number in ${min}..${max}`)
  return v
}

function str(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key]
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw new Error(`option ${key} must be a string`)
  return v
}

/** Validate and complete connection options; throws an Error naming the bad option. */
export function parseOptions(raw: Record<string, unknown> | undefined): OpcuaOptions {
  const o = raw ?? {}
  const securityMode = (str(o, 'securityMode') ?? 'None') as SecurityMode
  if (!MODES.includes(securityMode)) throw new Error(`option securityMode must be one of ${MODES.join(', ')}`)
  const defaultPolicy: SecurityPolicyName = securityMode === 'None' ? 'None' : 'Basic256Sha256'
  const securityPolicy = (str(o, 'securityPolicy') ?? defaultPolicy) as SecurityPolicyName
  if (!POLICIES.includes(securityPolicy)) throw new Error(`option securityPolicy must be one of ${POLICIES.join(', ')}`)
  if ((securityMode === 'None') !== (securityPolicy === 'None')) {
    throw new Error('option securityPolicy None goes with securityMode None only')
  }
  const user = str(o, 'user')
  const password = str(o, 'password')
  if (user !== undefined && password === undefined) throw new Error('option password is required with user')
  const reconnectInitialMs = num(o, 'reconnectInitialMs', 250, 10, 60_000)
  const acceptUnknown = o.acceptUnknownServerCertificate
  if (acceptUnknown !== undefined && typeof acceptUnknown !== 'boolean') throw new Error('option acceptUnknownServerCertificate must be a boolean')
  return {
    securityMode,
    securityPolicy,
    user,
    password,
    publishingIntervalMs: num(o, 'publishingIntervalMs', 100, 10, 60_000),
    samplingIntervalMs: num(o, 'samplingIntervalMs', 0, 0, 3_600_000),
    batchSize: Math.floor(num(o, 'batchSize', 2000, 1, 100_000)),
    requestTimeoutMs: num(o, 'requestTimeoutMs', 15_000, 100, 600_000),
    maxNotificationsPerPublish: Math.floor(num(o, 'maxNotificationsPerPublish', 10_000, 0, 1_000_000)),
    reconnectInitialMs,
    reconnectMaxMs: num(o, 'reconnectMaxMs', Math.max(5000, reconnectInitialMs), reconnectInitialMs, 600_000),
    sessionTimeoutMs: num(o, 'sessionTimeoutMs', 60_000, 1000, 3_600_000),
    pkiDir: str(o, 'pkiDir') ?? path.join(os.tmpdir(), 'takt-opcua-client-pki'),
    acceptUnknownServerCertificate: acceptUnknown ?? false,
  }
}
