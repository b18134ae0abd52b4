/**
 * OPC UA server certificate trust over the wire: an admin lists the certificate a strict connection refused, trusts
 * it (the connection comes up by itself and values flow), rejects it again; other roles are refused; every decision
 * is audited.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { hashPassword, memoryLogger, Runtime, SiteFile } from '@takt/runtime'
import { Status, type CertificateInfo, type ServerMessage } from '@takt/blocks'
import { loadDemo } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

const certs = (m: ServerMessage): CertificateInfo[] => (m.type === 'certificates' ? m.certificates : [])

describe('certificate trust over the wire', () => {
  let dir: string
  let sim: PlantSim
  let runtime: Runtime
  let url: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-cert-e2e-'))
    sim = await startPlantSim({ port: 0, pkiDir: join(dir, 'sim'), securityModes: ['SignAndEncrypt'] })
    // Cheap scrypt parameters: the KDF's cost is not what this test measures.
    const users = await Promise.all(['admin', 'engineer'].map(async (name) => ({ name, role: name, passwordHash: await hashPassword(`${name}-pw`, { N: 1024, r: 8, p: 1 }) })))
    const site = SiteFile.parse({
      format: 1,
      users,
      connections: { plant: { kind: 'opcua', endpoint: sim.endpoint, options: { securityMode: 'SignAndEncrypt', pkiDir: join(dir, 'client'), reconnectMaxMs: 1000 } } },
    })
    runtime = new Runtime({ compiled: await loadDemo(), site, log: memoryLogger(), host: '127.0.0.1', port: 0, dataDir: join(dir, 'data') })
    url = await runtime.start()
  })
  afterAll(async () => {
    await runtime?.stop()
    await sim?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('lets an admin trust and reject the server certificate, audited; others are refused', async () => {
    const admin = await TestClient.connect(url)
    expect(await admin.login('admin', 'admin-pw')).toMatchObject({ type: 'session' })
    await admin.subscribe('s', ['Tank1/Level'])
    // The first attempt is refused and the certificate stored in rejected/ (bounded poll).
    let listed: CertificateInfo[] = []
    for (let i = 0; i < 150 && listed.length === 0; i++) {
      listed = certs(await admin.request({ type: 'listCertificates', connection: 'plant' }))
      if (listed.length === 0) await new Promise((r) => setTimeout(r, 100))
    }
    expect(listed).toEqual([expect.objectContaining({ status: 'rejected', thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) })])
    const tp = listed[0]!.thumbprint
    expect(admin.value('Tank1/Level')?.status).not.toBe(Status.Good)

    const eng = await TestClient.connect(url)
    await eng.login('engineer', 'engineer-pw')
    expect(await eng.request({ type: 'listCertificates', connection: 'plant' })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await eng.request({ type: 'trustCertificate', connection: 'plant', thumbprint: tp })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await admin.request({ type: 'trustCertificate', connection: 'nope', thumbprint: tp })).toMatchObject({ code: 'E_REFERENCE' })
    expect(await admin.request({ type: 'trustCertificate', connection: 'plant', thumbprint: '0'.repeat(40) })).toMatchObject({ code: 'E_UNKNOWN_CERTIFICATE' })
    expect(await admin.request({ type: 'trustCertificate', connection: 'plant', thumbprint: 'xyz' })).toMatchObject({ code: 'E_BAD_MESSAGE' })

    expect(await admin.request({ type: 'trustCertificate', connection: 'plant', thumbprint: tp.toLowerCase() })).toMatchObject({ type: 'ok' })
    await admin.until(() => admin.value('Tank1/Level')?.status === Status.Good, 20_000, 'good level after trust')
    expect(certs(await admin.request({ type: 'listCertificates', connection: 'plant' }))).toEqual([expect.objectContaining({ thumbprint: tp, status: 'trusted' })])

    expect(await admin.request({ type: 'rejectCertificate', connection: 'plant', thumbprint: tp })).toMatchObject({ type: 'ok' })
    await admin.until(() => admin.value('Tank1/Level')?.status === Status.BadNotConnected, 10_000, 'bad level after reject')

    const audit = await admin.request({ type: 'queryAudit', target: `plant:${tp}` })
    const rows = audit.type === 'audit' ? audit.entries : []
    expect(rows.map((e) => [e.action, e.ok, e.user])).toEqual(expect.arrayContaining([['certificate.trust', true, 'admin'], ['certificate.reject', true, 'admin']]))
    const failed = await admin.request({ type: 'queryAudit', target: `plant:${'0'.repeat(40)}` })
    expect(failed.type === 'audit' && failed.entries[0]).toMatchObject({ action: 'certificate.trust', ok: false, code: 'E_UNKNOWN_CERTIFICATE' })
    admin.close()
    eng.close()
  })
})
