import { describe, expect, it } from 'vitest'
import { parseExpression } from './parser.js'
import type { ExprNode } from './ast.js'

/** Renders a tree fully parenthesised, so precedence and associativity read at a glance. */
function show(n: ExprNode): string {
  switch (n.type) {
    case 'number': return String(n.value)
    case 'string': return JSON.stringify(n.value)
    case 'boolean': return String(n.value)
    case 'tag': return `{${n.path}}`
    case 'unary': return `(${n.op}${show(n.operand)})`
    case 'binary': return `(${show(n.left)} ${n.op} ${show(n.right)})`
    case 'conditional': return `(${show(n.test)} ? ${show(n.consequent)} : ${show(n.alternate)})`
    case 'call': return `${n.name}(${n.args.map(show).join(', ')})`
  }
}

function tree(src: string): string {
  const r = parseExpression(src)
  if (!r.ok) throw new Error(`parse failed: ${r.diagnostics[0]?.message}`)
  return show(r.ast)
}

function fail(src: string, options?: Parameters<typeof parseExpression>[1]) {
  const r = parseExpression(src, options)
  if (r.ok) throw new Error(`expected ${src} to fail`)
  expect(r.diagnostics).toHaveLength(1)
  return r.diagnostics[0]!
}

describe('parseExpression: precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['7 % 4 * 2', '((7 % 4) * 2)'],
    ['2 ** 3 ** 2', '(2 ** (3 ** 2))'],
    ['-2 ** 2', '(-(2 ** 2))'],
    ['2 ** -1', '(2 ** (-1))'],
    ['- -1', '(-(-1))'],
    ['!a() && b() || c()', '(((!a()) && b()) || c())'],
    ['1 < 2 == true', '((1 < 2) == true)'],
    ['1 + 2 < 3 * 4', '((1 + 2) < (3 * 4))'],
    ['a() || b() && c()', '(a() || (b() && c()))'],
    ['x() ? 1 : y() ? 2 : 3', '(x() ? 1 : (y() ? 2 : 3))'],
    ['x() ? y() ? 1 : 2 : 3', '(x() ? (y() ? 1 : 2) : 3)'],
    ['1 < 2 && 3 > 2 ? "a" : "b"', '(((1 < 2) && (3 > 2)) ? "a" : "b")'],
    ['not true and false or TRUE', '(((!true) && false) || true)'],
    ['{A/B} >= 10 AND {A/C} != 0', '(({A/B} >= 10) && ({A/C} != 0))'],
    ['MAX(1, 2 + 3, {x})', 'max(1, (2 + 3), {x})'],
    ['f()', 'f()'],
  ])('%s', (src, expected) => {
    expect(tree(src)).toBe(expected)
  })
})

describe('parseExpression: literals', () => {
  it.each([
    ['1', '1'], ['2.5', '2.5'], ['1e3', '1000'], ['1.5E-2', '0.015'], ['.5', '0.5'], ['0', '0'],
    ['"text"', '"text"'], ["'text'", '"text"'], ['"a\\"b"', '"a\\"b"'], ["'it\\'s'", '"it\'s"'],
    ['"tab\\there"', '"tab\\there"'], ['"\\u00e9"', '"é"'], ['""', '""'], ['"中文"', '"中文"'],
    ['{Area/Tank-1/Level_2}', '{Area/Tank-1/Level_2}'], ['{_x}', '{_x}'],
  ])('%s', (src, expected) => {
    expect(tree(src)).toBe(expected)
  })

  it('keeps source spans, widened over parentheses', () => {
    const r = parseExpression(' (1 + {T})  * 2')
    if (!r.ok) throw new Error('parse failed')
    expect(r.ast).toMatchObject({ type: 'binary', start: 1, end: 15, left: { type: 'binary', start: 1, end: 10 } })
  })

  it('records the end of a call name for hovers', () => {
    const r = parseExpression('round(1)')
    expect(r.ok && r.ast.type === 'call' && r.ast.nameEnd).toBe(5)
  })
})

