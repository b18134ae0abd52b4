import { X509Certificate } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { Status } from '@takt/blocks'
import { createOpcuaDriver } from './index.js'
import { listCertificates, scanStore } from './certificates.js'
import { parseOptions } from './options.js'
import type { FullDriver } from '../types.js'
import { recordingHost, waitFor } from './test-helpers.js'

/** The plant simulator's own certificate, as the driver should list it. */
async function serverCert(serverPki: string): Promise<X509Certificate> {
  const dir = path.join(serverPki, 'server', 'own', 'certs')
  const file = (await fs.readdir(dir)).find((f) => f.endsWith('.pem'))
  if (!file) throw new Error(`no certificate in ${dir}`)
  return new X509Certificate(await fs.readFile(path.join(dir, file)))
}

describe('opcua server certificate trust', () => {
  let dir: string
  let sim: PlantSim
  const drivers: FullDriver[] = []

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'takt-opcua-cert-'))
    sim = await startPlantSim({ port: 0, pkiDir: path.join(dir, 'server'), securityModes: ['Sign', 'SignAndEncrypt'] })
  })
  afterAll(async () => {
    for (const d of drivers) await d.stop()
    await sim?.stop()
    await fs.rm(dir, { recursive: true, force: true })
  })

  function driver(securityMode: string, retry: Record<string, number> = { reconnectMaxMs: 2000 }) {
    const host = recordingHost()
    const options = { securityMode, pkiDir: path.join(dir, 'client'), acceptUnknownServerCertificate: false, ...retry }
    const d = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: sim.endpoint, options }, host)
    drivers.push(d)
    return { d, host }
  }

  it('refuses, lists, trusts and rejects the server certificate without a restart', async () => {
    const expected = await serverCert(path.join(dir, 'server'))
    const thumbprint = expected.fingerprint.replace(/:/g, '')

    // A long backoff: only the retry that trusting starts can connect within the waits below.
    const { d, host } = driver('SignAndEncrypt', { reconnectInitialMs: 30_000, reconnectMaxMs: 30_000 })
    expect(await d.listCertificates!()).toEqual([])
    await d.start()
    await d.subscribe([{ handle: 1, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' }])
    await waitFor(() => d.state() === 'disconnected', 15_000, 'refused connection')
    expect(host.logs.some((l) => l.level === 'warn' && /certificate/i.test(l.msg))).toBe(true)
    const listed = await d.listCertificates!()
    expect(listed).toEqual([{
      thumbprint, status: 'rejected', subject: expect.stringContaining('CN='), issuer: expect.any(String),
      validFrom: new Date(expected.validFrom).toISOString(), validTo: new Date(expected.validTo).toISOString(),
    }])
    expect(host.last.get(1)?.status).not.toBe(Status.Good)

    // Lower case is accepted too; the driver retries by itself and values flow.
    await d.trustCertificate!(thumbprint.toLowerCase())
    await waitFor(() => d.state() === 'connected', 15_000, 'connected after trust')
    await waitFor(() => host.last.get(1)?.status === Status.Good, 10_000, 'value after trust')
    expect(await d.listCertificates!()).toEqual([expect.objectContaining({ thumbprint, status: 'trusted' })])
    await fs.access(path.join(dir, 'client', 'trusted', 'certs'))
    expect(await fs.readdir(path.join(dir, 'client', 'rejected'))).toEqual([])

    // A second connection on the same store is trusted from the start, with Sign too.
    const other = driver('Sign')
    await other.d.start()
    await waitFor(() => other.d.state() === 'connected', 20_000, 'second connection')
    await other.d.stop()

    // Rejecting drops the running connection, and it stays refused.
    await d.rejectCertificate!(thumbprint)
    await waitFor(() => d.state() === 'disconnected', 10_000, 'dropped after reject')
    expect(host.states.at(-1)).toEqual({ state: 'disconnected', detail: 'server certificate rejected' })
    expect(await d.listCertificates!()).toEqual([expect.objectContaining({ thumbprint, status: 'rejected' })])
    const late = driver('SignAndEncrypt')
    await late.d.start()
    await waitFor(() => late.d.state() === 'disconnected', 15_000, 'new attempt refused')
    expect(late.host.states.some((s) => s.state === 'connected')).toBe(false)
    await late.d.stop()
    expect(d.state()).toBe('disconnected')
  })

  it('refuses an unknown thumbprint with E_UNKNOWN_CERTIFICATE', async () => {
    const { d } = driver('SignAndEncrypt')
    await expect(d.trustCertificate!('0'.repeat(40))).rejects.toMatchObject({ code: 'E_UNKNOWN_CERTIFICATE' })
    await expect(d.rejectCertificate!('F'.repeat(40))).rejects.toMatchObject({ code: 'E_UNKNOWN_CERTIFICATE' })
  })

  it('lists DER and PEM files put in the store by hand, and skips what is not a certificate', async () => {
    const cert = await serverCert(path.join(dir, 'server'))
    const pki = path.join(dir, 'by-hand')
    await fs.mkdir(path.join(pki, 'trusted', 'certs'), { recursive: true })
    await fs.mkdir(path.join(pki, 'rejected'), { recursive: true })
    await fs.writeFile(path.join(pki, 'trusted', 'certs', 'plant.der'), cert.raw)
    await fs.writeFile(path.join(pki, 'rejected', 'junk.pem'), 'not a certificate')
    await fs.writeFile(path.join(pki, 'rejected', 'notes.txt'), 'ignored')
    const found = await scanStore(pki)
    expect(found.map((c) => [c.status, c.thumbprint])).toEqual([['trusted', cert.fingerprint.replace(/:/g, '')]])
    expect(await listCertificates(parseOptions({ pkiDir: path.join(dir, 'nowhere') }))).toEqual([])
  })
})
