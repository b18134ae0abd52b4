/**
 * The client certificate store of OPC UA connections and the trust decisions on server certificates in it.
 *
 * node-opcua keeps a server certificate it refused under `<pkiDir>/rejected` and trusted ones under
 * `<pkiDir>/trusted/certs`, and holds an in-memory index of both that it reads once (file watchers are off). A
 * decision therefore goes through the certificate manager (`trustCertificate` / `rejectCertificate`), never through
 * a plain file move, so that the next verification sees it.
 */
import { createHash, X509Certificate } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { OPCUACertificateManager } from 'node-opcua'
import { TaktError, type CertificateInfo } from '@takt/blocks'
import type { OpcuaOptions } from './options.js'

const managers = new Map<string, OPCUACertificateManager>()

function managerKey(o: OpcuaOptions): string {
  return `${path.resolve(o.pkiDir)}|${o.acceptUnknownServerCertificate}`
}

/** The store for these options, created on first use; no reference is taken. */
function store(o: OpcuaOptions): OPCUACertificateManager {
  const key = managerKey(o)
  let m = managers.get(key)
  if (!m) {
    m = new OPCUACertificateManager({
      rootFolder: o.pkiDir,
      automaticallyAcceptUnknownCertificate: o.acceptUnknownServerCertificate,
      disableFileWatchers: true,
    })
    managers.set(key, m)
  }
  return m
}

/**
 * The store a new client uses. One store per folder (and accept flag) and process: several managers on one folder
 * would race on key creation. Every client disposes its manager on disconnect, so each one takes a reference
 * (node-opcua's own sharing scheme).
 */
export function certManager(o: OpcuaOptions): OPCUACertificateManager {
  const m = store(o)
  m.referenceCounter++
  return m
}

/** A certificate file of the store, parsed. `der` is the leaf certificate (a file may hold a chain). */
export interface StoredCertificate extends CertificateInfo {
  der: Buffer
  file: string
}

/** The first DER element of a buffer (node-opcua hands a chain over as concatenated DER). */
function firstDer(buf: Buffer): Buffer {
  if (buf.length < 2 || buf[0] !== 0x30) return buf
  let len = buf[1]!
  let off = 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || buf.length < 2 + n) return buf
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i]!
    off = 2 + n
  }
  return buf.subarray(0, Math.min(buf.length, off + len))
}

/** SHA-1 thumbprint (hex upper case) of the leaf of a DER certificate or chain. */
export function thumbprintOf(certOrChain: Buffer): string {
  return createHash('sha1').update(firstDer(certOrChain)).digest('hex').toUpperCase()
}

const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/

function leafOfFile(content: Buffer): Buffer {
  const m = PEM.exec(content.toString('latin1'))
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : firstDer(content)
}

/** An X.509 name on one line (`CN=Plant, O=Acme`) instead of Node's one attribute per line. */
const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ')

function isoDate(s: string): string {
  const t = Date.parse(s)
  return Number.isNaN(t) ? s : new Date(t).toISOString()
}

async function scanFolder(folder: string, status: CertificateInfo['status']): Promise<StoredCertificate[]> {
  let names: string[]
  try {
    names = await fs.readdir(folder)
  } catch {
    return [] // no store yet: nothing seen
  }
  const out: StoredCertificate[] = []
  for (const name of names.sort()) {
    if (!/\.(pem|der|crt|cer)$/i.test(name)) continue
    const file = path.join(folder, name)
    try {
      const der = leafOfFile(await fs.readFile(file))
      const x = new X509Certificate(der)
      out.push({
        thumbprint: x.fingerprint.replace(/:/g, '').toUpperCase(),
        subject: oneLine(x.subject),
        issuer: oneLine(x.issuer),
        validFrom: isoDate(x.validFrom),
        validTo: isoDate(x.validTo),
        status,
        der,
        file,
      })
    } catch {
      // Not a certificate (or removed meanwhile): the store keeps other files too; list only what parses.
    }
  }
  return out
}

/**
 * The server certificates in the store of `pkiDir`, rejected first. A certificate found in both folders counts as
 * rejected, as node-opcua judges it.
 */
export async function scanStore(pkiDir: string): Promise<StoredCertificate[]> {
  const rejected = await scanFolder(path.join(pkiDir, 'rejected'), 'rejected')
  const trusted = await scanFolder(path.join(pkiDir, 'trusted', 'certs'), 'trusted')
  const seen = new Set<string>()
  return [...rejected, ...trusted].filter((c) => !seen.has(c.thumbprint) && seen.add(c.thumbprint))
}

/** What the wire carries: the parsed fields without the file content and path. */
export async function listCertificates(o: OpcuaOptions): Promise<CertificateInfo[]> {
  return (await scanStore(o.pkiDir)).map(({ der: _der, file: _file, ...info }) => info)
}

/**
 * Move the certificate with `thumbprint` (hex, any case) to `to`, through the store's manager so that its
 * in-memory index agrees. Throws TaktError E_UNKNOWN_CERTIFICATE when the store does not hold it.
 */
export async function moveCertificate(o: OpcuaOptions, thumbprint: string, to: CertificateInfo['status']): Promise<void> {
  const tp = thumbprint.toUpperCase()
  const found = (await scanStore(o.pkiDir)).filter((c) => c.thumbprint === tp)
  if (found.length === 0) throw new TaktError('E_UNKNOWN_CERTIFICATE', `no server certificate ${tp} in ${o.pkiDir}`)
  const m = store(o)
  await m.initialize()
  const move = () => (to === 'trusted' ? m.trustCertificate(found[0]!.der) : m.rejectCertificate(found[0]!.der))
  try {
    await move()
  } catch {
    // The index was older than the folders (a file put there or moved by hand): read them again and retry once.
    await m.reloadCertificates()
    await move()
  }
  // A file the index did not know was copied by the manager, not moved: drop what is left in the other folder.
  const other = path.join(o.pkiDir, to === 'trusted' ? 'rejected' : path.join('trusted', 'certs'))
  for (const c of await scanFolder(other, to === 'trusted' ? 'rejected' : 'trusted')) {
    if (c.thumbprint === tp) await fs.rm(c.file, { force: true })
  }
  // The other manager on this folder (the other accept flag) must not keep a stale index.
  const root = path.resolve(o.pkiDir)
  for (const [key, s] of managers) {
    if (s !== m && key.startsWith(`${root}|`)) await s.reloadCertificates()
  }
}