describe('parseExpression: errors carry code and position', () => {
  it.each([
    ['', 1, 1, /empty/],
    ['1 +', 1, 4, /ends too early/],
    ['1 + * 2', 1, 5, /unexpected '\*'/],
    ['(1 + 2', 1, 7, /expected '\)'/],
    ['1 + 2)', 1, 6, /unexpected '\)'/],
    ['1 2', 1, 3, /unexpected number 2/],
    ['"abc', 1, 1, /unterminated string/],
    ['"a\\qb"', 1, 3, /unknown escape/],
    ['"\\u12"', 1, 2, /needs 4 hex/],
    ['{Area/Tank1', 1, 1, /no closing/],
    ['{Area//Tank1}', 1, 1, /not a tag path/],
    ['{1abc}', 1, 1, /not a tag path/],
    ['{}', 1, 1, /not a tag path/],
    ['1 = 2', 1, 3, /use '=='/],
    ['1 & 2', 1, 3, /'&&'/],
    ['1 | 2', 1, 3, /'\|\|'/],
    ['1e', 1, 1, /exponent/],
    ['1.2.3', 1, 1, /malformed number/],
    ['12abc', 1, 1, /malformed number/],
    ['1e999', 1, 1, /too large/],
    ['x + 1', 1, 1, /unknown name 'x'.*\{x\}/],
    ['1 ? 2', 1, 6, /expected ':'/],
    ['1 < 2 < 3', 1, 7, /cannot be chained/],
    ['1 == 2 != 3', 1, 8, /cannot be chained/],
    ['f(1,)', 1, 5, /unexpected '\)'/],
    ['1 #', 1, 3, /unexpected character '#'/],
    ['1 +\n  @', 2, 3, /unexpected character '@'/],
    ['"a\nb"', 1, 1, /unterminated/],
  ])('%j', (src, line, column, message) => {
    const d = fail(src)
    expect(d.code).toBe('E_EXPR_SYNTAX')
    expect(d.severity).toBe('error')
    expect({ line: d.line, column: d.column }).toEqual({ line, column })
    expect(d.message).toMatch(message)
  })
})

describe('parseExpression: hostile input is refused with E_LIMIT', () => {
  it('refuses a source over the length limit', () => {
    expect(fail('1+'.repeat(3000) + '1').code).toBe('E_LIMIT')
    expect(fail('12345', { maxLength: 4 }).code).toBe('E_LIMIT')
  })

  it('refuses deep parenthesis nesting without overflowing the stack', () => {
    const deep = '('.repeat(2000) + '1' + ')'.repeat(2000)
    expect(fail(deep).code).toBe('E_LIMIT')
    const huge = '('.repeat(200_000) + '1' + ')'.repeat(200_000)
    expect(fail(huge, { maxLength: 1_000_000 }).code).toBe('E_LIMIT')
  })

  it('refuses deep unary, call, conditional and power nesting', () => {
    expect(fail('-'.repeat(100) + '1').code).toBe('E_LIMIT')
    expect(fail('!'.repeat(100) + 'true').code).toBe('E_LIMIT')
    expect(fail('abs('.repeat(100) + '1' + ')'.repeat(100)).code).toBe('E_LIMIT')
    expect(fail('true ? '.repeat(100) + '1' + ' : 2'.repeat(100)).code).toBe('E_LIMIT')
    expect(fail('2 ** '.repeat(100) + '1').code).toBe('E_LIMIT')
  })

  it('bounds long left-associative chains when the length limit is raised', () => {
    expect(tree('1' + ' + 1'.repeat(500)).startsWith('((((')).toBe(true)
    expect(fail('1' + '+1'.repeat(100_000), { maxLength: 1_000_000 }).code).toBe('E_LIMIT')
  })

  it('accepts nesting up to the limit', () => {
    expect(parseExpression('('.repeat(60) + '1' + ')'.repeat(60)).ok).toBe(true)
    expect(parseExpression('('.repeat(10) + '1' + ')'.repeat(10), { maxDepth: 5 }).ok).toBe(false)
  })

  it('reports non-text input instead of throwing', () => {
    expect(parseExpression(42 as unknown as string).ok).toBe(false)
  })
})
