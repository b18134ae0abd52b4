import { parseTime } from './literals.js'
import type { Sink } from './diag.js'

/**
 * Token kinds. Identifiers and keywords share `ID` (the parser knows which words are reserved); `v` holds the
 * upper-cased word, so IEC's case-insensitivity is handled once here.
 */
export type TokKind = 'ID' | 'INT' | 'REAL' | 'TIME' | 'STR' | 'TYPED' | 'OP' | 'EOF'

export interface Token {
  k: TokKind
  /** Start and end offsets in the source. */
  p: number
  e: number
  /** ID: upper-cased word; OP: the operator; literals: source text. */
  v: string
  /** INT / REAL / TIME (ms) value. */
  n: number
  /** STR: the decoded string. */
  s: string
  /** TYPED: upper-cased type prefix (`INT` in `INT#5`) and the literal after `#`. */
  ty?: string
  lit?: Token
}

const OPS2 = new Set([':=', '=>', '<=', '>=', '<>', '..', '**'])
const OPS1 = new Set(['+', '-', '*', '/', '<', '>', '=', '(', ')', '[', ']', ',', ';', ':', '.', '&'])
const TIME_PREFIX = new Set(['T', 'TIME', 'LT', 'LTIME'])
const STRING_ESCAPES = new Map([['$', '$'], ["'", "'"], ['"', '"'], ['L', '\n'], ['N', '\n'], ['P', '\f'], ['R', '\r'], ['T', '\t']])

function isDigit(c: number): boolean { return c >= 48 && c <= 57 }
function isIdStart(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 }
function isIdPart(c: number): boolean { return isIdStart(c) || isDigit(c) }
function isHex(c: number): boolean { return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }

function tok(k: TokKind, p: number, e: number, v: string, n = 0, s = ''): Token {
  return { k, p, e, v, n, s }
}

/**
 * Splits ST source into tokens, skipping whitespace, `(* *)`, `/* *\/` and `//` comments and `{ }` pragmas.
 * Problems (bad characters, unterminated strings or comments, malformed literals) are reported to `sink` and the
 * scan goes on, so the parser still sees the rest of the file.
 */
export function tokenize(src: string, sink: Sink): Token[] {
  const out: Token[] = []
  const n = src.length
  let i = 0
  while (i < n) {
    const c = src.charCodeAt(i)
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff) { i++; continue }
    const start = i
    // Comments and pragmas.
    if (c === 40 && src.charCodeAt(i + 1) === 42) { i = skipBlock(src, i, '*)', sink); continue }
    if (c === 47 && src.charCodeAt(i + 1) === 42) { i = skipBlock(src, i, '*/', sink); continue }
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      while (i < n && src.charCodeAt(i) !== 10) i++
      continue
    }
    if (c === 123) { i = skipBlock(src, i, '}', sink); continue }
    if (isIdStart(c)) {
      let j = i + 1
      while (j < n && isIdPart(src.charCodeAt(j))) j++
      const word = src.slice(i, j).toUpperCase()
      if (src.charCodeAt(j) === 35 /* # */) {
        const t = typedLiteral(src, i, j, word, sink)
        out.push(t)
        i = t.e
        continue
      }
      out.push(tok('ID', i, j, word))
      i = j
      continue
    }
    if (isDigit(c)) {
      const t = number(src, i, sink)
      out.push(t)
      i = t.e
      continue
    }
    if (c === 39 || c === 34) {
      const t = string(src, i, sink)
      out.push(t)
      i = t.e
      continue
    }
    const two = src.slice(i, i + 2)
    if (OPS2.has(two)) { out.push(tok('OP', i, i + 2, two)); i += 2; continue }
    const one = src[i]!
    if (OPS1.has(one)) { out.push(tok('OP', i, i + 1, one)); i++; continue }
    const cp = src.codePointAt(i)!
    const len = cp > 0xffff ? 2 : 1
    sink.error('E_ST_SYNTAX', start, start + len, `unexpected character '${String.fromCodePoint(cp)}'`)
    i += len
  }
  out.push(tok('EOF', n, n, ''))
  return out
}

function skipBlock(src: string, i: number, close: string, sink: Sink): number {
  const end = src.indexOf(close, i + (close === '}' ? 1 : 2))
  if (end < 0) {
    sink.error('E_ST_SYNTAX', i, i + 2, close === '}' ? 'pragma { is never closed' : `comment is never closed with ${close}`)
    return src.length
  }
  return end + close.length
}

/** Digits with `_` separators; returns the end offset. */
function digits(src: string, i: number, ok: (c: number) => boolean): number {
  while (i < src.length) {
    const c = src.charCodeAt(i)
    if (ok(c) || (c === 95 && ok(src.charCodeAt(i + 1)))) i++
    else break
  }
  return i
}

