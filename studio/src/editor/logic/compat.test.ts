import { describe, expect, it } from 'vitest'
import { checkConnection } from './compat'
import { prog } from './fixtures'

const p = prog([
  { id: 'b', type: 'TAG_IN', params: { tag: 'A/B', type: 'BOOL' } },
  { id: 'r', type: 'TAG_IN', params: { tag: 'A/R', type: 'REAL' } },
  { id: 'i', type: 'TAG_IN', params: { tag: 'A/I', type: 'INT' } },
  { id: 'ton', type: 'TON' },
  { id: 'and', type: 'AND' },
  { id: 'add', type: 'ADD' },
  { id: 'cnt', type: 'CTU' },
  { id: 'out', type: 'TAG_OUT', params: { tag: 'A/O' } },
])

describe('checkConnection', () => {
  it('accepts matching and widening types', () => {
    expect(checkConnection(p, 'b.OUT', 'ton.IN')).toEqual({ ok: true })
    expect(checkConnection(p, 'i.OUT', 'add.IN1')).toEqual({ ok: true })
    expect(checkConnection(p, 'r.OUT', 'add.IN1')).toEqual({ ok: true })
    expect(checkConnection(p, 'ton.Q', 'out.IN')).toEqual({ ok: true })
  })

  it('refuses incompatible types with the engine message', () => {
    const r = checkConnection(p, 'r.OUT', 'ton.IN')
    expect(r).toMatchObject({ ok: false, code: 'E_FB_TYPE_MISMATCH' })
    expect(!r.ok && r.message).toContain('REAL')
    expect(checkConnection(p, 'b.OUT', 'add.IN1')).toMatchObject({ ok: false, code: 'E_FB_TYPE_MISMATCH' })
    // REAL never narrows to INT (CTU.PV is INT).
    expect(checkConnection(p, 'r.OUT', 'cnt.PV')).toMatchObject({ ok: false, code: 'E_FB_TYPE_MISMATCH' })
  })

  it('refuses a wire that breaks a type further on through a generic block', () => {
    // add.OUT drives CTU.PV (INT); feeding add a REAL would make ADD a REAL ADD.
    const q = prog([...p.blocks], [['i.OUT', 'add.IN1'], ['add.OUT', 'cnt.PV']])
    expect(checkConnection(q, 'i.OUT', 'add.IN2')).toEqual({ ok: true })
    expect(checkConnection(q, 'r.OUT', 'add.IN2')).toMatchObject({ ok: false, code: 'E_FB_TYPE_MISMATCH' })
  })

  it('allows one driver per input', () => {
    const q = prog([...p.blocks], [['b.OUT', 'ton.IN']])
    expect(checkConnection(q, 'b.OUT', 'ton.IN')).toMatchObject({ ok: false, code: 'E_DUPLICATE' })
    expect(checkConnection(q, 'and.OUT', 'ton.IN')).toMatchObject({ ok: false, code: 'E_FB_MULTIPLE_DRIVERS' })
  })

  it('checks direction and existence', () => {
    expect(checkConnection(p, 'ton.IN', 'and.IN1')).toMatchObject({ ok: false, code: 'E_FB_UNKNOWN_PIN' })
    expect(checkConnection(p, 'ton.Q', 'and.OUT')).toMatchObject({ ok: false, code: 'E_FB_UNKNOWN_PIN' })
    expect(checkConnection(p, 'ton.NOPE', 'and.IN1')).toMatchObject({ ok: false, code: 'E_FB_UNKNOWN_PIN' })
    expect(checkConnection(p, 'zz.Q', 'and.IN1')).toMatchObject({ ok: false, code: 'E_REFERENCE' })
    expect(checkConnection(p, 'bad', 'and.IN1')).toMatchObject({ ok: false })
  })

  it('ignores type errors that were already there', () => {
    const q = prog([...p.blocks], [['r.OUT', 'ton.IN']])
    expect(checkConnection(q, 'b.OUT', 'and.IN1')).toEqual({ ok: true })
  })
})
