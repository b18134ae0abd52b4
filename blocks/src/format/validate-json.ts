/**
 * A strict JSON pre-scan that runs before JSON.parse: engines word JSON.parse errors differently and some give no
 * position, while an editor needs line and column. The scan also refuses what JSON.parse would accept but we must
 * not: nesting past a depth limit, arrays past a length limit, prototype keys (`__proto__` would become an object's
 * prototype once zod copies a record) and duplicate keys (JSON.parse silently keeps the last one).
 */
import type { ErrorCode } from '../errors.js'

export interface JsonLimits {
  maxDepth: number
  maxArrayLength: number
}

export interface JsonProblem {
  code: ErrorCode
  message: string
  offset: number
  /** JSON path segments of the value where the problem sits. */
  path: (string | number)[]
}

/** Keys refused anywhere: they reach Object.prototype when a record is looked up or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message)
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

/** Recursive descent over JSON text; recursion depth is bounded by `maxDepth`. */
class Scanner {
  i = 0
  readonly path: (string | number)[] = []
  constructor(readonly s: string, readonly limits: JsonLimits) {}

  fail(code: ErrorCode, message: string, offset = this.i): never {
    throw new Stop({ code, message, offset, path: [...this.path] })
  }

  ws(): void {
    while (this.i < this.s.length && isWs(this.s.charCodeAt(this.i))) this.i++
  }

  unexpected(what: string): never {
    if (this.i >= this.s.length) this.fail('E_FILE_JSON', `unexpected end of file; expected ${what}`)
    const cp = this.s.codePointAt(this.i) ?? 0
    this.fail('E_FILE_JSON', `unexpected character '${String.fromCodePoint(cp)}'; expected ${what}`)
  }

  document(): void {
    this.ws()
    if (this.i >= this.s.length) this.fail('E_FILE_JSON', 'file is empty')
    this.value(0)
    this.ws()
    if (this.i < this.s.length) this.unexpected('end of file after the JSON value')
  }

  value(depth: number): void {
    const c = this.s.charCodeAt(this.i)
    if (c === 123 || c === 91) {
      if (depth >= this.limits.maxDepth) this.fail('E_LIMIT', `nesting deeper than ${this.limits.maxDepth} levels`)
      if (c === 123) this.object(depth + 1)
      else this.array(depth + 1)
    } else if (c === 34) {
      this.string()
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      this.number()
    } else if (!this.word('true') && !this.word('false') && !this.word('null')) {
      this.unexpected('a value')
    }
  }

  word(w: string): boolean {
    if (!this.s.startsWith(w, this.i)) return false
    this.i += w.length
    return true
  }