/** Integer, real (`1.5`, `1.5E3`, `1E3`) or based (`16#FF`, `8#17`, `2#1010`) literal starting at a digit. */
function number(src: string, i: number, sink: Sink): Token {
  let j = digits(src, i, isDigit)
  if (src.charCodeAt(j) === 35 /* # */) {
    const base = Number(src.slice(i, j).replace(/_/g, ''))
    const k = digits(src, j + 1, isHex)
    const body = src.slice(j + 1, k).replace(/_/g, '')
    const valid = base === 2 ? /^[01]+$/ : base === 8 ? /^[0-7]+$/ : base === 16 ? /^[0-9A-Fa-f]+$/ : null
    if (!valid || !valid.test(body)) {
      sink.error('E_ST_SYNTAX', i, Math.max(k, j + 1), valid ? `'${src.slice(i, k)}' is not a valid base-${base} number` : `base ${base} is not 2, 8 or 16`)
      return tok('INT', i, Math.max(k, j + 1), src.slice(i, k), 0)
    }
    // parseInt is exact below 2^53; larger (LWORD) literals keep the nearest double.
    const value = body.length <= 13 ? parseInt(body, base) : Number(BigInt(`0${base === 16 ? 'x' : base === 8 ? 'o' : 'b'}${body}`))
    return tok('INT', i, k, src.slice(i, k), value)
  }
  let real = false
  if (src.charCodeAt(j) === 46 && isDigit(src.charCodeAt(j + 1))) {
    real = true
    j = digits(src, j + 1, isDigit)
  }
  const ec = src.charCodeAt(j)
  if (ec === 69 || ec === 101) {
    let k = j + 1
    const sc = src.charCodeAt(k)
    if (sc === 43 || sc === 45) k++
    if (isDigit(src.charCodeAt(k))) {
      real = true
      j = digits(src, k, isDigit)
    }
  }
  const text = src.slice(i, j)
  if (isIdStart(src.charCodeAt(j))) {
    let k = j
    while (k < src.length && isIdPart(src.charCodeAt(k))) k++
    sink.error('E_ST_SYNTAX', i, k, `'${src.slice(i, k)}' is not a valid number or name`)
    return tok(real ? 'REAL' : 'INT', i, k, text, 0)
  }
  return tok(real ? 'REAL' : 'INT', i, j, text, Number(text.replace(/_/g, '')))
}

/** `'...'` (STRING) or `"..."` (WSTRING, treated as STRING) with `$` escapes. */
function string(src: string, i: number, sink: Sink): Token {
  const q = src[i]!
  let j = i + 1
  let value = ''
  while (j < src.length) {
    const ch = src[j]!
    if (ch === q) {
      return tok('STR', i, j + 1, src.slice(i, j + 1), 0, value)
    }
    if (ch === '\n') break
    if (ch === '$') {
      const nx = src[j + 1] ?? ''
      const esc = STRING_ESCAPES.get(nx.toUpperCase())
      if (esc !== undefined) { value += esc; j += 2; continue }
      const hexLen = q === "'" ? 2 : 4
      const hex = src.slice(j + 1, j + 1 + hexLen)
      if (hex.length === hexLen && [...hex].every((h) => isHex(h.charCodeAt(0)))) {
        value += String.fromCharCode(parseInt(hex, 16))
        j += 1 + hexLen
        continue
      }
      sink.error('E_ST_SYNTAX', j, j + 2, `unknown escape '$${nx}' in string`)
      j += 2
      continue
    }
    value += ch
    j++
  }
  sink.error('E_ST_SYNTAX', i, j, 'string is not closed on its line')
  return tok('STR', i, j, src.slice(i, j), 0, value)
}

/** `T#1s500ms`, `INT#5`, `INT#16#FF`, `REAL#-1.5`, `BOOL#TRUE`, `Color#Red`: the prefix ends at `#`. */
function typedLiteral(src: string, i: number, hash: number, prefix: string, sink: Sink): Token {
  if (TIME_PREFIX.has(prefix)) {
    let j = hash + 1
    if (src[j] === '-' || src[j] === '+') j++
    while (j < src.length && (isIdPart(src.charCodeAt(j)) || src[j] === '.')) j++
    const text = src.slice(hash + 1, j)
    const ms = parseTime(text)
    if (ms === null) sink.error('E_ST_SYNTAX', i, j, `'${src.slice(i, j)}' is not a valid duration (e.g. T#1s500ms)`)
    return tok('TIME', i, j, src.slice(i, j), ms ?? 0)
  }
  let j = hash + 1
  let neg = false
  if (src[j] === '-' || src[j] === '+') {
    neg = src[j] === '-'
    j++
  }
  let lit: Token
  const c = src.charCodeAt(j)
  if (isDigit(c)) {
    lit = number(src, j, sink)
    if (neg) lit = { ...lit, n: -lit.n }
  } else if (isIdStart(c)) {
    let k = j
    while (k < src.length && isIdPart(src.charCodeAt(k))) k++
    lit = tok('ID', j, k, src.slice(j, k).toUpperCase())
  } else if (c === 39 || c === 34) {
    lit = string(src, j, sink)
  } else {
    sink.error('E_ST_SYNTAX', i, j, `a literal must follow '${prefix}#'`)
    lit = tok('INT', j, j, '', 0)
  }
  const t = tok('TYPED', i, lit.e, src.slice(i, lit.e))
  t.ty = prefix
  t.lit = lit
  return t
}
