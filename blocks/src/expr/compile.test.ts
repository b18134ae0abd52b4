import { describe, expect, it } from 'vitest'
import type { TagScalar } from '../quality.js'
import { compileExpression } from './compile.js'
import type { CompileOptions } from './compile.js'
import { ExprFunctions, getExprFunction } from './functions.js'

function compiled(src: string, options?: CompileOptions) {
  const r = compileExpression(src, options)
  if (!r.ok) throw new Error(`compile failed: ${JSON.stringify(r.diagnostics)}`)
  return r.expr
}

function ev(src: string, tags: Record<string, TagScalar> = {}): TagScalar {
  return compiled(src).evaluate((p) => tags[p] ?? null)
}

function errors(src: string, options?: CompileOptions) {
  const r = compileExpression(src, options)
  if (r.ok) throw new Error(`expected ${src} to fail`)
  return r.diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message }))
}

describe('compileExpression: arithmetic and logic', () => {
  it.each<[string, TagScalar]>([
    ['1 + 2 * 3', 7], ['(1 + 2) * 3', 9], ['10 - 4 - 3', 3], ['2 ** 3 ** 2', 512], ['-2 ** 2', -4],
    ['7 % 3', 1], ['-7 % 3', -1], ['7 / 2', 3.5], ['1e3 + .5', 1000.5], ['-(3)', -3], ['- -3', 3], ['-0', 0],
    ['1 < 2', true], ['2 <= 2', true], ['3 > 4', false], ['3 >= 4', false], ['1 == 1', true], ['1 != 1', false],
    ['true && false', false], ['true || false', true], ['!true', false], ['not 0', true], ['!""', true],
    ['1 && "x"', true], ['0 || ""', false],
    ['true ? 1 : 2', 1], ['0 ? 1 : 2', 2], ['"" ? 1 : 2', 2],
    ['true + 1', 2], ['true == 1', true], ['false == 0', true], ['"1" == 1', true], ['"true" == true', true],
    ['"abc" < "abd"', true], ['"10" < "9"', true], ['"10" < 9', false], ['"a" == "a"', true],
  ])('%s = %j', (src, expected) => {
    expect(ev(src)).toBe(expected)
  })

  it('concatenates when either side of + is text', () => {
    expect(ev('"Level: " + 42')).toBe('Level: 42')
    expect(ev('1 + 2 + " m"')).toBe('3 m')
    expect(ev('" m" + 1 + 2')).toBe(' m12')
    expect(ev('"on: " + true')).toBe('on: true')
    expect(ev("'a' + 'b'")).toBe('ab')
    expect(ev('"x" - 1')).toBe(null)
    expect(ev('"5" * 2')).toBe(10)
  })

  it('reads tags through the getter', () => {
    const tags = { 'Area/Tank1/Level': 42.5, 'Area/Tank1/Max': 85, 'Area/Pump/Run': true, 'Area/Name': 'T1' }
    expect(ev('{Area/Tank1/Level} * 100 / {Area/Tank1/Max}', tags)).toBe(50)
    expect(ev('{Area/Pump/Run} ? "RUN" : "STOP"', tags)).toBe('RUN')
    expect(ev('{Area/Name} + ": " + fmt({Area/Tank1/Level}, 1)', tags)).toBe('T1: 42.5')
  })

  it('sees new values on every evaluation', () => {
    const e = compiled('{a} * 2')
    const tags: Record<string, TagScalar> = { a: 1 }
    const get = (p: string) => tags[p] ?? null
    expect(e.evaluate(get)).toBe(2)
    tags.a = 21
    expect(e.evaluate(get)).toBe(42)
  })
})

describe('compileExpression: null propagation (bad or missing values)', () => {
  const bad = (src: string) => ev(src, { good: 1, text: 'x' })
  it.each<[string, TagScalar]>([
    ['{bad} + 1', null], ['{bad} + "x"', null], ['"x" + {bad}', null], ['-{bad}', null], ['!{bad}', null],
    ['{bad} < 1', null], ['{bad} == {bad}', null], ['{bad} != 1', null], ['abs({bad})', null], ['max(1, {bad})', null],
    ['{bad} ? 1 : 2', null], ['if({bad}, 1, 2)', null], ['str({bad})', null],
    ['1 / 0', null], ['1 % 0', null], ['{good} / ({good} - 1)', null], ['sqrt(-1)', null], ['log(0)', null],
    ['10 ** 400', null], ['exp(1000)', null], ['{text} * 2', null], ['num("abc")', null],
    // Kleene logic: a definite answer wins over an unknown one.
    ['{bad} && false', false], ['false && {bad}', false], ['{bad} && true', null],
    ['{bad} || true', true], ['true || {bad}', true], ['{bad} || false', null],
    ['true ? 1 : {bad}', 1], ['if(false, {bad}, 2)', 2],
  ])('%s = %j', (src, expected) => {
    expect(bad(src)).toBe(expected)
  })

  it('treats undefined, NaN and Infinity from the getter as null', () => {
    const e = compiled('{x} + 1')
    expect(e.evaluate(() => undefined as unknown as TagScalar)).toBe(null)
    expect(e.evaluate(() => NaN)).toBe(null)
    expect(e.evaluate(() => Infinity)).toBe(null)
  })

  it('never throws, even when the getter does', () => {
    const e = compiled('{x} + 1')
    expect(e.evaluate(() => { throw new Error('driver gone') })).toBe(null)
    expect(e.evaluate(() => 1)).toBe(2)
  })

  it('returns null on re-entry instead of recursing (cycles of derived tags)', () => {
    const e = compiled('{self} + 1')
    const get = (): TagScalar => e.evaluate(get)
    expect(e.evaluate(get)).toBe(null)
  })
})

