/**
 * The test-file text editor's checks (pure): JSON syntax first, then the scenario schema (blocks' `TestFile`),
 * each problem as a marker at its place in the text (`locateJsonPath`, the loader's own locator).
 */
import { TestFile, locateJsonPath } from '@takt/blocks'
import type { StMarker } from '../st/unit'

export interface TestTextCheck {
  /** The parsed value when the text is JSON (even when the schema refuses it), else undefined. */
  value: unknown
  markers: StMarker[]
}

const ERROR = 8

function at(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length))
  const before = text.slice(0, o)
  const line = before.split('\n').length
  return { line, column: o - before.lastIndexOf('\n') }
}

function marker(text: string, offset: number, code: string, message: string): StMarker {
  const p = at(text, offset)
  // Mark the token at the offset: up to the next delimiter on the line, at least one character.
  const rest = /^[^,\]}\n]*/.exec(text.slice(offset))?.[0] ?? ''
  const len = Math.max(1, Math.min(rest.trimEnd().length, 200))
  return { severity: ERROR, code, message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.line, endColumn: p.column + len }
}

export function checkTestText(text: string): TestTextCheck {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (e) {
    const msg = (e as Error).message
    const pos = /position (\d+)/.exec(msg)
    return { value: undefined, markers: [marker(text, pos ? Number(pos[1]) : syntaxErrorOffset(text), 'E_FILE_JSON', msg)] }
  }
  const r = TestFile.safeParse(value)
  if (r.success) return { value, markers: [] }
  const markers = r.error.issues.slice(0, 50).map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    return marker(text, locateJsonPath(text, path), 'E_SCHEMA', `${path.join('.') || '(file)'}: ${i.message}`)
  })
  return { value, markers }
}

/**
 * Where JSON text first goes wrong, for engines whose JSON.parse message gives no position (V8 before Node 22).
 * Only called on text JSON.parse refused; bounded by the text length (iterative over the nesting).
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++ }
  const stack: string[] = []
  const value = (): boolean => {
    ws()
    const c = text[i]
    if (c === '{' || c === '[') { stack.push(c === '{' ? '}' : ']'); i++; return true }
    if (c === '"') {
      i++
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1
      if (text[i] !== '"') return false
      i++
      return true
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400))
    if (!m) return false
    i += m[0].length
    return true
  }
  // Expect: a value; then per open container, either its close, a comma + next member, or (in objects) key + colon.
  const member = (obj: boolean): boolean => {
    if (!obj) return value()
    ws()
    if (text[i] !== '"' || !value()) return false
    ws()
    if (text[i] !== ':') return false
    i++
    return value()
  }
  if (!value()) return i
  let fresh = true
  while (stack.length > 0) {
    ws()
    const close = stack[stack.length - 1]!
    if (text[i] === close) { stack.pop(); i++; fresh = false; continue }
    if (fresh) {
      // Just opened (or just descended into) a container: its first member.
      const depth = stack.length
      if (!member(close === '}')) return i
      fresh = stack.length > depth
      continue
    }
    if (text[i] !== ',') return i
    i++
    const depth = stack.length
    if (!member(close === '}')) return i
    fresh = stack.length > depth
  }
  ws()
  return i
}
