import { describe, expect, it } from 'vitest'
import { formatFile, parseFile } from './format'

describe('formatFile', () => {
  it('writes 2-space JSON with a trailing newline and known keys in schema order', () => {
    const text = formatFile({ widgets: [], name: 'a', format: 1, title: { 'zh-CN': '总览', en: 'Overview' } })
    expect(text).toBe('{\n  "format": 1,\n  "name": "a",\n  "title": {\n    "en": "Overview",\n    "zh-CN": "总览"\n  },\n  "widgets": []\n}\n')
  })

  it('gives the same text whatever order the keys were added in, and sorts unknown keys', () => {
    const a = formatFile({ id: 'w', x: 1, y: 2, props: { zeta: 1, alpha: 2 } })
    const b = formatFile({ props: { alpha: 2, zeta: 1 }, y: 2, x: 1, id: 'w' })
    expect(a).toBe(b)
    expect(a.indexOf('"alpha"')).toBeLessThan(a.indexOf('"zeta"'))
    expect(a.indexOf('"id"')).toBeLessThan(a.indexOf('"x"'))
  })

  it('drops undefined keys, keeps arrays in order and text files as they are', () => {
    expect(formatFile({ a: undefined, b: [3, 1, 2] })).toBe('{\n  "b": [\n    3,\n    1,\n    2\n  ]\n}\n')
    expect(formatFile('PROGRAM p\nEND_PROGRAM\n')).toBe('PROGRAM p\nEND_PROGRAM\n')
  })

  it('round-trips through parseFile', () => {
    const v = { format: 1, name: 'x', widgets: [{ id: 'a', type: 'label', x: 0, y: 0, w: 1, h: 1 }] }
    expect(parseFile('screens/x.json', formatFile(v))).toEqual(v)
    expect(parseFile('programs/p.st', 'text')).toBe('text')
    expect(() => parseFile('screens/bad.json', '{')).toThrow()
  })
})