describe('compileExpression: functions', () => {
  it.each<[string, TagScalar]>([
    ['abs(-3)', 3], ['min(3, 1, 2)', 1], ['max(3, 1, 2)', 3], ['max(5)', 5], ['min(true, 2)', 1],
    ['round(2.5)', 3], ['round(-2.5)', -3], ['round(1.005, 2)', 1.01], ['round(1234.5, -2)', 1200], ['round(2.45, 1)', 2.5],
    ['floor(-1.5)', -2], ['ceil(1.2)', 2], ['sqrt(16)', 4],
    ['clamp(5, 0, 3)', 3], ['clamp(-1, 0, 3)', 0], ['clamp(2, 0, 3)', 2], ['clamp(2, 3, 0)', null],
    ['if(1 > 0, "y", "n")', 'y'], ['IF(0, "y", "n")', 'n'],
    ['fmt(3.14159, 2)', '3.14'], ['fmt(2, 0)', '2'], ['fmt(1, 20)', '1.0000000000'], ['fmt("x", 1)', null],
    ['str(1.5)', '1.5'], ['str(false)', 'false'], ['num(" 42 ")', 42], ['num(true)', 1],
    ['int(-3.7)', -3], ['int("9.9")', 9],
    ['bool(2)', true], ['bool(0)', false], ['bool("TRUE")', true], ['bool("0")', false], ['bool("maybe")', null], ['bool("constructor")', null],
    ['len("hello")', 5], ['len(123)', 3], ['upper("ab")', 'AB'], ['lower("AB")', 'ab'],
    ['pow(2, 10)', 1024], ['log(exp(2))', 2], ['log10(1000)', 3], ['sin(0)', 0], ['cos(0)', 1],
  ])('%s = %j', (src, expected) => {
    const v = ev(src)
    if (typeof expected === 'number') expect(v).toBeCloseTo(expected, 12)
    else expect(v).toBe(expected)
  })

  it('evaluates only the chosen branch of if()', () => {
    const seen: string[] = []
    const e = compiled('if({c}, {a}, {b})')
    e.evaluate((p) => { seen.push(p); return p === 'c' ? true : 1 })
    expect(seen).toEqual(['c', 'a'])
  })

  it('lists every function for completion, with signatures', () => {
    for (const name of ['abs', 'min', 'max', 'round', 'floor', 'ceil', 'sqrt', 'clamp', 'if', 'fmt', 'str', 'num', 'int',
      'bool', 'len', 'upper', 'lower', 'pow', 'log', 'exp', 'sin', 'cos']) {
      expect(ExprFunctions).toContain(name)
    }
    expect(getExprFunction('ROUND')).toMatchObject({ params: 'x, decimals?', min: 1, max: 2 })
    expect(getExprFunction('constructor')).toBeUndefined()
  })
})

describe('compileExpression: refs', () => {
  it('collects distinct tag paths in order of first use', () => {
    expect(compiled('{b} + {a} * {b} + max({c}, {a})').refs).toEqual(['b', 'a', 'c'])
    expect(compiled('1 + 2').refs).toEqual([])
  })

  it('folds constant subtrees but still reads tags', () => {
    const seen: string[] = []
    const e = compiled('fmt({x}, 1 + 1) + upper("k")')
    expect(e.evaluate((p) => { seen.push(p); return 1.234 })).toBe('1.23K')
    expect(seen).toEqual(['x'])
  })
})

describe('compileExpression: diagnostics', () => {
  it('reports unknown functions at the name', () => {
    expect(errors('1 + foo(2)')).toEqual([{ code: 'E_EXPR_UNKNOWN_FUNCTION', line: 1, column: 5, message: "unknown function 'foo'" }])
    expect(errors('constructor(1)')[0]?.code).toBe('E_EXPR_UNKNOWN_FUNCTION')
    expect(errors('toString(1)')[0]?.code).toBe('E_EXPR_UNKNOWN_FUNCTION')
  })

  it('checks arity at compile time', () => {
    expect(errors('abs()')).toEqual([{ code: 'E_EXPR_ARITY', line: 1, column: 1, message: 'abs(x) takes 1 argument, got 0' }])
    expect(errors('round(1, 2, 3)')[0]?.message).toBe('round(x, decimals?) takes 1 to 2 arguments, got 3')
    expect(errors('max()')[0]?.message).toBe('max(x, ...) takes at least 1 arguments, got 0')
    expect(errors('clamp(1)\n + if(1, 2)').map((d) => [d.code, d.line, d.column])).toEqual([
      ['E_EXPR_ARITY', 1, 1], ['E_EXPR_ARITY', 2, 4],
    ])
  })

  it('checks tags only when isTag is given', () => {
    const isTag = (p: string) => p === 'A/Known'
    expect(compileExpression('{A/Unknown} + {A/Known}').ok).toBe(true)
    expect(errors('{A/Known} + {A/Unknown} + {A/Unknown}', { isTag })).toEqual([
      { code: 'E_EXPR_UNKNOWN_TAG', line: 1, column: 13, message: 'unknown tag {A/Unknown}' },
      { code: 'E_EXPR_UNKNOWN_TAG', line: 1, column: 27, message: 'unknown tag {A/Unknown}' },
    ])
  })

  it('returns syntax and limit errors from the parser', () => {
    expect(errors('1 +')[0]?.code).toBe('E_EXPR_SYNTAX')
    expect(errors('x'.repeat(5000))[0]?.code).toBe('E_LIMIT')
    expect(errors('('.repeat(100_000), { maxLength: 200_000 })[0]?.code).toBe('E_LIMIT')
  })
})
