/**
 * Where the cursor is in Structured Text, told from the text before it: inside a comment, a declaration section,
 * a type position, after `inst.`, or in code. A light scan (comments and strings blanked), not a parse: it has to
 * answer on every keystroke, also while the source does not compile.
 */

export type StSection = 'VAR' | 'VAR_INPUT' | 'VAR_OUTPUT' | 'VAR_IN_OUT' | 'VAR_TEMP' | null

export type StCursor =
  | { at: 'comment'; prefix: string }
  | { at: 'member'; owner: string; prefix: string }
  | { at: 'type'; section: StSection; prefix: string }
  | { at: 'declare'; section: Exclude<StSection, null>; prefix: string }
  | { at: 'code'; prefix: string }

/** Blank out comments, pragmas and string literals (same length, so offsets still match). */
export function blankComments(text: string): { text: string; openComment: boolean } {
  const n = text.length
  const blank = (s: string) => s.replace(/[^\n]/g, ' ')
  let out = ''
  let open = false
  let i = 0
  while (i < n) {
    const c = text[i]!
    let stop = -1
    if (text.startsWith('(*', i) || c === '{') {
      const close = text.indexOf(c === '{' ? '}' : '*)', i + (c === '{' ? 1 : 2))
      stop = close < 0 ? n : close + (c === '{' ? 1 : 2)
      if (close < 0) open = true
    } else if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i)
      stop = nl < 0 ? n : nl
      if (nl < 0) open = true
    } else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '$' ? 2 : 1
      stop = j < n && text[j] === c ? j + 1 : Math.min(j, n)
    }
    if (stop < 0) {
      out += c
      i++
    } else {
      out += blank(text.slice(i, stop))
      i = stop
    }
  }
  return { text: out, openComment: open }
}

const SECTION_RE = /\b(VAR_INPUT|VAR_OUTPUT|VAR_IN_OUT|VAR_TEMP|VAR|END_VAR)\b/gi
const IDENT_TAIL = /[A-Za-z_][A-Za-z0-9_]*$/

/** The cursor context for `before`, the source text from the start of the file to the cursor. */
export function stCursor(before: string): StCursor {
  const { text, openComment } = blankComments(before)
  const lineStart = before.lastIndexOf('\n') + 1
  const rawLine = before.slice(lineStart)
  const prefix = IDENT_TAIL.exec(rawLine)?.[0] ?? ''
  if (openComment) {
    // A comment holds free text: the prefix is the word being typed, slashes included (a tag path).
    return { at: 'comment', prefix: /[A-Za-z0-9_/.-]*$/.exec(rawLine)?.[0] ?? '' }
  }
  const line = text.slice(lineStart)
  const member = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(line)
  if (member) return { at: 'member', owner: member[1]!, prefix: member[2] ?? '' }
  let section: StSection = null
  for (const m of text.matchAll(SECTION_RE)) {
    const k = m[1]!.toUpperCase()
    section = k === 'END_VAR' ? null : (k as Exclude<StSection, null>)
  }
  // `name : TY|` in a declaration, or `: TY|` of a FUNCTION's return type (outside any section).
  if (/:\s*[A-Za-z_0-9]*$/.test(line) && !/:=\s*[A-Za-z_0-9]*$/.test(line)) {
    if (section !== null || /\bFUNCTION\s+[A-Za-z_][A-Za-z0-9_]*\s*:\s*[A-Za-z_0-9]*$/i.test(line)) return { at: 'type', section, prefix }
  }
  if (section !== null && /^\s*[A-Za-z_0-9]*$/.test(line)) return { at: 'declare', section, prefix }
  return { at: 'code', prefix }
}
