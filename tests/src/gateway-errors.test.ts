/** Bad WebSocket input: each kind gets its stable error code and the session keeps working afterwards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, USERS, type Stack } from './helpers/stack.js'
import { TestClient } from './helpers/ws-client.js'

describe('gateway error handling', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ limits: { maxMessageBytes: 4096 } })
  })
  afterAll(async () => {
    await stack?.stop()
  })

  it('answers every kind of bad message with its code and keeps the session', async () => {
    const c = await TestClient.connect(stack.url)
    expect(await c.request({ type: 'getApp' })).toMatchObject({ type: 'error', code: 'E_AUTH_REQUIRED' })
    expect(await c.login('operator', 'wrong')).toMatchObject({ type: 'error', code: 'E_AUTH_FAILED' })
    expect(await c.login('nobody', 'x')).toMatchObject({ type: 'error', code: 'E_AUTH_FAILED' })
    expect((await c.login('operator', USERS.operator)).type).toBe('session')
    await c.subscribe('s', ['Tank1/Level'])

    expect(await c.raw('{not json', null)).toMatchObject({ type: 'error', id: null, code: 'E_PARSE' })
    expect(await c.raw('[1,2]', null)).toMatchObject({ type: 'error', code: 'E_BAD_MESSAGE' })
    expect(await c.raw(JSON.stringify({ type: 'selfDestruct', id: 77 }), 77)).toMatchObject({ type: 'error', id: 77, code: 'E_UNKNOWN_TYPE' })
    expect(await c.raw(JSON.stringify({ type: 'write', id: 78, tag: 'Tank1/LevelSP' }), 78)).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(await c.raw(JSON.stringify({ type: 'ping', id: 79, pad: 'x'.repeat(10_000) }), null)).toMatchObject({ type: 'error', code: 'E_TOO_LARGE' })
    expect(await c.request({ type: 'write', tag: 'No/SuchTag', value: 1 })).toMatchObject({ code: 'E_UNKNOWN_TAG' })
    expect(await c.request({ type: 'write', tag: 'Tank1/Level', value: 1 })).toMatchObject({ code: 'E_NOT_WRITABLE' })
    expect(await c.request({ type: 'write', tag: 'InletValve/Command', value: 10 })).toMatchObject({ code: 'E_FORBIDDEN' })
    expect(await c.request({ type: 'write', tag: 'Tank1/LevelSP', value: 99 })).toMatchObject({ code: 'E_OUT_OF_RANGE' })
    expect(await c.request({ type: 'write', tag: 'Tank1/LevelSP', value: 'high' })).toMatchObject({ code: 'E_TYPE_MISMATCH' })
    expect(await c.request({ type: 'write', tag: 'Control/Auto', value: 1 })).toMatchObject({ code: 'E_TYPE_MISMATCH' })
    expect(await c.request({ type: 'unsubscribe', sub: 'never' })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    const unknown = await c.subscribe('u', ['Tank1/Level', 'Nope/Nothing'])
    expect(unknown).toMatchObject({ type: 'subscribed', unknown: ['Nope/Nothing'] })

    // Still alive: requests work and values flow.
    expect(await c.request({ type: 'ping' })).toMatchObject({ type: 'ok' })
    expect(await c.request({ type: 'write', tag: 'Tank1/LevelSP', value: 2.6 })).toMatchObject({ type: 'ok' })
    const before = c.updateRows
    await c.until(() => c.updateRows > before, 10_000, 'updates after bad input')
    c.close()
  })

  it('refuses writes the role does not allow and requires the handshake first', async () => {
    const v = await TestClient.connect(stack.url)
    expect((await v.login('viewer', USERS.viewer)).type).toBe('session')
    expect(await v.request({ type: 'write', tag: 'Tank1/LevelSP', value: 2 })).toMatchObject({ code: 'E_FORBIDDEN' })
    v.close()
    const raw = await TestClient.connect(stack.url, { hello: false })
    expect(await raw.request({ type: 'ping' })).toMatchObject({ code: 'E_PROTOCOL_VERSION' })
    expect(await raw.request({ type: 'hello', protocol: 99 })).toMatchObject({ code: 'E_PROTOCOL_VERSION' })
    expect(await raw.request({ type: 'hello', protocol: 1 })).toMatchObject({ type: 'welcome' })
    raw.close()
  })

  it('resumes a session by token and refuses an unknown token', async () => {
    const a = await TestClient.connect(stack.url)
    const s = await a.login('engineer', USERS.engineer)
    if (s.type !== 'session') throw new Error('login failed')
    a.close()
    const b = await TestClient.connect(stack.url)
    expect(await b.request({ type: 'resume', token: s.token })).toMatchObject({ type: 'session', user: 'engineer', role: 'engineer' })
    expect(await b.request({ type: 'getApp' })).toMatchObject({ type: 'app' })
    expect(await b.request({ type: 'logout' })).toMatchObject({ type: 'ok' })
    expect(await b.request({ type: 'resume', token: s.token })).toMatchObject({ code: 'E_SESSION_EXPIRED' })
    expect(await b.request({ type: 'resume', token: 'forged' })).toMatchObject({ code: 'E_SESSION_EXPIRED' })
    b.close()
  })
})
