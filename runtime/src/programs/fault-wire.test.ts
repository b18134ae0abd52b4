/** `listProgramFaults` / `resetProgramFault` over the wire: engineers see and clear program faults; audited. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerMessage } from '@takt/blocks'
import { hashPassword } from '../auth/password.js'
import { memoryLogger } from '../log.js'
import { Runtime } from '../server.js'
import { SiteFile } from '../site/site.js'
import { CALC, compileStApp } from './__tests__/st-app.js'

// `divide` divides by a variable that stays 0, so its first scan faults.
const FAULTING = `PROGRAM divide
VAR_INPUT d : INT; END_VAR
VAR_OUTPUT r : INT; END_VAR
VAR z : INT; END_VAR
r := 100 / z;
END_PROGRAM
`

class Client {
  private next = 1
  private readonly waiting = new Map<number, (m: ServerMessage) => void>()
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage
      const id = 'id' in m ? m.id : null
      const cb = id !== null ? this.waiting.get(id) : undefined
      if (cb && id !== null) {
        this.waiting.delete(id)
        cb(m)
      }
    })
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/?$/, '/ws'))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return new Client(ws)
  }
  request(msg: Record<string, unknown>): Promise<ServerMessage> {
    const id = this.next++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${String(msg.type)}`)), 5000)
      this.waiting.set(id, (m) => {
        clearTimeout(timer)
        resolve(m)
      })
      this.ws.send(JSON.stringify({ ...msg, id }))
    })
  }
}

describe('program faults over the wire', () => {
  let dir: string
  let runtime: Runtime
  let url: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-fault-wire-'))
    // Cheap scrypt parameters: the KDF's cost is not what this test measures.
    const users = await Promise.all(['engineer', 'operator'].map(async (name) => ({ name, role: name, passwordHash: await hashPassword(`${name}-pw`, { N: 1024, r: 8, p: 1 }) })))
    const site = SiteFile.parse({ format: 1, users, connections: { plc1: { kind: 'opcua', endpoint: 'opc.tcp://127.0.0.1:1' } } })
    runtime = new Runtime({ compiled: await compileStApp(`${CALC}\n${FAULTING}`), site, log: memoryLogger(), host: '127.0.0.1', port: 0, dataDir: join(dir, 'data') })
    url = await runtime.start()
  })
  afterAll(async () => {
    await runtime?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('lists a faulted program, resets it for an engineer, refuses others, and audits the reset', async () => {
    runtime.engine.tasks[0]!.scan(100)
    const eng = await Client.open(url)
    await eng.request({ type: 'hello', protocol: 1 })
    expect(await eng.request({ type: 'login', user: 'engineer', password: 'engineer-pw' })).toMatchObject({ type: 'session' })
    const listed = await eng.request({ type: 'listProgramFaults' })
    expect(listed).toMatchObject({ type: 'programFaults', faults: [expect.objectContaining({ program: 'divide', file: 'programs/main.st' })] })

    const op = await Client.open(url)
    await op.request({ type: 'hello', protocol: 1 })
    await op.request({ type: 'login', user: 'operator', password: 'operator-pw' })
    expect(await op.request({ type: 'resetProgramFault', program: 'divide' })).toMatchObject({ code: 'E_FORBIDDEN' })

    expect(await eng.request({ type: 'resetProgramFault' })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(await eng.request({ type: 'resetProgramFault', program: 'calc' })).toMatchObject({ code: 'E_REFERENCE' })
    expect(await eng.request({ type: 'resetProgramFault', program: 'divide' })).toMatchObject({ type: 'ok' })
    expect(await eng.request({ type: 'listProgramFaults' })).toMatchObject({ type: 'programFaults', faults: [] })
    const audit = await eng.request({ type: 'queryAudit', action: 'program.resetFault' })
    const rows = audit.type === 'audit' ? audit.entries.map((e) => [e.target, e.ok, e.user]) : []
    expect(rows).toEqual(expect.arrayContaining([['divide', true, 'engineer'], ['calc', false, 'engineer']]))
    eng.ws.close()
    op.ws.close()
  })
})
