import type { Diagnostic } from '../errors.js'
import type { BinaryOp, ExprNode, UnaryOp } from './ast.js'
import { ExprError, Lexer, describe, lineColumn } from './lexer.js'
import type { Token } from './lexer.js'

/** Safety limits against hostile input; defaults suit screen bindings and derived tags. */
export interface ParseOptions {
  /** Longest accepted source, in UTF-16 code units (default 4096). */
  maxLength?: number
  /** Deepest nesting of parentheses, calls, unary operators and conditionals (default 64). */
  maxDepth?: number
}

export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; diagnostics: Diagnostic[] }

export const DEFAULT_MAX_LENGTH = 4096
export const DEFAULT_MAX_DEPTH = 64
/** Left-associative chains (`a + b + c ...`) deepen the tree without recursion in the parser; bound them too. */
const CHAIN_FACTOR = 16

/** Binary precedence, low to high; `**` and unary operators sit above these and are parsed separately. */
const PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
}
const EQUALITY = 3
const RELATIONAL = 4

/** Builds a diagnostic with 1-based line/column from an offset into `src`. */
export function exprDiagnostic(src: string, err: ExprError): Diagnostic {
  const { line, column } = lineColumn(src, err.offset)
  return { code: err.code, severity: 'error', message: err.message, line, column }
}

/**
 * Parses an expression into a syntax tree. Never throws: errors come back as diagnostics
 * (E_EXPR_SYNTAX with line/column, or E_LIMIT for input over the length or depth limits).
 * @example parseExpression('{Tank1/Level} > 80 ? "high" : "ok"')
 */
export function parseExpression(source: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH
  if (typeof source !== 'string') {
    return { ok: false, diagnostics: [{ code: 'E_EXPR_SYNTAX', severity: 'error', message: 'expression must be text', line: 1, column: 1 }] }
  }
  if (source.length > maxLength) {
    return { ok: false, diagnostics: [{ code: 'E_LIMIT', severity: 'error', message: `expression is longer than ${maxLength} characters`, line: 1, column: 1 }] }
  }
  try {
    return { ok: true, ast: new Parser(source, options.maxDepth ?? DEFAULT_MAX_DEPTH).parse() }
  } catch (err) {
    if (err instanceof ExprError) return { ok: false, diagnostics: [exprDiagnostic(source, err)] }
    // A RangeError here would mean the depth limits failed; report rather than crash the caller.
    return { ok: false, diagnostics: [{ code: 'E_LIMIT', severity: 'error', message: 'expression is too complex', line: 1, column: 1 }] }
  }
}

class Parser {
  private readonly lexer: Lexer
  private tok: Token
  /** Current recursion nesting (parentheses, calls, unary, conditionals, `**`). */
  private nest = 0
  /** Upper bound of the tree depth built so far, including left-associative chains. */
  private level = 0
  private readonly maxLevel: number

  constructor(private readonly src: string, private readonly maxDepth: number) {
    this.lexer = new Lexer(src)
    this.tok = this.lexer.next()
    this.maxLevel = maxDepth * CHAIN_FACTOR
  }

  parse(): ExprNode {
    if (this.tok.type === 'eof') throw new ExprError('E_EXPR_SYNTAX', 'expression is empty', 0)
    const node = this.expression()
    if (!this.atEnd()) throw this.unexpected()
    return node
  }

  // A method, not an inline check: TypeScript would keep the narrowing of `this.tok` across calls that advance it.
  private atEnd(): boolean {
    return this.tok.type === 'eof'
  }

  private advance(): Token {
    const t = this.tok
    this.tok = this.lexer.next()
    return t
  }

  private isOp(value: string): boolean {
    return this.tok.type === 'op' && this.tok.value === value
  }

  private expect(value: string, context: string): Token {
    if (!this.isOp(value)) throw new ExprError('E_EXPR_SYNTAX', `expected '${value}' ${context} but found ${describe(this.tok)}`, this.tok.start)
    return this.advance()
  }

  private unexpected(): ExprError {
    return new ExprError('E_EXPR_SYNTAX', `unexpected ${describe(this.tok)}`, this.tok.start)
  }

  private enter(offset: number): void {
    this.nest++
    this.level++
    if (this.nest > this.maxDepth || this.level > this.maxLevel) {
      throw new ExprError('E_LIMIT', `expression nests deeper than ${this.maxDepth} levels`, offset)
    }
  }