  object(depth: number): void {
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 125) { this.i++; return }
    const seen = new Set<string>()
    for (;;) {
      if (this.s.charCodeAt(this.i) !== 34) this.unexpected("a property name in double quotes")
      const keyAt = this.i
      const key = this.key()
      this.path.push(key)
      if (FORBIDDEN_KEYS.has(key)) this.fail('E_SCHEMA', `property name "${key}" is not allowed`, keyAt)
      if (seen.has(key)) this.fail('E_DUPLICATE', `property "${key}" appears twice in this object`, keyAt)
      seen.add(key)
      this.ws()
      if (this.s.charCodeAt(this.i) !== 58) this.unexpected("':' after the property name")
      this.i++
      this.ws()
      this.value(depth)
      this.path.pop()
      this.ws()
      const c = this.s.charCodeAt(this.i)
      if (c === 125) { this.i++; return }
      if (c !== 44) this.unexpected("',' or '}'")
      this.i++
      this.ws()
    }
  }

  array(depth: number): void {
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 93) { this.i++; return }
    for (let n = 0; ; n++) {
      if (n >= this.limits.maxArrayLength) this.fail('E_LIMIT', `array longer than ${this.limits.maxArrayLength} items`)
      this.path.push(n)
      this.value(depth)
      this.path.pop()
      this.ws()
      const c = this.s.charCodeAt(this.i)
      if (c === 93) { this.i++; return }
      if (c !== 44) this.unexpected("',' or ']'")
      this.i++
      this.ws()
    }
  }

  /** Scans a string literal; returns whether it contained escapes. */
  string(): boolean {
    const s = this.s
    const start = this.i
    let escaped = false
    let i = this.i + 1
    for (;;) {
      if (i >= s.length) this.fail('E_FILE_JSON', 'unterminated string', start)
      const c = s.charCodeAt(i)
      if (c === 34) break
      if (c < 32) this.fail('E_FILE_JSON', 'control character in string; write it as an escape like \\n', i)
      if (c === 92) {
        escaped = true
        const e = s[i + 1]
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) this.fail('E_FILE_JSON', 'bad \\u escape: needs 4 hex digits', i)
          i += 6
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('E_FILE_JSON', `bad escape '\\${e ?? ''}'`, i)
        i += 2
        continue
      }
      i++
    }
    this.i = i + 1
    return escaped
  }

  /** A property name, decoded (escapes included) so `"__pro\u0074o__"` is caught too. */
  key(): string {
    const start = this.i
    const escaped = this.string()
    const raw = this.s.slice(start, this.i)
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1)
  }

  number(): void {
    const s = this.s
    const start = this.i
    const digit = (k: number): boolean => { const c = s.charCodeAt(k); return c >= 48 && c <= 57 }
    let i = this.i
    if (s.charCodeAt(i) === 45) i++
    if (s.charCodeAt(i) === 48) i++
    else if (digit(i)) while (digit(i)) i++
    else this.fail('E_FILE_JSON', 'malformed number', start)
    if (s.charCodeAt(i) === 46) {
      i++
      if (!digit(i)) this.fail('E_FILE_JSON', 'malformed number: digits must follow the point', start)
      while (digit(i)) i++
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++
      if (s[i] === '+' || s[i] === '-') i++
      if (!digit(i)) this.fail('E_FILE_JSON', 'malformed number: exponent has no digits', start)
      while (digit(i)) i++
    }
    this.i = i
  }

  /**
   * Walks already-valid text along `path` and returns the offset of the deepest part found: the property name
   * for an object member, the value for an array item, so a message points where the user would edit.
   */
  locate(target: readonly (string | number)[]): number {
    this.ws()
    let at = this.i
    for (const seg of target) {
      const c = this.s.charCodeAt(this.i)
      if (c === 123 && typeof seg === 'string') {
        const found = this.seekMember(seg)
        if (found < 0) return at
        at = found
      } else if (c === 91 && typeof seg === 'number') {
        if (!this.seekItem(seg)) return at
        at = this.i
      } else {
        return at
      }
    }
    return at
  }

  private seekMember(name: string): number {
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 125) return -1
    for (;;) {
      const keyAt = this.i
      const key = this.key()
      this.ws()
      this.i++ // ':'
      this.ws()
      if (key === name) return keyAt
      this.value(0)
      this.ws()
      if (this.s.charCodeAt(this.i) !== 44) return -1
      this.i++
      this.ws()
    }
  }

  private seekItem(index: number): boolean {
    this.i++
    this.ws()
    if (this.s.charCodeAt(this.i) === 93) return false
    for (let n = 0; n < index; n++) {
      this.value(0)
      this.ws()
      if (this.s.charCodeAt(this.i) !== 44) return false
      this.i++
      this.ws()
    }
    return true
  }
}

/** Checks JSON text; returns the first problem with its offset, or null when JSON.parse can safely run. */
export function scanJson(text: string, limits: JsonLimits): JsonProblem | null {
  const sc = new Scanner(text, limits)
  try {
    sc.document()
    return null
  } catch (err) {
    if (err instanceof Stop) return err.problem
    return { code: 'E_FILE_JSON', message: 'file is not valid JSON', offset: sc.i, path: [] }
  }
}

/**
 * Offset in valid JSON text of the value at `path` (or of the deepest existing part of it).
 * Skipped values are scanned without a depth limit: only call this on text scanJson accepted.
 */
export function locateJsonPath(text: string, path: readonly (string | number)[]): number {
  const sc = new Scanner(text, { maxDepth: Infinity, maxArrayLength: Infinity })
  try {
    return sc.locate(path)
  } catch {
    return 0
  }
}

/** Segments to a JSON path string: `['tags', 3, 'range']` -> `$.tags[3].range`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$'
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (typeof seg === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += `.${seg}`
    else out += `[${JSON.stringify(String(seg))}]`
  }
  return out
}

/** The inverse of jsonPath; null when `path` is not in that form. */
export function parseJsonPath(path: string): (string | number)[] | null {
  if (!path.startsWith('$')) return null
  const out: (string | number)[] = []
  const re = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y
  re.lastIndex = 1
  while (re.lastIndex < path.length) {
    const m = re.exec(path)
    if (!m) return null
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else out.push(JSON.parse(m[3] as string) as string)
  }
  return out
}

/** 1-based line and column for offsets in one text; line starts are computed once. */
export class LineIndex {
  private starts: number[] | null = null
  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (this.starts === null) {
      const starts = [0]
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1)
      this.starts = starts
    }
    const starts = this.starts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 }
  }
}
