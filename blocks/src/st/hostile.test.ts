import { describe, expect, it } from 'vitest'
import { compileSt } from './index.js'
import { MAX_SOURCE } from './frontend.js'
import { errors, prog } from './__tests__/helpers.js'

/** Compiles hostile input: it must come back with diagnostics, never throw or overflow the stack. */
function codes(src: string): string[] {
  return errors(src).map((e) => e.code)
}

describe('ST compiler on hostile input', () => {
  it('refuses deep parentheses with E_ST_LIMIT', () => {
    const deep = `${'('.repeat(100_000)}1${')'.repeat(100_000)}`
    expect(codes(prog('x : INT;', `x := ${deep};`))).toEqual(['E_ST_LIMIT'])
  })

  it('accepts nesting that real programs use', () => {
    expect(codes(prog('x : INT;', `x := ${'('.repeat(60)}1${')'.repeat(60)};`))).toEqual([])
    expect(codes(prog('x : BOOL;', `${'IF x THEN '.repeat(40)}x := (((NOT x)));${' END_IF;'.repeat(40)}`))).toEqual([])
  })

  it('refuses deeply nested statements', () => {
    const n = 20_000
    expect(codes(prog('x : BOOL;', `${'IF x THEN '.repeat(n)}x := TRUE;${' END_IF;'.repeat(n)}`))).toEqual(['E_ST_LIMIT'])
  })

  it('refuses long operator chains and unary runs before they reach the recursive passes', () => {
    expect(codes(prog('x : DINT;', `x := ${Array(50_000).fill('1').join(' + ')};`))).toEqual(['E_ST_LIMIT'])
    expect(codes(prog('x : DINT;', `x := ${'- '.repeat(50_000)}1;`))).toEqual(['E_ST_LIMIT'])
    expect(codes(prog('x : DINT;', `x := ADD(${Array(5000).fill('1').join(', ')});`))).toEqual(['E_ST_LIMIT'])
    expect(codes(prog('x : DINT;', `x := ${Array(300).fill('1').join(' + ')};`))).toEqual([])
  })

  it('refuses oversized source before lexing', () => {
    const r = compileSt(' '.repeat(MAX_SOURCE + 1))
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['E_ST_LIMIT', 1]])
  })

  it('caps the number of errors', () => {
    const r = compileSt(prog('x : INT;', 'x := y;\n'.repeat(1000)))
    expect(r.diagnostics.length).toBeLessThanOrEqual(101)
    expect(r.diagnostics.at(-1)!.code).toBe('E_ST_LIMIT')
  })

  it('refuses oversized memory and nested or recursive types', () => {
    expect(codes(prog('a : ARRAY[1..100000000] OF LREAL;', ''))).toEqual(['E_ST_LIMIT'])
    expect(codes(prog('a : ARRAY[1..2000, 1..2000, 1..2000] OF BOOL;', ''))).toEqual(['E_ST_LIMIT'])
    const chain = Array.from({ length: 200 }, (_, i) => `T${i} : T${i + 1};`).join('\n')
    expect(codes(`TYPE ${chain} T200 : INT; END_TYPE`)).toContain('E_ST_LIMIT')
    expect(codes('TYPE A : STRUCT b : B; END_STRUCT; B : STRUCT a : A; END_STRUCT; END_TYPE')).toContain('E_ST_RECURSION')
    const fbs = Array.from({ length: 100 }, (_, i) => `FUNCTION_BLOCK F${i} VAR x : F${i + 1}; END_VAR END_FUNCTION_BLOCK`).join('\n')
    expect(codes(`${fbs}\nFUNCTION_BLOCK F100 END_FUNCTION_BLOCK`)).toContain('E_ST_LIMIT')
  })

  it('checks long call chains for recursion without recursing itself', () => {
    const n = 3000
    const fns = Array.from({ length: n }, (_, i) => `FUNCTION F${i} : INT F${i} := F${(i + 1) % n}(); END_FUNCTION`).join('\n')
    expect(codes(fns)).toEqual(['E_ST_RECURSION'])
  })

  it('survives garbage', () => {
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const alphabet = 'PROGRAM END_PROGRAM IF THEN ELSE END_IF := ; ( ) [ ] x y 1 2.5 T#1s \'s\' (* *) // . , : + - * / AND NOT '.split(' ')
    for (let k = 0; k < 50; k++) {
      const words = Array.from({ length: 400 }, () => alphabet[Math.floor(rand() * alphabet.length)]!)
      const r = compileSt(`PROGRAM G VAR x, y : INT; END_VAR ${words.join(' ')} END_PROGRAM`)
      expect(Array.isArray(r.diagnostics)).toBe(true)
    }
    expect(codes('\u0000\uffff\ud800 PROGRAM')).not.toEqual([])
  })
})
