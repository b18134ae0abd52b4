import { describe, expect, it } from 'vitest'
import { parseClientMessage } from './parse.js'

const p = (v: unknown, max = 1000) => parseClientMessage(typeof v === 'string' ? v : JSON.stringify(v), max)

describe('parseClientMessage', () => {
  it('accepts every well-formed request', () => {
    for (const m of [
      { type: 'hello', id: 1, protocol: 1 }, { type: 'login', id: 2, user: 'a', password: '' }, { type: 'resume', id: 3, token: 't' },
      { type: 'logout', id: 4 }, { type: 'getApp', id: 5 }, { type: 'subscribe', id: 6, sub: 's', tags: ['A/b'] },
      { type: 'unsubscribe', id: 7, sub: 's' }, { type: 'write', id: 8, tag: 'A/b', value: null }, { type: 'ping', id: 9 },
    ]) expect(p(m)).toMatchObject({ ok: true })
  })

  it('maps each kind of bad input to its code, keeping the id where there is one', () => {
    expect(p('{oops')).toMatchObject({ ok: false, code: 'E_PARSE', id: null })
    expect(p('"text"')).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ id: 1 })).toMatchObject({ code: 'E_BAD_MESSAGE', id: 1 })
    expect(p({ type: '__proto__', id: 2 })).toMatchObject({ code: 'E_UNKNOWN_TYPE', id: 2 })
    expect(p({ type: 'ping' })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'write', id: 3, tag: 'A', value: { x: 1 } })).toMatchObject({ code: 'E_BAD_MESSAGE', id: 3 })
    expect(p({ type: 'write', id: 3, tag: 'A', value: 1, confirmed: 'yes' })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'subscribe', id: 4, sub: 's', tags: [1] })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'ping', id: 5, pad: 'x'.repeat(2000) })).toMatchObject({ code: 'E_TOO_LARGE', id: null })
    // Multi-byte text counts in bytes, not characters.
    expect(p({ type: 'ping', id: 6, pad: '液'.repeat(400) })).toMatchObject({ code: 'E_TOO_LARGE' })
  })

  it('checks the certificate requests', () => {
    const tp = 'ab'.repeat(20)
    expect(p({ type: 'listCertificates', id: 1, connection: 'plc1' })).toMatchObject({ ok: true })
    expect(p({ type: 'trustCertificate', id: 2, connection: 'plc1', thumbprint: tp })).toMatchObject({ ok: true })
    expect(p({ type: 'rejectCertificate', id: 3, connection: 'plc1', thumbprint: tp.toUpperCase() })).toMatchObject({ ok: true })
    expect(p({ type: 'listCertificates', id: 4 })).toMatchObject({ code: 'E_BAD_MESSAGE', id: 4 })
    expect(p({ type: 'listCertificates', id: 5, connection: 'x'.repeat(129) })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'trustCertificate', id: 6, connection: 'plc1', thumbprint: tp.slice(1) })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'rejectCertificate', id: 7, connection: 'plc1', thumbprint: `${tp.slice(2)}zz` })).toMatchObject({ code: 'E_BAD_MESSAGE' })
    expect(p({ type: 'rejectCertificate', id: 8, connection: 'plc1' })).toMatchObject({ code: 'E_BAD_MESSAGE' })
  })
})