  private leave(savedLevel: number): void {
    this.nest--
    this.level = savedLevel
  }

  /** conditional: `test ? a : b`, right-associative. */
  private expression(): ExprNode {
    const saved = this.level
    this.enter(this.tok.start)
    const test = this.binary(1)
    let node = test
    if (this.isOp('?')) {
      this.advance()
      const consequent = this.expression()
      this.expect(':', "after the '?' branch")
      const alternate = this.expression()
      node = { type: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end }
    }
    this.leave(saved)
    return node
  }

  /** Precedence climbing over the binary table; comparisons do not chain (`a < b < c` is refused). */
  private binary(minPrec: number): ExprNode {
    const saved = this.level
    let left = this.unary()
    let lastPrec = 0
    for (;;) {
      const t = this.tok
      const prec = t.type === 'op' ? PRECEDENCE[t.value] : undefined
      if (prec === undefined || prec < minPrec) break
      if ((prec === EQUALITY || prec === RELATIONAL) && lastPrec === prec) {
        throw new ExprError('E_EXPR_SYNTAX', `comparisons cannot be chained; combine them with '&&'`, t.start)
      }
      this.advance()
      if (++this.level > this.maxLevel) {
        throw new ExprError('E_LIMIT', `expression nests deeper than ${this.maxDepth} levels`, t.start)
      }
      const right = this.binary(prec + 1)
      left = { type: 'binary', op: t.value as BinaryOp, left, right, start: left.start, end: right.end }
      lastPrec = prec
    }
    this.level = saved
    return left
  }

  /** Unary `-` and `!` bind looser than `**`: `-2 ** 2` is -4, as in mathematics. */
  private unary(): ExprNode {
    const t = this.tok
    if (t.type === 'op' && (t.value === '-' || t.value === '!')) {
      const saved = this.level
      this.enter(t.start)
      this.advance()
      const operand = this.unary()
      this.leave(saved)
      return { type: 'unary', op: t.value as UnaryOp, operand, start: t.start, end: operand.end }
    }
    return this.power()
  }

  /** `**` is right-associative and its right side may carry a sign: `2 ** -1`. */
  private power(): ExprNode {
    const base = this.primary()
    if (!this.isOp('**')) return base
    const saved = this.level
    this.enter(this.tok.start)
    this.advance()
    const exponent = this.unary()
    this.leave(saved)
    return { type: 'binary', op: '**', left: base, right: exponent, start: base.start, end: exponent.end }
  }

  private primary(): ExprNode {
    const t = this.tok
    switch (t.type) {
      case 'number':
        this.advance()
        return { type: 'number', value: t.value, start: t.start, end: t.end }
      case 'string':
        this.advance()
        return { type: 'string', value: t.value, start: t.start, end: t.end }
      case 'boolean':
        this.advance()
        return { type: 'boolean', value: t.value, start: t.start, end: t.end }
      case 'tag':
        this.advance()
        return { type: 'tag', path: t.value, start: t.start, end: t.end }
      case 'ident':
        return this.call(t)
      case 'op':
        if (t.value === '(') {
          this.advance()
          const inner = this.expression()
          const close = this.expect(')', 'to close the parenthesis')
          // Widen the span to the parentheses so editor hovers cover what the user sees.
          return { ...inner, start: t.start, end: close.end }
        }
        throw this.unexpected()
      case 'eof':
        throw new ExprError('E_EXPR_SYNTAX', 'expression ends too early', t.start)
    }
  }

  private call(name: Token & { type: 'ident' }): ExprNode {
    this.advance()
    if (!this.isOp('(')) {
      throw new ExprError('E_EXPR_SYNTAX', `unknown name '${name.value}'; write tag references in braces, like {${name.value}}`, name.start)
    }
    const saved = this.level
    this.enter(name.start)
    this.advance()
    const args: ExprNode[] = []
    if (!this.isOp(')')) {
      for (;;) {
        args.push(this.expression())
        if (!this.isOp(',')) break
        this.advance()
      }
    }
    const close = this.expect(')', `to close the call of ${name.value}`)
    this.leave(saved)
    return { type: 'call', name: name.value.toLowerCase(), nameEnd: name.end, args, start: name.start, end: close.end }
  }
}
