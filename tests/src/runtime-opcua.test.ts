/**
 * End to end against the real plant simulator: values flow from OPC UA to a WebSocket client, writes go back to
 * the plant, the PID program acts on the plant, and a simulator restart is survived without restarting the runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qualityOf } from '@takt/blocks'
import { startPlantSim } from '@takt/plant-sim'
import { startStack, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

describe('runtime against the plant simulator', () => {
  let stack: Stack
  let op: TestClient

  beforeAll(async () => {
    stack = await startStack()
    op = await TestClient.connect(stack.url)
    expect((await op.login('operator', USERS.operator)).type).toBe('session')
  })
  afterAll(async () => {
    op?.close()
    await stack?.stop()
  })

  it('delivers live values with good quality and the plant source timestamp', async () => {
    const r = await op.subscribe('overview', ['Tank1/Level', 'Pump1/Running', 'Tank1/LevelSP', 'Tank1/LevelPct'])
    expect(r.type).toBe('subscribed')
    await op.until(() => qualityOf(op.value('Tank1/Level')?.status ?? 0x80000000) === 'good', 15_000, 'a good level value')
    const level = op.value('Tank1/Level')!
    expect(typeof level.value).toBe('number')
    expect(level.value as number).toBeGreaterThan(0)
    expect(level.value as number).toBeLessThan(5)
    // Source time comes from the plant, not the runtime: recent, and not in the future.
    expect(Date.now() - level.sourceTime).toBeLessThan(60_000)
    expect(level.sourceTime).toBeLessThanOrEqual(Date.now() + 1000)
    expect(op.value('Tank1/LevelSP')?.value).toBe(2.5)
    // The level transmitter is noisy: new values keep arriving.
    const firstRows = op.updateRows
    await op.until(() => op.updateRows > firstRows + 3, 10_000, 'more level updates')
    // Derived tag follows its expression.
    await op.until(() => typeof op.value('Tank1/LevelPct')?.value === 'number', 5_000, 'derived LevelPct')
    const pct = op.value('Tank1/LevelPct')!.value as number
    expect(pct).toBeGreaterThan(0)
    expect(pct).toBeLessThanOrEqual(100)
  })

  it('writes a confirmed command to the plant and the plant reacts', async () => {
    await op.subscribe('pump', ['Pump1/RunCmd', 'Pump1/Running', 'OutletValve/Open'])
    const unconfirmed = await op.request({ type: 'write', tag: 'Pump1/RunCmd', value: true })
    expect(unconfirmed).toMatchObject({ type: 'error', code: 'E_CONFIRM_REQUIRED' })
    expect(await op.request({ type: 'write', tag: 'OutletValve/OpenCmd', value: true, confirmed: true })).toMatchObject({ type: 'ok' })
    expect(await op.request({ type: 'write', tag: 'Pump1/RunCmd', value: true, confirmed: true })).toMatchObject({ type: 'ok' })
    await op.until(() => op.value('Pump1/Running')?.value === true, 15_000, 'pump running')
    await op.until(() => op.value('OutletValve/Open')?.value === true, 15_000, 'outlet valve open')
  })

  it('runs the PID program: raising the setpoint opens the inlet valve', async () => {
    await op.subscribe('pid', ['InletValve/Command', 'InletValve/Position', 'Tank1/LevelSP'])
    await op.until(() => typeof op.value('InletValve/Command')?.value === 'number', 10_000, 'valve command')
    expect(await op.request({ type: 'write', tag: 'Tank1/LevelSP', value: 4.4 })).toMatchObject({ type: 'ok' })
    await op.until(() => op.value('Tank1/LevelSP')?.value === 4.4, 5_000, 'setpoint echoed')
    await op.until(() => (op.value('InletValve/Command')?.value as number) > 90, 15_000, 'PID opening the valve')
    await op.until(() => (op.value('InletValve/Position')?.value as number) > 50, 20_000, 'valve travelling open')
    expect(await op.request({ type: 'write', tag: 'Tank1/LevelSP', value: 2.5 })).toMatchObject({ type: 'ok' })
  })

  it('marks values bad while the simulator is down and recovers when it returns, without a runtime restart', async () => {
    const port = stack.sim.port
    await stack.sim.stop()
    await op.until(() => qualityOf(op.value('Tank1/Level')?.status ?? 0) === 'bad', 20_000, 'bad quality after the plant stopped')
    const health = stack.runtime.health()
    expect(health.connections[0]!.state).not.toBe('connected')
    // Writes to the plant now fail with a clear code, and nothing is lost in the session.
    const w = await op.request({ type: 'write', tag: 'Pump1/RunCmd', value: false, confirmed: true })
    expect(w).toMatchObject({ type: 'error', code: 'E_NOT_CONNECTED' })
    stack.sim = await startPlantSim({ host: '127.0.0.1', port })
    await op.until(() => qualityOf(op.value('Tank1/Level')?.status ?? 0x80000000) === 'good', 45_000, 'good quality after the plant returned')
    expect(stack.runtime.health().connections[0]!.state).toBe('connected')
    const before = op.updateRows
    await op.until(() => op.updateRows > before + 2, 10_000, 'values flowing again')
  })
})
