import { describe, expect, it } from 'vitest'
import { TagPath } from '../format/common.js'
import { net, Runner } from '../engine/__tests__/net.js'
import { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, Kernel } from '../engine/types.js'
import { defaultLibrary, getBlock, listBlocks } from './index.js'
import { TAG_PATH } from './io/tag.js'

const PIN_TYPES = ['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'TIME', 'ANY_NUM', 'ANY']

describe('standard library', () => {
  it('has every block the families promise', () => {
    const types = listBlocks().map((d) => d.type)
    for (const t of [
      'AND', 'OR', 'XOR', 'NOT', 'GT', 'GE', 'EQ', 'NE', 'LE', 'LT',
      'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'ABS', 'SQRT', 'MIN', 'MAX', 'LIMIT', 'MOVE', 'SEL', 'MUX', 'SR', 'RS',
      'R_TRIG', 'F_TRIG', 'TON', 'TOF', 'TP', 'CTU', 'CTD', 'CTUD', 'PID', 'SCALE', 'RAMP', 'FILTER', 'HYSTERESIS',
      'TAG_IN', 'TAG_OUT',
    ]) expect(types).toContain(t)
  })

  it('every definition is complete enough to build a palette from', () => {
    for (const d of listBlocks()) {
      expect(d.type, d.type).toMatch(/^[A-Z_][A-Z0-9_]*$/)
      expect(d.description.en.length, d.type).toBeGreaterThan(10)
      expect(d.description['zh-CN'].length, d.type).toBeGreaterThan(3)
      for (const p of [...d.inputs, ...d.outputs]) {
        expect(PIN_TYPES, `${d.type}.${p.name}`).toContain(p.type)
        expect(typeof p.default === 'boolean', `${d.type}.${p.name} default`).toBe(p.type === 'BOOL')
      }
      expect(Number.isInteger(d.stateSize) && d.stateSize >= 0).toBe(true)
      expect(d.kernel === null, d.type).toBe(d.tagIo !== undefined)
    }
    expect(getBlock('TON')?.family).toBe('timers')
    expect(getBlock('NOPE')).toBeUndefined()
  })

  it('TAG_PATH agrees with the TagPath schema', () => {
    for (const s of ['A', 'Area/Tank1/Level', '_x-1/y', 'a/', '/a', '1a', 'a b', 'a//b', 'a/'.repeat(16) + 'a', 'a/'.repeat(15) + 'a']) {
      expect(TAG_PATH.test(s), s).toBe(TagPath.safeParse(s).success)
    }
  })
})

describe('BlockLibrary', () => {
  it('refuses a type twice and malformed definitions', () => {
    const ton = defaultLibrary.get('TON')!
    expect(() => new BlockLibrary([ton, ton])).toThrow(/already registered/)
    const bad: BlockDef = { ...ton, type: 'BAD', stateSize: 1, initialState: [0, 0] }
    expect(() => new BlockLibrary([bad])).toThrow(/initialState/)
  })

  it('runs a custom block added with `with`', () => {
    const twice: Kernel = (sig, _st, slot, start, end, stride) => {
      for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = 2 * sig[slot[k]!]!
    }
    const lib = defaultLibrary.with({
      type: 'TWICE', family: 'arith', description: { en: 'Doubles IN', 'zh-CN': '加倍' },
      inputs: [{ name: 'IN', type: 'REAL', default: 0 }], outputs: [{ name: 'OUT', type: 'REAL', default: 0 }],
      stateSize: 0, kernel: twice,
    })
    const r = new Runner(net().tagIn('x', 'X').block('d', 'TWICE').tagOut('y', 'Y').wire('x.OUT', 'd.IN').wire('d.OUT', 'y.IN').plan(lib))
    expect(r.set({ X: 21 }).scan().tag('Y')).toBe(42)
    expect(defaultLibrary.get('TWICE')).toBeUndefined()
  })
})
