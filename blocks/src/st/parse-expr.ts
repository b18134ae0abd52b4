import type { ErrorCode } from '../errors.js'
import type { Arg, BinOp, Expr } from './ast.js'
import type { Sink } from './diag.js'
import type { Token } from './lexer.js'

/** Nesting deeper than this (expressions, statements, types together) is refused: no stack overflow on hostile input. */
export const MAX_DEPTH = 100
/**
 * Expression trees deeper than this are refused too. Operator chains (`a + b + c ...`) are parsed in a loop, not by
 * recursion, but the checker and code generator walk the tree they build recursively.
 */
export const MAX_TREE_DEPTH = 400

/** A syntax error at a token; caught at the nearest statement or declaration and reported. */
export class ParseError extends Error {
  constructor(readonly tok: Token, message: string, readonly code: ErrorCode = 'E_ST_SYNTAX') {
    super(message)
  }
}

/** Too deep to go on: reported once, and the parse stops. */
export class FatalParse extends Error {
  constructor(readonly tok: Token, message: string) {
    super(message)
  }
}

/** Words that cannot name a variable, type or POU. */
export const KEYWORDS = new Set([
  'PROGRAM', 'END_PROGRAM', 'FUNCTION', 'END_FUNCTION', 'FUNCTION_BLOCK', 'END_FUNCTION_BLOCK', 'TYPE', 'END_TYPE',
  'STRUCT', 'END_STRUCT', 'VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'VAR_GLOBAL', 'VAR_EXTERNAL',
  'END_VAR', 'CONSTANT', 'RETAIN', 'NON_RETAIN', 'PERSISTENT', 'ARRAY', 'OF', 'AT', 'IF', 'THEN', 'ELSIF', 'ELSE',
  'END_IF', 'CASE', 'END_CASE', 'FOR', 'TO', 'BY', 'DO', 'END_FOR', 'WHILE', 'END_WHILE', 'REPEAT', 'UNTIL',
  'END_REPEAT', 'EXIT', 'CONTINUE', 'RETURN', 'AND', 'OR', 'XOR', 'NOT', 'MOD', 'TRUE', 'FALSE',
])

const BIN_LEVELS: readonly (readonly string[])[] = [
  ['OR'], ['XOR'], ['AND', '&'], ['=', '<>'], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', 'MOD'],
]

/** Token access, error helpers and the expression grammar (IEC 61131-3 ed.3 precedence). */
export class ExprParser {
  protected i = 0
  private depth = 0
  private readonly treeDepth = new WeakMap<Expr, number>()

  constructor(protected readonly tokens: Token[], readonly sink: Sink, protected readonly src: string) {}

  get t(): Token {
    return this.tokens[this.i]!
  }

