/**
 * Alarms end to end: a bad-quality alarm raised when the plant drops out and returned when it comes back,
 * acknowledged and shelved by an operator over the wire, journaled, audited, and restored after a runtime restart.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlarmView, ServerMessage } from '@takt/blocks'
import { startPlantSim } from '@takt/plant-sim'
import { Runtime, SiteFile, memoryLogger } from '@takt/runtime'
import { loadDemo, startStack, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

const COMM = 'Tank1/Level:COMM'

class AlarmWatcher {
  readonly alarms = new Map<string, AlarmView>()
  constructor(readonly c: TestClient) {}
  async start(): Promise<void> {
    const r = await this.c.request({ type: 'subscribeAlarms' })
    if (r.type !== 'alarmList') throw new Error(JSON.stringify(r))
    for (const a of r.alarms) this.alarms.set(a.alarmId, a)
    this.c.ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage
      if (m.type === 'alarmChanges') for (const a of m.alarms) this.alarms.set(a.alarmId, a)
    })
  }
  get(id: string): AlarmView | undefined {
    return this.alarms.get(id)
  }
}

describe('alarms', () => {
  let stack: Stack
  let dataDir: string
  let op: TestClient
  let w: AlarmWatcher

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'takt-alarm-data-'))
    stack = await startStack({ dataDir })
    op = await TestClient.connect(stack.url)
    await op.login('operator', USERS.operator)
    w = new AlarmWatcher(op)
    await w.start()
  })
  afterAll(async () => {
    op?.close()
    await stack?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('lists the APP alarms, all normal while the plant is healthy', async () => {
    await op.until(() => w.get(COMM) !== undefined, 5000, 'COMM alarm listed')
    expect(w.get('Tank1/Level:HIHI')).toMatchObject({ priority: 1, phase: 'normal', area: 'Tank1' })
    expect(w.get(COMM)).toMatchObject({ phase: 'normal', priority: 'diagnostic' })
  })

  it('raises the bad-quality alarm when the plant drops out and returns it when the plant comes back', async () => {
    const port = stack.sim.port
    await stack.sim.stop()
    await op.until(() => w.get(COMM)?.phase === 'unack', 20_000, 'COMM alarm active and unacknowledged')
    expect(w.get(COMM)).toMatchObject({ active: true, unacknowledged: true })
    stack.sim = await startPlantSim({ host: '127.0.0.1', port })
    await op.until(() => w.get(COMM)?.phase === 'rtnUnack', 45_000, 'COMM returned to normal, still unacknowledged')
    const ack = await op.request({ type: 'alarmAction', action: 'ack', alarms: [COMM], comment: 'transmitter checked' })
    expect(ack).toMatchObject({ type: 'alarmResult', results: [{ alarmId: COMM }] })
    await op.until(() => w.get(COMM)?.phase === 'normal', 5000, 'COMM back to normal after ack')
    const j = await op.request({ type: 'queryAlarmJournal', tag: 'Tank1/Level' })
    if (j.type !== 'alarmJournal') throw new Error(JSON.stringify(j))
    const events = j.entries.filter((e) => e.alarmId === COMM).map((e) => e.event)
    expect(events).toEqual(expect.arrayContaining(['activate', 'return', 'ack']))
    const ackRow = j.entries.find((e) => e.alarmId === COMM && e.event === 'ack')!
    expect(ackRow).toMatchObject({ user: 'operator', comment: 'transmitter checked' })
    expect(j.entries.find((e) => e.alarmId === COMM && e.event === 'activate')?.message).toBe('Level transmitter LT-101 signal bad')
  })

  it('shelves with a reason only, refuses out-of-service to operators, and audits the actions', async () => {
    expect(await op.request({ type: 'alarmAction', action: 'shelve', alarms: ['Tank1/Level:HI'] })).toMatchObject({ code: 'E_REASON_REQUIRED' })
    expect(await op.request({ type: 'alarmAction', action: 'shelve', alarms: ['Tank1/Level:HI'], reason: 'level test', durationMs: 600_000 })).toMatchObject({ type: 'alarmResult', results: [{ alarmId: 'Tank1/Level:HI' }] })
    await op.until(() => w.get('Tank1/Level:HI')?.shelved === 'timed', 5000, 'HI shelved')
    expect(await op.request({ type: 'alarmAction', action: 'outOfService', alarms: ['Tank1/Level:LO'] })).toMatchObject({ code: 'E_FORBIDDEN' })
    const unknown = await op.request({ type: 'alarmAction', action: 'ack', alarms: ['Nope:X'] })
    expect(unknown).toMatchObject({ type: 'alarmResult', results: [{ alarmId: 'Nope:X', refused: 'unknownAlarm' }] })
    const admin = await TestClient.connect(stack.url)
    await admin.login('admin', USERS.admin)
    const audit = await admin.request({ type: 'queryAudit', action: 'alarm.shelve' })
    expect(audit.type === 'audit' && audit.entries.some((e) => e.target === 'Tank1/Level:HI' && e.ok && (e.detail as { reason?: string }).reason === 'level test')).toBe(true)
    const kpi = await admin.request({ type: 'alarmKpis', from: Date.now() - 3_600_000, to: Date.now() })
    expect(kpi.type).toBe('alarmKpisResult')
    admin.close()
  })

  it('restores alarm states after a runtime restart', async () => {
    // A shelved HI and an unacknowledged COMM (plant down) must come back as they were.
    await stack.sim.stop()
    await op.until(() => w.get(COMM)?.phase === 'unack', 20_000, 'COMM active again')
    op.close()
    await stack.runtime.stop()
    const compiled = await loadDemo()
    const site = SiteFile.parse({ format: 1, connections: { plant: { kind: 'opcua', endpoint: 'opc.tcp://127.0.0.1:1' } }, users: [] })
    const again = new Runtime({ compiled, site, log: memoryLogger(), host: '127.0.0.1', port: 0, dataDir })
    try {
      // Read the state before connections report anything: what was saved at stop.
      await again.start()
      const views = again.engine.alarms.list()
      expect(views.find((v) => v.alarmId === 'Tank1/Level:HI')?.shelved).toBe('timed')
      expect(views.find((v) => v.alarmId === COMM)?.unacknowledged).toBe(true)
    } finally {
      await again.stop()
      // The stack's own stop must not stop the runtime twice.
      stack.runtime = again
      stack.sim = await startPlantSim({ host: '127.0.0.1', port: 0 })
    }
  })
})
