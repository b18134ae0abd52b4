import type { ErrorCode } from '../errors.js'

/** A token; operators and keywords come out normalised (`and` -> `&&`, `TRUE` -> boolean). */
export type Token =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'boolean'; value: boolean; start: number; end: number }
  | { type: 'tag'; value: string; start: number; end: number }
  | { type: 'ident'; value: string; start: number; end: number }
  | { type: 'op'; value: string; start: number; end: number }
  | { type: 'eof'; value: ''; start: number; end: number }

/** Internal: thrown inside the parser and caught at its entry, never out of the public API. */
export class ExprError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly offset: number) {
    super(message)
  }
}

// Maps, not object literals: a word like `constructor` must not find Object.prototype members.
const KEYWORD_OPS = new Map([['and', '&&'], ['or', '||'], ['not', '!']])
const TWO_CHAR_OPS = new Set(['**', '<=', '>=', '==', '!=', '&&', '||'])
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ','])
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/
/** Mirrors format/common.ts TagPath: at most 16 segments. */
const MAX_SEGMENTS = 16
const ESCAPES = new Map([['n', '\n'], ['r', '\r'], ['t', '\t'], ['0', '\0'], ['\\', '\\'], ['"', '"'], ["'", "'"]])

function isDigit(c: number): boolean { return c >= 48 && c <= 57 }
function isIdentStart(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 }
function isIdentPart(c: number): boolean { return isIdentStart(c) || isDigit(c) }

/** Describes a token for messages: `')'`, `end of expression`, `name foo`. */
export function describe(t: Token): string {
  switch (t.type) {
    case 'eof': return 'end of expression'
    case 'op': return `'${t.value}'`
    case 'number': return `number ${t.value}`
    case 'string': return 'a string'
    case 'boolean': return String(t.value)
    case 'tag': return `tag {${t.value}}`
    case 'ident': return `name ${t.value}`
  }
}

/** On-demand tokenizer: the parser pulls one token at a time, so the first error stops the work. */
export class Lexer {
  private pos = 0
  constructor(private readonly src: string) {}

  next(): Token {
    const s = this.src
    let i = this.pos
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++
    const start = i
    if (i >= s.length) {
      this.pos = i
      return { type: 'eof', value: '', start, end: i }
    }
    const c = s.charCodeAt(i)
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) return this.number(start)
    if (c === 34 || c === 39) return this.string(start)
    if (c === 123) return this.tag(start)
    if (isIdentStart(c)) {
      let j = i + 1
      while (j < s.length && isIdentPart(s.charCodeAt(j))) j++
      this.pos = j
      const word = s.slice(i, j)
      const lower = word.toLowerCase()
      if (lower === 'true' || lower === 'false') return { type: 'boolean', value: lower === 'true', start, end: j }
      const op = KEYWORD_OPS.get(lower)
      if (op !== undefined) return { type: 'op', value: op, start, end: j }
      return { type: 'ident', value: word, start, end: j }
    }
    const two = s.slice(i, i + 2)
    if (TWO_CHAR_OPS.has(two)) {
      this.pos = i + 2
      return { type: 'op', value: two, start, end: i + 2 }
    }
    const one = s[i] as string
    if (ONE_CHAR_OPS.has(one)) {
      this.pos = i + 1
      return { type: 'op', value: one, start, end: i + 1 }
    }
    if (one === '=') throw new ExprError('E_EXPR_SYNTAX', "use '==' to compare", i)
    if (one === '&') throw new ExprError('E_EXPR_SYNTAX', "use '&&' or 'and'", i)
    if (one === '|') throw new ExprError('E_EXPR_SYNTAX', "use '||' or 'or'", i)
    if (one === '}') throw new ExprError('E_EXPR_SYNTAX', "unexpected '}'", i)
    const cp = s.codePointAt(i) ?? c
    throw new ExprError('E_EXPR_SYNTAX', `unexpected character '${String.fromCodePoint(cp)}'`, i)
  }

  private number(start: number): Token {
    const s = this.src
    let j = start
    while (isDigit(s.charCodeAt(j))) j++
    if (s[j] === '.') {
      j++
      if (!isDigit(s.charCodeAt(j)) && j - 1 === start) throw new ExprError('E_EXPR_SYNTAX', 'malformed number', start)
      while (isDigit(s.charCodeAt(j))) j++
    }
    if (s[j] === 'e' || s[j] === 'E') {
      let k = j + 1
      if (s[k] === '+' || s[k] === '-') k++
      if (!isDigit(s.charCodeAt(k))) throw new ExprError('E_EXPR_SYNTAX', 'malformed number: exponent has no digits', start)
      while (isDigit(s.charCodeAt(k))) k++
      j = k
    }
    if (isIdentPart(s.charCodeAt(j)) || s[j] === '.') throw new ExprError('E_EXPR_SYNTAX', 'malformed number', start)
    const value = Number(s.slice(start, j))
    if (!Number.isFinite(value)) throw new ExprError('E_EXPR_SYNTAX', 'number is too large', start)
    this.pos = j
    return { type: 'number', value, start, end: j }
  }

  private string(start: number): Token {
    const s = this.src
    const quote = s[start]
    let out = ''
    let j = start + 1
    let chunk = j
    for (;;) {
      if (j >= s.length || s[j] === '\n' || s[j] === '\r') throw new ExprError('E_EXPR_SYNTAX', 'unterminated string', start)
      const ch = s[j]
      if (ch === quote) break
      if (ch !== '\\') { j++; continue }
      out += s.slice(chunk, j)
      const e = s[j + 1] ?? ''
      const simple = ESCAPES.get(e)
      if (simple !== undefined) {
        out += simple
        j += 2
      } else if (e === 'u') {
        const hex = s.slice(j + 2, j + 6)
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new ExprError('E_EXPR_SYNTAX', 'bad \\u escape: needs 4 hex digits', j)
        out += String.fromCharCode(parseInt(hex, 16))
        j += 6
      } else {
        throw new ExprError('E_EXPR_SYNTAX', `unknown escape '\\${e}'`, j)
      }
      chunk = j
    }
    out += s.slice(chunk, j)
    this.pos = j + 1
    return { type: 'string', value: out, start, end: j + 1 }
  }

  private tag(start: number): Token {
    const s = this.src
    const close = s.indexOf('}', start + 1)
    const nl = s.slice(start + 1, close < 0 ? s.length : close).search(/[\n\r{]/)
    if (close < 0 || nl >= 0) throw new ExprError('E_EXPR_SYNTAX', "tag reference has no closing '}'", start)
    const path = s.slice(start + 1, close)
    const segments = path.split('/')
    if (path === '' || segments.length > MAX_SEGMENTS || !segments.every((seg) => SEGMENT.test(seg))) {
      throw new ExprError('E_EXPR_SYNTAX', `'${path}' is not a tag path like {Area/Tank1/Level}`, start)
    }
    this.pos = close + 1
    return { type: 'tag', value: path, start, end: close + 1 }
  }
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(src: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, src.length)
  for (let i = 0; i < end; i++) {
    if (src.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}
