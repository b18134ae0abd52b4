import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { Status } from '@takt/blocks'
import { createOpcuaDriver } from './index.js'
import type { FullDriver } from '../types.js'
import { recordingHost, waitFor } from './test-helpers.js'

describe('opcua driver security', () => {
  let dir: string
  let sim: PlantSim
  const drivers: FullDriver[] = []

  beforeAll(async () => {
    // Fresh certificate stores on both sides: certificates are created offline on first use.
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'takt-opcua-sec-'))
    sim = await startPlantSim({ port: 0, pkiDir: path.join(dir, 'server'), users: { operator: 'secret' } })
  })
  afterAll(async () => {
    for (const d of drivers) await d.stop()
    await sim?.stop()
    await fs.rm(dir, { recursive: true, force: true })
  })

  function driver(options: Record<string, unknown>) {
    const host = recordingHost()
    const d = createOpcuaDriver('sec', { kind: 'opcua', endpoint: sim.endpoint, options: { pkiDir: path.join(dir, 'client'), reconnectMaxMs: 500, ...options } }, host)
    drivers.push(d)
    return { d, host }
  }

  for (const [securityMode, securityPolicy] of [['Sign', 'Basic256Sha256'], ['SignAndEncrypt', 'Basic256Sha256'], ['SignAndEncrypt', 'Aes256_Sha256_RsaPss']]) {
    it(`connects with ${securityMode} ${securityPolicy} as a named user`, async () => {
      const { d, host } = driver({ securityMode, securityPolicy, user: 'operator', password: 'secret', acceptUnknownServerCertificate: true })
      await d.start()
      await waitFor(() => d.state() === 'connected', 20_000, 'connected')
      await d.subscribe([{ handle: 1, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' }])
      await waitFor(() => host.last.get(1)?.status === Status.Good, 5000, 'value')
      expect((await d.write('ns=1;s=Plant.SupplyPressure', 3.1, 'LREAL')).ok).toBe(true)
      await d.stop()
    })
  }

  it('stays disconnected and says why when the password is wrong', async () => {
    const { d, host } = driver({ user: 'operator', password: 'wrong' })
    await d.start()
    expect(d.state()).toBe('disconnected')
    expect(host.states.at(-1)?.detail).toMatch(/BadUserAccessDenied|BadIdentityTokenRejected|denied|rejected/i)
    await d.stop()
  })

  it('refuses an unknown server certificate unless told to accept it', async () => {
    const { d, host } = driver({ securityMode: 'SignAndEncrypt', pkiDir: path.join(dir, 'strict-client') })
    await d.start()
    await waitFor(() => d.state() === 'disconnected', 10_000, 'disconnected')
    expect(host.logs.some((l) => l.level === 'warn' && /certificate/i.test(l.msg))).toBe(true)
    await d.stop()
  })
})
