import { describe, expect, it } from 'vitest'
import { LineMap, Sink } from './diag.js'
import { tokenize } from './lexer.js'
import { formatTime, parseTime } from './literals.js'

function lex(src: string): { toks: ReturnType<typeof tokenize>; diags: ReturnType<Sink['diagnostics']> } {
  const sink = new Sink(new LineMap(src))
  const toks = tokenize(src, sink)
  return { toks, diags: sink.diagnostics() }
}

describe('ST lexer', () => {
  it('upper-cases words and skips all comment forms and pragmas', () => {
    const { toks, diags } = lex('If x (* c1 *) then // c2\n /* c3 \n */ {attribute \'x\'} y := 1; end_if')
    expect(diags).toEqual([])
    expect(toks.map((t) => t.v)).toEqual(['IF', 'X', 'THEN', 'Y', ':=', '1', ';', 'END_IF', ''])
  })

  it('reads integer, based, real and exponent literals', () => {
    const { toks } = lex('123 1_000 16#FF 8#17 2#1010_1010 1.5 1.5E3 2e-2 1E3')
    expect(toks.slice(0, -1).map((t) => [t.k, t.n])).toEqual([
      ['INT', 123], ['INT', 1000], ['INT', 255], ['INT', 15], ['INT', 170], ['REAL', 1.5], ['REAL', 1500], ['REAL', 0.02], ['REAL', 1000],
    ])
  })

  it('reads durations in ms, with fractions and signs', () => {
    const { toks } = lex('T#1s500ms TIME#2m t#-5s LTIME#1.5s T#1h2m3s4ms T#250us T#1d')
    expect(toks.slice(0, -1).map((t) => t.n)).toEqual([1500, 120000, -5000, 1500, 3723004, 0.25, 86400000])
  })

  it('reads typed literals with their type prefix', () => {
    const { toks } = lex("INT#5 DINT#-7 WORD#16#FF REAL#1.5 BOOL#TRUE Color#Red STRING#'x'")
    expect(toks.slice(0, -1).map((t) => [t.ty, t.lit!.k, t.lit!.n || t.lit!.s || t.lit!.v])).toEqual([
      ['INT', 'INT', 5], ['DINT', 'INT', -7], ['WORD', 'INT', 255], ['REAL', 'REAL', 1.5], ['BOOL', 'ID', 'TRUE'],
      ['COLOR', 'ID', 'RED'], ['STRING', 'STR', 'x'],
    ])
  })

  it('decodes $ escapes in strings', () => {
    const { toks } = lex("'a$'b$$c$N$T$41'")
    expect(toks[0]!.s).toBe("a'b$c\n\tA")
  })

  it('reports bad input at its line and column and keeps going', () => {
    const { toks, diags } = lex("x := 1;\n  y := 'open\nz := 16#GZ; ? (* never closed")
    expect(diags.map((d) => [d.code, d.line, d.column])).toEqual([
      ['E_ST_SYNTAX', 2, 8], ['E_ST_SYNTAX', 3, 6], ['E_ST_SYNTAX', 3, 13], ['E_ST_SYNTAX', 3, 15],
    ])
    expect(toks.some((t) => t.v === 'Z')).toBe(true)
  })

  it('rejects malformed durations', () => {
    const { diags } = lex('T#5x T#1ms1s')
    expect(diags).toHaveLength(2)
  })
})

describe('durations', () => {
  it('parse and format round trip', () => {
    for (const ms of [0, 1, 999, 1500, 60000, 3723004, 90061001, -2500, 0.25]) {
      const text = formatTime(ms)
      expect(parseTime(text.slice(2))).toBe(ms)
    }
    expect(formatTime(1500)).toBe('T#1s500ms')
    expect(formatTime(0)).toBe('T#0ms')
    expect(parseTime('1_000ms')).toBe(1000)
    expect(parseTime('')).toBe(null)
  })
})