  peek(n: number): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!
  }

  next(): Token {
    const t = this.tokens[this.i]!
    if (t.k !== 'EOF') this.i++
    return t
  }

  raw(t: Token): string {
    return this.src.slice(t.p, t.e)
  }

  isOp(v: string): boolean {
    return this.t.k === 'OP' && this.t.v === v
  }

  isWord(v: string): boolean {
    return this.t.k === 'ID' && this.t.v === v
  }

  isKeyword(t: Token): boolean {
    return t.k === 'ID' && KEYWORDS.has(t.v)
  }

  expectOp(v: string): Token {
    if (!this.isOp(v)) throw new ParseError(this.t, `expected '${v}', found ${this.describe(this.t)}`)
    return this.next()
  }

  expectWord(v: string): Token {
    if (!this.isWord(v)) throw new ParseError(this.t, `expected ${v}, found ${this.describe(this.t)}`)
    return this.next()
  }

  ident(what: string): Token {
    const t = this.t
    if (t.k !== 'ID') throw new ParseError(t, `expected ${what}, found ${this.describe(t)}`)
    if (KEYWORDS.has(t.v)) throw new ParseError(t, `${t.v} is a keyword and cannot be used as ${what}`)
    return this.next()
  }

  describe(t: Token): string {
    switch (t.k) {
      case 'EOF': return 'end of file'
      case 'ID': return KEYWORDS.has(t.v) ? t.v : `'${this.raw(t)}'`
      case 'OP': return `'${t.v}'`
      case 'STR': return 'a string'
      default: return `'${this.raw(t)}'`
    }
  }

  report(err: ParseError): void {
    this.sink.error(err.code, err.tok.p, Math.max(err.tok.e, err.tok.p + 1), err.message)
  }

  /** Skips to one of `stops` (words or operators) or EOF; with `consume`, also past it. */
  skipUntil(stops: readonly string[], consume: boolean): void {
    while (this.t.k !== 'EOF' && !((this.t.k === 'ID' || this.t.k === 'OP') && stops.includes(this.t.v))) this.next()
    if (consume && this.t.k !== 'EOF') {
      this.next()
      if (this.isOp(';')) this.next()
    }
  }

  /** Runs one level of recursive descent under the depth limit. */
  nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new FatalParse(this.t, `nesting deeper than ${MAX_DEPTH} levels`)
    try {
      return fn()
    } finally {
      this.depth--
    }
  }

  expr(): Expr {
    return this.binary(0)
  }

  /** Records the depth of a new node over its children; refuses trees deeper than MAX_TREE_DEPTH. */
  private tree<T extends Expr>(x: T, ...kids: Expr[]): T {
    let d = 0
    for (const k of kids) d = Math.max(d, this.treeDepth.get(k) ?? 1)
    if (d + 1 > MAX_TREE_DEPTH) throw new FatalParse(this.t, `expression nested deeper than ${MAX_TREE_DEPTH} levels; split it into several statements`)
    this.treeDepth.set(x, d + 1)
    return x
  }

  /** Operator levels loop rather than recurse per operator; their recursion depth is fixed (7 per operand). */
  private binary(level: number): Expr {
    if (level === BIN_LEVELS.length) return this.power()
    const ops = BIN_LEVELS[level]!
    let a = this.binary(level + 1)
    while ((this.t.k === 'OP' || this.t.k === 'ID') && ops.includes(this.t.v)) {
      const op = this.next().v
      const b = this.binary(level + 1)
      a = this.tree({ k: 'bin', op: (op === '&' ? 'AND' : op) as BinOp, a, b, p: a.p, e: b.e }, a, b)
    }
    return a
  }

  private power(): Expr {
    let a = this.unary()
    while (this.isOp('**')) {
      this.next()
      const b = this.unary()
      a = this.tree({ k: 'bin', op: '**', a, b, p: a.p, e: b.e }, a, b)
    }
    return a
  }

  private unary(): Expr {
    return this.nested((): Expr => {
      const t = this.t
      if (this.isOp('-') || this.isOp('+') || this.isWord('NOT')) {
        this.next()
        const x = this.unary()
        // Fold a sign into a plain number literal, so `-32768` is an INT constant, not a negated 32768.
        if (t.v === '-' && (x.k === 'num' || x.k === 'time') && x.p === t.e) return { ...x, v: -x.v, p: t.p }
        return this.tree({ k: 'unary', op: t.v as '-' | '+' | 'NOT', x, p: t.p, e: x.e }, x)
      }
      return this.postfix()
    })
  }

  /** A primary with `.member`, `[index]` and, on a plain name, `(args)` suffixes. */
  postfix(): Expr {
    let x = this.primary()
    for (;;) {
      if (this.isOp('.')) {
        this.next()
        const n = this.t
        if (n.k === 'INT') throw new ParseError(n, 'bit access (x.3) is not supported; use SHR and AND', 'E_UNSUPPORTED')
        const m = this.ident('a member name')
        x = this.tree({ k: 'member', obj: x, name: m.v, raw: this.raw(m), np: m.p, p: x.p, e: m.e }, x)
      } else if (this.isOp('[')) {
        this.next()
        const idx: Expr[] = [this.expr()]
        while (this.isOp(',')) {
          this.next()
          idx.push(this.expr())
        }
        const end = this.expectOp(']')
        x = this.tree({ k: 'index', obj: x, idx, p: x.p, e: end.e }, x, ...idx)
      } else if (this.isOp('(') && x.k === 'name') {
        const args = this.args()
        x = this.tree({ k: 'call', fn: x.name, raw: x.raw, fp: x.p, fe: x.e, args: args.args, p: x.p, e: args.end }, ...args.args.map((a) => a.value))
      } else {
        return x
      }
    }
  }

  /** `(a, b)` or `(IN := a, Q => b)`. */
  args(): { args: Arg[]; end: number } {
    this.expectOp('(')
    const args: Arg[] = []
    if (!this.isOp(')')) {
      for (;;) {
        const t = this.t
        const nx = this.peek(1)
        if (t.k === 'ID' && nx.k === 'OP' && (nx.v === ':=' || nx.v === '=>')) {
          this.next()
          this.next()
          const value = nx.v === '=>' ? this.postfix() : this.expr()
          args.push({ name: t.v, raw: this.raw(t), out: nx.v === '=>', value, p: t.p, e: value.e })
        } else {
          const value = this.expr()
          args.push({ out: false, value, p: value.p, e: value.e })
        }
        if (!this.isOp(',')) break
        this.next()
      }
    }
    const end = this.expectOp(')')
    return { args, end: end.e }
  }

  /** A literal or a name; exposed for array-initializer repeat counts. */
  expr0(): Expr {
    return this.primary()
  }

  private primary(): Expr {
    const t = this.t
    switch (t.k) {
      case 'INT':
      case 'REAL':
        this.next()
        return { k: 'num', v: t.n, real: t.k === 'REAL', p: t.p, e: t.e }
      case 'TIME':
        this.next()
        return { k: 'time', v: t.n, p: t.p, e: t.e }
      case 'STR':
        this.next()
        return { k: 'str', v: t.s, p: t.p, e: t.e }
      case 'TYPED':
        this.next()
        return this.typed(t)
      case 'ID':
        if (t.v === 'TRUE' || t.v === 'FALSE') {
          this.next()
          return { k: 'bool', v: t.v === 'TRUE', p: t.p, e: t.e }
        }
        if (KEYWORDS.has(t.v)) throw new ParseError(t, `expected an expression, found ${t.v}`)
        this.next()
        return { k: 'name', name: t.v, raw: this.raw(t), p: t.p, e: t.e }
      case 'OP':
        if (t.v === '(') {
          this.next()
          const x = this.expr()
          const end = this.expectOp(')')
          return this.tree({ ...x, p: t.p, e: end.e }, x)
        }
        throw new ParseError(t, `expected an expression, found '${t.v}'`)
      default:
        throw new ParseError(t, `expected an expression, found ${this.describe(t)}`)
    }
  }

  private typed(t: Token): Expr {
    const lit = t.lit!
    const ty = t.ty!
    if (lit.k === 'ID') {
      if (ty === 'BOOL' && (lit.v === 'TRUE' || lit.v === 'FALSE')) return { k: 'bool', v: lit.v === 'TRUE', p: t.p, e: t.e }
      // `Color#Red`: a qualified enumeration value.
      return { k: 'name', name: lit.v, raw: this.src.slice(lit.p, lit.e), qual: ty, p: t.p, e: t.e } as Expr
    }
    if (lit.k === 'STR') return { k: 'str', v: lit.s, typed: ty, p: t.p, e: t.e } as Expr
    if (ty === 'BOOL') {
      if (lit.n !== 0 && lit.n !== 1) throw new ParseError(t, 'BOOL# takes 0, 1, TRUE or FALSE')
      return { k: 'bool', v: lit.n === 1, p: t.p, e: t.e }
    }
    return { k: 'num', v: lit.n, real: lit.k === 'REAL', typed: ty, p: t.p, e: t.e }
  }
}
