/**
 * The runtime killed with SIGKILL while recording and restarted: history is lost for at most the last unflushed
 * tick, and alarm states (a shelved alarm) come back as they were.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hashPassword } from '@takt/runtime'
import { spawnRuntime, spawnSim, writeSite, freePort, type Proc } from './helpers/procs.js'
import { TANK_DEMO } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

describe('runtime crash', () => {
  const stops: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
  })

  it('loses at most the last history tick and restores alarm states after SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takt-crash-'))
    stops.push(() => rm(dir, { recursive: true, force: true }))
    await cp(TANK_DEMO, join(dir, 'app'), { recursive: true })
    const sim = await spawnSim()
    stops.push(() => sim.stop())
    const site = await writeSite(dir, sim.endpoint, [{ name: 'op', role: 'operator', passwordHash: await hashPassword('op-password', { N: 1024, r: 8, p: 1 }) }], join(dir, 'data'))
    const port = await freePort()
    let rt: Proc & { url: string } = await spawnRuntime(join(dir, 'app'), site, port)
    stops.push(() => rt.stop())

    const c = await TestClient.connect(rt.url)
    await c.login('op', 'op-password')
    expect(await c.request({ type: 'alarmAction', action: 'shelve', alarms: ['Tank1/Level:HI'], reason: 'crash test', durationMs: 3_600_000 })).toMatchObject({ type: 'alarmResult', results: [{ alarmId: 'Tank1/Level:HI' }] })
    // Record for a few seconds (the noisy level gives several samples a second), then kill without warning.
    await new Promise((r) => setTimeout(r, 4000))
    const killedAt = Date.now()
    rt.child.kill('SIGKILL')
    await new Promise((r) => rt.child.once('exit', r))
    c.close()

    rt = await spawnRuntime(join(dir, 'app'), site, port)
    const d = await TestClient.connect(rt.url)
    await d.login('op', 'op-password')
    const h = await d.request({ type: 'queryHistory', query: { tags: ['Tank1/Level'], from: killedAt - 60_000, to: killedAt } })
    if (h.type !== 'history' || h.result.kind !== 'raw') throw new Error(JSON.stringify(h))
    const t = h.result.series[0]!.t
    expect(t.length).toBeGreaterThan(5)
    // The historian flushes once a second: what was recorded before the kill is on disk up to the last tick.
    expect(killedAt - t[t.length - 1]!).toBeLessThan(2500)
    const alarms = await d.request({ type: 'subscribeAlarms' })
    if (alarms.type !== 'alarmList') throw new Error(JSON.stringify(alarms))
    expect(alarms.alarms.find((a) => a.alarmId === 'Tank1/Level:HI')).toMatchObject({ shelved: 'timed' })
    d.close()
  })
})
