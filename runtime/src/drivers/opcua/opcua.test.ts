import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlantSim, type PlantSim } from '@takt/plant-sim'
import { Status } from '@takt/blocks'
import { createOpcuaDriver } from './index.js'
import type { FullDriver } from '../types.js'
import { recordingHost, waitFor, type RecordingHost } from './test-helpers.js'

describe('opcua driver against the plant simulator', () => {
  let sim: PlantSim
  let host: RecordingHost
  let driver: FullDriver

  beforeAll(async () => {
    sim = await startPlantSim({ port: 0, securityModes: ['None'] })
    host = recordingHost()
    driver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: sim.endpoint }, host)
    await driver.start()
    await waitFor(() => driver.state() === 'connected', 15_000, 'connected')
  })
  afterAll(async () => {
    await driver?.stop()
    await sim?.stop()
  })

  it('delivers subscribed values with status and source timestamps, in batches', async () => {
    const before = Date.now()
    const results = await driver.subscribe([
      { handle: 1, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' },
      { handle: 2, address: 'ns=1;s=Pump1.Running', dataType: 'BOOL' },
      { handle: 3, address: 'ns=1;s=InletValve.Command', dataType: 'REAL' },
    ])
    expect(results.map((r) => r.ok)).toEqual([true, true, true])
    await waitFor(() => [1, 2, 3].every((h) => host.last.has(h)), 5000, 'first values')
    const level = host.last.get(1)!
    expect(level.status).toBe(Status.Good)
    expect(typeof level.value).toBe('number')
    expect(level.value as number).toBeGreaterThan(1.9)
    expect(level.sourceTime).toBeGreaterThan(before - 60_000)
    expect(host.last.get(2)!.value).toBe(false)
    // Three initial values arrive in one publish response, hence in one onValues call.
    expect(host.batches).toBeLessThan(host.values.length + 1)
  })

  it('refuses unknown and invalid nodes per item and reports them bad', async () => {
    const results = await driver.subscribe([
      { handle: 10, address: 'ns=1;s=No.Such.Node', dataType: 'LREAL' },
      { handle: 11, address: 'not a node id', dataType: 'LREAL' },
      { handle: 12, address: 'ns=1;s=Tank1.InFlow', dataType: 'LREAL' },
    ])
    expect(results[0]).toMatchObject({ handle: 10, ok: false, status: Status.BadNodeIdUnknown })
    expect(results[1]).toMatchObject({ handle: 11, ok: false })
    expect(results[1]!.status >>> 30).toBeGreaterThanOrEqual(2)
    expect(results[2]).toMatchObject({ handle: 12, ok: true })
    await waitFor(() => host.last.has(10) && host.last.has(11) && host.last.has(12), 5000, 'bad reports')
    expect(host.last.get(10)).toMatchObject({ value: null, status: Status.BadNodeIdUnknown })
  })

  it('writes with the node data type and reports refusals', async () => {
    // REAL tag on a Double node: the driver writes a Double.
    const r = await driver.write('ns=1;s=InletValve.Command', 40, 'REAL')
    expect(r).toMatchObject({ ok: true, status: Status.Good })
    await waitFor(() => host.last.get(3)?.value === 40, 5000, 'command echoed')
    await waitFor(() => sim.state().inletPosition > 0, 5000, 'valve moving')
    // Clamped by the plant: 150 % becomes 100 %.
    expect((await driver.write('ns=1;s=InletValve.Command', 150, 'LREAL')).ok).toBe(true)
    await waitFor(() => host.last.get(3)?.value === 100, 5000, 'clamped command')
    const ro = await driver.write('ns=1;s=Tank1.Level', 1, 'LREAL')
    expect(ro.ok).toBe(false)
    expect(ro.status >>> 30).toBeGreaterThanOrEqual(2)
    const missing = await driver.write('ns=1;s=Nope', 1, 'LREAL')
    expect(missing).toMatchObject({ ok: false, status: Status.BadNodeIdUnknown })
    const bool = await driver.write('ns=1;s=Pump1.RunCmd', true, 'BOOL')
    expect(bool.ok).toBe(true)
    await waitFor(() => sim.state().pumpRun, 5000, 'pump command')
    expect((await driver.write('ns=1;s=Pump1.RunCmd', false, 'BOOL')).ok).toBe(true)
  })

  it('browses the Objects folder and a plant object', async () => {
    const top = await driver.browse!()
    const names = top.map((n) => n.name)
    expect(names).toEqual(expect.arrayContaining(['Tank1', 'Pump1', 'InletValve', 'Server']))
    const tank = top.find((n) => n.name === 'Tank1')!
    expect(tank).toMatchObject({ address: 'ns=1;s=Tank1', nodeClass: 'Object', hasChildren: true })
    const kids = await driver.browse!(tank.address)
    expect(kids.find((n) => n.name === 'Level')).toMatchObject({ address: 'ns=1;s=Tank1.Level', nodeClass: 'Variable', dataType: 'LREAL' })
  })

  it('unsubscribes one item of a batch without disturbing the others', async () => {
    await driver.subscribe([
      { handle: 21, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' },
      { handle: 22, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' },
    ])
    await waitFor(() => host.last.has(21) && host.last.has(22), 5000, 'both values')
    await driver.unsubscribe([21])
    host.last.delete(21)
    host.last.delete(22)
    // The level transmitter is noisy: handle 22 sees a new value every 100 ms tick.
    await waitFor(() => host.last.has(22), 5000, 'remaining item keeps updating')
    await new Promise((r) => setTimeout(r, 300))
    expect(host.last.has(21)).toBe(false)
    expect(driver.state()).toBe('connected')
  })

  it('refuses writes when not connected and stops without callbacks', async () => {
    const h = recordingHost()
    const d = createOpcuaDriver('x', { kind: 'opcua', endpoint: sim.endpoint }, h)
    expect(await d.write('ns=1;s=InletValve.Command', 1, 'LREAL')).toMatchObject({ ok: false, status: Status.BadNotConnected })
    await d.start()
    await d.stop()
    const count = h.states.length + h.values.length
    await new Promise((r) => setTimeout(r, 300))
    expect(h.states.length + h.values.length).toBe(count)
    expect(d.state()).toBe('stopped')
  })
})
