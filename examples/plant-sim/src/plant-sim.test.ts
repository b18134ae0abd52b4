import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AttributeIds, DataType, OPCUAClient, StatusCodes, TimestampsToReturn, type ClientSession } from 'node-opcua'
import { freePort, startPlantSim, type PlantSim } from './index.js'

async function waitFor(pred: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function connect(endpoint: string): Promise<{ client: OPCUAClient; session: ClientSession }> {
  const client = OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 0 } })
  await client.connect(endpoint)
  return { client, session: await client.createSession() }
}

const read = async (s: ClientSession, id: string) => s.read({ nodeId: `ns=1;s=${id}`, attributeId: AttributeIds.Value })
const write = async (s: ClientSession, id: string, dataType: DataType, value: unknown) =>
  s.write({ nodeId: `ns=1;s=${id}`, attributeId: AttributeIds.Value, value: { value: { dataType, value } } })

describe('plant simulator over OPC UA', () => {
  let sim: PlantSim
  let client: OPCUAClient
  let session: ClientSession

  beforeAll(async () => {
    sim = await startPlantSim({ port: await freePort(), initialLevel: 0.04 })
    ;({ client, session } = await connect(sim.endpoint))
  })
  afterAll(async () => {
    await session?.close()
    await client?.disconnect()
    await sim?.stop()
  })

  it('serves the plant variables with source timestamps', async () => {
    expect(sim.endpoint).toBe(`opc.tcp://127.0.0.1:${sim.port}`)
    const level = await read(session, 'Tank1.Level')
    expect(level.statusCode).toBe(StatusCodes.Good)
    expect(level.value.dataType).toBe(DataType.Double)
    expect(level.sourceTimestamp).toBeInstanceOf(Date)
    const running = await read(session, 'Pump1.Running')
    expect(running.value).toMatchObject({ dataType: DataType.Boolean, value: false })
    for (const id of ['Tank1.InFlow', 'Tank1.OutFlow', 'InletValve.Position', 'Plant.SupplyPressure', 'Pump1.Fault', 'Pump1.Flow',
      'Pump1.Current', 'OutletValve.OpenCmd', 'OutletValve.Open', 'OutletValve.Position', 'Agitator.RunCmd', 'Agitator.Running',
      'Agitator.Speed', 'Agitator.Current', 'Agitator.Vibration']) {
      expect((await read(session, id)).statusCode, id).toBe(StatusCodes.Good)
    }
  })

  it('moves the inlet valve toward a written command and refuses writes to measurements', async () => {
    expect(await write(session, 'InletValve.Command', DataType.Double, 50)).toBe(StatusCodes.Good)
    await waitFor(async () => ((await read(session, 'InletValve.Position')).value.value as number) > 5, 5000, 'valve travel')
    const pos = (await read(session, 'InletValve.Position')).value.value as number
    expect(pos).toBeLessThan(50)
    expect((await write(session, 'Tank1.Level', DataType.Double, 3)).isGood()).toBe(false)
  })

  it('trips the pump on dry run and clears the fault with the command (start delay: physics.test.ts)', async () => {
    // initialLevel 0.04 m is below the dry-run limit: the pump trips the moment it would start.
    expect(await write(session, 'Pump1.RunCmd', DataType.Boolean, true)).toBe(StatusCodes.Good)
    await waitFor(async () => (await read(session, 'Pump1.Fault')).value.value === true, 5000, 'dry-run fault')
    expect((await read(session, 'Pump1.Running')).value.value).toBe(false)
    await write(session, 'Pump1.RunCmd', DataType.Boolean, false)
    await waitFor(async () => (await read(session, 'Pump1.Fault')).value.value === false, 5000, 'fault reset')
  })
})

describe('plant simulator load mode', () => {
  let sim: PlantSim | undefined
  afterEach(async () => {
    await sim?.stop()
    sim = undefined
  })

  it('changes every load tag on every tick and notifies subscribers', async () => {
    sim = await startPlantSim({ port: 0, loadTags: 200, loadRateHz: 10, securityModes: ['None'] })
    const { client, session } = await connect(sim.endpoint)
    try {
      expect((await read(session, 'Load.T00199')).statusCode).toBe(StatusCodes.Good)
      expect((await read(session, 'Load.T00200')).statusCode).toBe(StatusCodes.BadNodeIdUnknown)
      const sub = await session.createSubscription2({ requestedPublishingInterval: 100, requestedMaxKeepAliveCount: 10, requestedLifetimeCount: 100, publishingEnabled: true })
      const seen = new Set<number>()
      let notifications = 0
      const group = await sub.monitorItems(
        Array.from({ length: 200 }, (_, i) => ({ nodeId: `ns=1;s=Load.T${String(i).padStart(5, '0')}`, attributeId: AttributeIds.Value })),
        { samplingInterval: 0, queueSize: 1 },
        TimestampsToReturn.Both,
      )
      group.on('changed', (_mi, dv, index: number) => {
        notifications++
        if (dv.sourceTimestamp) seen.add(index)
      })
      const start = sim.state().loadChanges
      await waitFor(() => sim!.state().loadChanges - start >= 200 * 5 && seen.size === 200 && notifications >= 200 * 3, 10_000, 'load changes')
      expect(sim.state().loadChanges % 200).toBe(0)
      await sub.terminate()
    } finally {
      await session.close()
      await client.disconnect()
    }
  })
})
