import { describe, expect, it } from 'vitest'
import { LineIndex, jsonPath, locateJsonPath, parseJsonPath, scanJson } from './validate-json.js'

const limits = { maxDepth: 8, maxArrayLength: 100 }

describe('scanJson', () => {
  it('accepts exactly what JSON.parse accepts, for a sample of texts', () => {
    const samples = [
      '{}', '[]', '0', '-0.5e+10', '"x"', 'true', 'null', ' {"a" : [1, {"b": null}], "c": "\\u00e9\\n"} ', '1E5',
      '{,}', '[1,]', '01', '1.', '.5', '+1', '"\\x"', '"a', '{"a"}', '{"a":1,}', 'nul', '[1 2]', '{"a":1}}', '"\t"', '-', '1e',
    ]
    for (const text of samples) {
      let parsed = true
      try { JSON.parse(text) } catch { parsed = false }
      expect(scanJson(text, limits) === null, text).toBe(parsed)
    }
  })

  it('gives the offset and path of the first problem', () => {
    expect(scanJson('{"a": [1, 2, x]}', limits)).toMatchObject({ code: 'E_FILE_JSON', offset: 13, path: ['a', 2] })
    expect(scanJson('{"a": {"a": 1, "a": 2}}', limits)).toMatchObject({ code: 'E_DUPLICATE', offset: 15, path: ['a', 'a'] })
  })

  it('refuses prototype keys, deep nesting and long arrays', () => {
    expect(scanJson('{"__proto__": 1}', limits)).toMatchObject({ code: 'E_SCHEMA', path: ['__proto__'] })
    expect(scanJson('{"prototype": 1}', limits)).toMatchObject({ code: 'E_SCHEMA' })
    expect(scanJson('[[[[[[[[[1]]]]]]]]]', limits)).toMatchObject({ code: 'E_LIMIT' })
    expect(scanJson('[[[[[[[[1]]]]]]]]', limits)).toBeNull()
    expect(scanJson(`[${'1,'.repeat(100)}1]`, limits)).toMatchObject({ code: 'E_LIMIT', path: [] })
  })

  it('survives nesting far beyond the limit without a stack overflow', () => {
    expect(scanJson('{"a":'.repeat(1_000_000), { maxDepth: 64, maxArrayLength: 10 })).toMatchObject({ code: 'E_LIMIT' })
  })
})

describe('JSON paths', () => {
  it('formats and parses paths', () => {
    const segs = ['tags', 3, 'range', 'min', 'with space', 'q"uote', 0]
    const path = jsonPath(segs)
    expect(path).toBe('$.tags[3].range.min["with space"]["q\\"uote"][0]')
    expect(parseJsonPath(path)).toEqual(segs)
    expect(parseJsonPath('$')).toEqual([])
    expect(parseJsonPath('tags[0]')).toBeNull()
    expect(parseJsonPath('$.a[x]')).toBeNull()
  })

  it('locates a path in text, or the deepest part that exists', () => {
    const text = '{\n  "a": [\n    {"b": 1},\n    {"c": {"d": 2}}\n  ]\n}'
    const at = (p: (string | number)[]) => new LineIndex(text).at(locateJsonPath(text, p))
    expect(at([])).toEqual({ line: 1, column: 1 })
    expect(at(['a'])).toEqual({ line: 2, column: 3 })
    expect(at(['a', 1])).toEqual({ line: 4, column: 5 })
    expect(at(['a', 1, 'c', 'd'])).toEqual({ line: 4, column: 12 })
    expect(at(['a', 1, 'missing'])).toEqual({ line: 4, column: 5 })
    expect(at(['a', 7])).toEqual({ line: 2, column: 3 })
  })
})
