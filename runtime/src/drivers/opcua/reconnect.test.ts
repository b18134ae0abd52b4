import { afterEach, describe, expect, it } from 'vitest'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { Status } from '@takt/blocks'
import { createOpcuaDriver } from './index.js'
import type { FullDriver } from '../types.js'
import { recordingHost, tcpProxy, waitFor } from './test-helpers.js'

const items = [
  { handle: 1, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' as const },
  { handle: 2, address: 'ns=1;s=Pump1.Running', dataType: 'BOOL' as const },
]

describe('opcua driver reconnection', () => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
  })

  it('resubscribes everything after the server restarts on the same port', async () => {
    let sim: PlantSim = await startPlantSim({ port: 0, securityModes: ['None'] })
    const port = sim.port
    cleanup.push(() => sim.stop())
    const host = recordingHost()
    const driver: FullDriver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: sim.endpoint, options: { reconnectMaxMs: 1000 } }, host)
    cleanup.push(() => driver.stop())
    await driver.start()
    expect((await driver.subscribe(items)).every((r) => r.ok)).toBe(true)
    await waitFor(() => host.last.has(1) && host.last.has(2), 10_000, 'first values')

    await sim.stop()
    await waitFor(() => driver.state() === 'disconnected', 10_000, 'disconnected')
    host.last.clear()
    const restartedAt = Date.now()
    sim = await startPlantSim({ port, securityModes: ['None'] })
    await waitFor(() => driver.state() === 'connected', 30_000, 'connected again')
    // The new server knows nothing of the old session: the items were re-created and deliver fresh values.
    await waitFor(() => (host.last.get(1)?.sourceTime ?? 0) >= restartedAt && host.last.has(2), 10_000, 'fresh values')
    expect(host.last.get(1)!.status).toBe(Status.Good)
    expect(host.states.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected', 'connected'])
    expect((await driver.write('ns=1;s=InletValve.Command', 10, 'LREAL')).ok).toBe(true)
  })

  it('reactivates the session after a dropped connection and refreshes unchanged values', async () => {
    const sim = await startPlantSim({ port: 0, securityModes: ['None'] })
    cleanup.push(() => sim.stop())
    const proxy = await tcpProxy(sim.port)
    cleanup.push(() => proxy.close())
    const host = recordingHost()
    const driver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: `opc.tcp://127.0.0.1:${proxy.port}` }, host)
    cleanup.push(() => driver.stop())
    await driver.start()
    await driver.subscribe(items)
    await waitFor(() => host.last.has(1) && host.last.has(2), 10_000, 'first values')
    const runningUpdates = () => host.values.filter((v) => v.handle === 2).length
    const before = runningUpdates()

    proxy.cut()
    await waitFor(() => driver.state() === 'disconnected', 10_000, 'disconnected')
    await waitFor(() => driver.state() === 'connected', 30_000, 'connected again')
    // Pump1.Running never changed, so only the refresh read can have delivered it again.
    await waitFor(() => runningUpdates() > before, 10_000, 'refreshed value')
    expect(host.last.get(2)).toMatchObject({ value: false, status: Status.Good })
    expect(sim.state().sessions).toBe(1)
  })

  it('keeps retrying while the server is down at start, then connects', async () => {
    const { freePort } = await import('@takt/plant-sim')
    const port = await freePort()
    const host = recordingHost()
    const driver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: `opc.tcp://127.0.0.1:${port}`, options: { reconnectMaxMs: 500 } }, host)
    cleanup.push(() => driver.stop())
    await driver.start() // resolves after the first failed attempt
    expect(driver.state()).toBe('disconnected')
    const res = await driver.subscribe(items)
    expect(res.every((r) => r.ok && r.status === Status.BadWaitingForInitialData)).toBe(true)
    const sim = await startPlantSim({ port, securityModes: ['None'] })
    cleanup.push(() => sim.stop())
    await waitFor(() => driver.state() === 'connected', 20_000, 'connected')
    await waitFor(() => host.last.has(1) && host.last.has(2), 10_000, 'values')
    // One warning for the unreachable server, not one per retry.
    expect(host.logs.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([expect.stringContaining('cannot reach')])
  })

  it('stops promptly while it is still retrying, and calls back no more', async () => {
    const { freePort } = await import('@takt/plant-sim')
    const host = recordingHost()
    const driver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: `opc.tcp://127.0.0.1:${await freePort()}` }, host)
    const starting = driver.start()
    await driver.stop()
    await starting
    const seen = host.states.length
    await new Promise((r) => setTimeout(r, 1500))
    expect(host.states.length).toBe(seen)
    expect(driver.state()).toBe('stopped')
  })
})
