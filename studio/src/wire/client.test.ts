import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TaktClient } from './client'
import type { LiveUpdate } from './client'
import { WireError } from './errors'
import { FakeSocket } from './fake-socket'

function setup(opts: { timeout?: number } = {}) {
  const sockets: FakeSocket[] = []
  const client = new TaktClient({
    url: 'ws://test/ws',
    socketFactory: () => { const s = new FakeSocket(); sockets.push(s); return s },
    requestTimeoutMs: opts.timeout ?? 1000,
    heartbeatMs: 0,
  })
  const sock = () => sockets[sockets.length - 1] as FakeSocket
  /** Open the current socket and answer hello (and resume when asked). */
  async function handshake(authRequired = true): Promise<void> {
    sock().open()
    const hello = sock().last('hello')
    sock().reply({ type: 'welcome', id: hello.id, protocol: 1, server: 'fake', version: '0', authRequired })
    await vi.advanceTimersByTimeAsync(0)
  }
  return { client, sockets, sock, handshake }
}

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

describe('TaktClient', () => {
  it('says hello first and is open after welcome', async () => {
    const { client, sock, handshake } = setup()
    const states: string[] = []
    client.onState.on((s) => states.push(s))
    client.connect()
    await handshake()
    expect(sock().sent[0]).toMatchObject({ type: 'hello', protocol: 1 })
    expect(client.state).toBe('open')
    expect(states).toEqual(['connecting', 'open'])
  })

  it('correlates replies by id, in any order', async () => {
    const { client, sock, handshake } = setup()
    client.connect()
    await handshake()
    const a = client.write('A', 1)
    const b = client.write('B', 2)
    const [wa, wb] = sock().sent.filter((m) => m.type === 'write')
    sock().reply({ type: 'error', id: wb!.id, code: 'E_FORBIDDEN', message: 'no' })
    sock().reply({ type: 'ok', id: wa!.id })
    await expect(a).resolves.toEqual({ type: 'ok', id: wa!.id })
    await expect(b).rejects.toMatchObject({ code: 'E_FORBIDDEN' })
  })

  it('times out a request without reply with E_TIMEOUT', async () => {
    const { client, handshake } = setup({ timeout: 500 })
    client.connect()
    await handshake()
    const p = client.getApp()
    const check = expect(p).rejects.toMatchObject({ code: 'E_TIMEOUT' })
    await vi.advanceTimersByTimeAsync(501)
    await check
  })

  it('refuses a write while offline at once instead of queueing it', async () => {
    const { client } = setup()
    client.connect()
    await expect(client.write('A', true)).rejects.toBeInstanceOf(WireError)
    await expect(client.write('A', true)).rejects.toMatchObject({ code: 'E_OFFLINE' })
  })

  it('dispatches updates by handle as tag paths', async () => {
    const { client, sock, handshake } = setup()
    const got: LiveUpdate[][] = []
    client.onUpdates.on((u) => got.push(u))
    client.connect()
    await handshake()
    const p = client.subscribe('overview', ['T/Level', 'T/Nope', 'T/Flow'])
    const sub = sock().last('subscribe')
    sock().reply({ type: 'subscribed', id: sub.id, sub: 'overview', handles: [7, -1, 9], unknown: ['T/Nope'] })
    await p
    sock().reply({ type: 'updates', t: 1, u: [[7, 2.5, 0, 100], [9, 1, 0x80000000, 101], [42, 0, 0, 0]] })
    expect(got).toEqual([[
      { path: 'T/Level', value: 2.5, status: 0, sourceTime: 100 },
      { path: 'T/Flow', value: 1, status: 0x80000000, sourceTime: 101 },
    ]])
  })

  it('after a drop, reconnects with backoff, resumes the token and re-subscribes its groups', async () => {
    const { client, sockets, sock, handshake } = setup()
    client.connect()
    await handshake()
    const login = client.login('op', 'pw')
    sock().reply({ type: 'session', id: sock().last('login').id, token: 'tok1', user: 'op', role: 'operator', expiresAt: 0 })
    await login
    const sub = client.subscribe('overview', ['T/Level'])
    sock().reply({ type: 'subscribed', id: sock().last('subscribe').id, sub: 'overview', handles: [1], unknown: [] })
    await sub

    const pending = client.getApp()
    const pendingCheck = expect(pending).rejects.toMatchObject({ code: 'E_OFFLINE' })
    sock().close()
    await pendingCheck
    expect(client.state).toBe('reconnecting')
    expect(sockets).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(600)
    expect(sockets).toHaveLength(2)

    await handshake()
    const resume = sock().last('resume')
    expect(resume.token).toBe('tok1')
    sock().reply({ type: 'session', id: resume.id, token: 'tok1', user: 'op', role: 'operator', expiresAt: 0 })
    await vi.advanceTimersByTimeAsync(0)
    expect(client.state).toBe('open')
    const resub = sock().last('subscribe')
    expect(resub).toMatchObject({ sub: 'overview', tags: ['T/Level'] })

    // New handles after the reconnect are used for updates.
    const got: LiveUpdate[][] = []
    client.onUpdates.on((u) => got.push(u))
    sock().reply({ type: 'subscribed', id: resub.id, sub: 'overview', handles: [5], unknown: [] })
    await vi.advanceTimersByTimeAsync(0)
    sock().reply({ type: 'updates', t: 1, u: [[5, 3, 0, 1], [1, 9, 0, 1]] })
    expect(got).toEqual([[{ path: 'T/Level', value: 3, status: 0, sourceTime: 1 }]])
  })

  it('reports a refused token as session lost and still opens', async () => {
    const { client, sock, handshake } = setup()
    const lost: string[] = []
    client.onSessionLost.on((c) => lost.push(c))
    client.setToken('old')
    client.connect()
    await handshake()
    sock().reply({ type: 'error', id: sock().last('resume').id, code: 'E_SESSION_EXPIRED', message: 'expired' })
    await vi.advanceTimersByTimeAsync(0)
    expect(lost).toEqual(['E_SESSION_EXPIRED'])
    expect(client.sessionToken).toBeNull()
    expect(client.state).toBe('open')
  })

  it('close() stops reconnecting', async () => {
    const { client, sockets, handshake } = setup()
    client.connect()
    await handshake()
    client.close()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(sockets).toHaveLength(1)
    expect(client.state).toBe('closed')
  })
})
