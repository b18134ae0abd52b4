import { describe, expect, it } from 'vitest'
import { parseCsv, serializeCsv } from './csv'

describe('RFC 4180 CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces; CRLF records', () => {
    const rows = [['a', 'b,c', 'say "hi"', 'two\nlines', ' pad', '储罐,液位', '', null]]
    const text = serializeCsv(rows)
    expect(text).toBe('a,"b,c","say ""hi""","two\nlines"," pad","储罐,液位","",\r\n')
    expect(parseCsv(text).records).toEqual([{ cells: rows[0], line: 1 }])
  })

  it('tells absent (unquoted empty) from empty string (quoted)', () => {
    expect(parseCsv('x,,""\r\n').records[0]!.cells).toEqual(['x', null, ''])
    expect(parseCsv('x,').records[0]!.cells).toEqual(['x', null])
  })

  it('reports the line where each record starts, across quoted line breaks', () => {
    const r = parseCsv('h1,h2\r\n"a\r\nb",c\r\nd,e\n\nf,g')
    expect(r.records.map((x) => [x.line, x.cells])).toEqual([
      [1, ['h1', 'h2']], [2, ['a\r\nb', 'c']], [4, ['d', 'e']], [6, ['f', 'g']],
    ])
  })

  it('skips a BOM, accepts LF, and reports an unclosed quote', () => {
    expect(parseCsv('\uFEFFa,b\nc,d\n').records.map((x) => x.cells)).toEqual([['a', 'b'], ['c', 'd']])
    expect(parseCsv('a,b\n"open,c\n').error).toEqual({ line: 2, message: 'a quoted field is not closed' })
    expect(parseCsv('').records).toEqual([])
  })

  it('round-trips arbitrary cells', () => {
    const nasty = ['', '"', '""', ',', '\r\n', '\n', '\r', ' ', 'a"b', '中文,"引号"', '=1+2', 'tab\there']
    const rows = [nasty, nasty.map((s) => s + 'x'), [null, 'z', null]]
    expect(parseCsv(serializeCsv(rows)).records.map((r) => r.cells)).toEqual(rows)
  })
})
