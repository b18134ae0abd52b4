/**
 * A small, strict XML 1.0 reader for PLCopen files. It keeps elements, attributes and text (CDATA included), drops
 * comments and processing instructions, and decodes only the five predefined and numeric character references.
 * A DOCTYPE is refused outright, so no entity can be declared or expanded (no XXE, no billion laughs); every
 * dimension of the input is bounded.
 */
import { TaktError, type ErrorCode } from '../errors.js'

export interface XmlElement {
  type: 'element'
  /** Qualified name as written, e.g. `xhtml:p`. */
  name: string
  /** Name without its prefix; PLCopen content is matched on this. */
  local: string
  attrs: ReadonlyMap<string, string>
  children: XmlNode[]
  line: number
  column: number
}

export interface XmlText {
  type: 'text'
  text: string
}

export type XmlNode = XmlElement | XmlText

export interface XmlLimits {
  /** Characters of the whole document. */
  maxLength: number
  /** Element nesting. */
  maxDepth: number
  /** Elements in the document. */
  maxElements: number
  /** Attributes on one element. */
  maxAttributes: number
  /** Characters of one attribute value or name. */
  maxAttributeLength: number
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxLength: 32_000_000,
  maxDepth: 128,
  maxElements: 2_000_000,
  maxAttributes: 64,
  maxAttributeLength: 65_536,
}

/** A refused document, with the 1-based line and column of the problem. */
export class XmlError extends TaktError {
  readonly line: number
  readonly column: number
  constructor(code: ErrorCode, message: string, line: number, column: number) {
    super(code, `${message} (line ${line}, column ${column})`)
    this.line = line
    this.column = column
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/
const PREDEFINED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]])

/**
 * Parses a document and returns its root element.
 * @throws XmlError with E_PLCOPEN_XML, E_PLCOPEN_DOCTYPE or E_PLCOPEN_LIMIT
 */
export function parseXml(src: string, limits: Partial<XmlLimits> = {}): XmlElement {
  // XML end-of-line handling: every CR LF and lone CR reads as LF.
  return new Reader(src.includes('\r') ? src.replace(/\r\n?/g, '\n') : src, { ...DEFAULT_XML_LIMITS, ...limits }).document()
}

class Reader {
  private i = 0
  private elements = 0

  constructor(private readonly s: string, private readonly lim: XmlLimits) {}

  document(): XmlElement {
    if (this.s.length > this.lim.maxLength) {
      this.fail('E_PLCOPEN_LIMIT', `document is ${this.s.length} characters; the limit is ${this.lim.maxLength}`, 0)
    }
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1
    let root: XmlElement | null = null
    const stack: XmlElement[] = []
    while (this.i < this.s.length) {
      const top = stack[stack.length - 1]
      const lt = this.s.indexOf('<', this.i)
      const textEnd = lt < 0 ? this.s.length : lt
      if (textEnd > this.i) {
        const raw = this.s.slice(this.i, textEnd)
        if (top) this.pushText(top, this.decode(raw, this.i))
        else if (raw.trim() !== '') this.fail('E_PLCOPEN_XML', 'text outside the root element', this.i)
        this.i = textEnd
        continue
      }
      if (this.s.startsWith('<!--', this.i)) this.comment()
      else if (this.s.startsWith('<![CDATA[', this.i)) {
        if (!top) this.fail('E_PLCOPEN_XML', 'CDATA outside the root element', this.i)
        const end = this.s.indexOf(']]>', this.i + 9)
        if (end < 0) this.fail('E_PLCOPEN_XML', 'unterminated CDATA section', this.i)
        this.pushText(top!, this.s.slice(this.i + 9, end))
        this.i = end + 3
      } else if (this.s.startsWith('<!DOCTYPE', this.i) || this.s.startsWith('<!ENTITY', this.i)) {
        this.fail('E_PLCOPEN_DOCTYPE', 'DOCTYPE and entity declarations are not accepted', this.i)
      } else if (this.s.startsWith('<!', this.i)) {
        this.fail('E_PLCOPEN_XML', 'unexpected markup declaration', this.i)
      } else if (this.s.startsWith('<?', this.i)) this.pi(root !== null || stack.length > 0)
      else if (this.s.startsWith('</', this.i)) {
        const at = this.i
        this.i += 2
        const name = this.name()
        this.space()
        this.expect('>')
        const open = stack.pop()
        if (!open) this.fail('E_PLCOPEN_XML', `closing tag </${name}> without an open element`, at)
        if (open!.name !== name) this.fail('E_PLCOPEN_XML', `</${name}> closes <${open!.name}>`, at)
      } else {
        if (!top && root) this.fail('E_PLCOPEN_XML', 'a second root element', this.i)
        const { el, selfClosing } = this.startTag(stack.length)
        if (top) top.children.push(el)
        else root = el
        if (!selfClosing) stack.push(el)
      }
    }
    if (stack.length) this.fail('E_PLCOPEN_XML', `<${stack[stack.length - 1]!.name}> is not closed`, this.s.length)
    if (!root) this.fail('E_PLCOPEN_XML', 'no root element', this.s.length)
    return root!
  }

  private startTag(depth: number): { el: XmlElement; selfClosing: boolean } {
    const at = this.i
    if (depth >= this.lim.maxDepth) this.fail('E_PLCOPEN_LIMIT', `elements nest deeper than ${this.lim.maxDepth} levels`, at)
    if (++this.elements > this.lim.maxElements) this.fail('E_PLCOPEN_LIMIT', `more than ${this.lim.maxElements} elements`, at)
    this.i++
    const name = this.name()
    const attrs = new Map<string, string>()
    for (;;) {
      const hadSpace = this.space()
      const c = this.s[this.i]
      if (c === '>') {
        this.i++
        break
      }
      if (c === '/' && this.s[this.i + 1] === '>') {
        this.i += 2
        const { line, column } = this.position(at)
        return { el: { type: 'element', name, local: localName(name), attrs, children: [], line, column }, selfClosing: true }
      }
      if (c === undefined) this.fail('E_PLCOPEN_XML', `<${name}> is not closed`, at)
      if (!hadSpace) this.fail('E_PLCOPEN_XML', 'expected white space before an attribute', this.i)
      const aAt = this.i
      const an = this.name()
      this.space()
      this.expect('=')
      this.space()
      const q = this.s[this.i]
      if (q !== '"' && q !== "'") this.fail('E_PLCOPEN_XML', 'attribute value must be quoted', this.i)
      const end = this.s.indexOf(q!, this.i + 1)
      if (end < 0) this.fail('E_PLCOPEN_XML', 'unterminated attribute value', this.i)
      if (end - this.i - 1 > this.lim.maxAttributeLength) {
        this.fail('E_PLCOPEN_LIMIT', `attribute ${an} is longer than ${this.lim.maxAttributeLength} characters`, aAt)
      }
      const raw = this.s.slice(this.i + 1, end)
      if (raw.includes('<')) this.fail('E_PLCOPEN_XML', "'<' in an attribute value", this.i)
      if (attrs.has(an)) this.fail('E_PLCOPEN_XML', `duplicate attribute ${an}`, aAt)
      if (attrs.size >= this.lim.maxAttributes) this.fail('E_PLCOPEN_LIMIT', `more than ${this.lim.maxAttributes} attributes`, aAt)
      // XML attribute-value normalisation: literal white space becomes a space; references keep theirs.
      attrs.set(an, this.decode(raw.replace(/[\t\n\r]/g, ' '), this.i + 1))
      this.i = end + 1
    }
    const { line, column } = this.position(at)
    return { el: { type: 'element', name, local: localName(name), attrs, children: [], line, column }, selfClosing: false }
  }

  private pushText(el: XmlElement, text: string): void {
    const last = el.children[el.children.length - 1]
    if (last?.type === 'text') last.text += text
    else el.children.push({ type: 'text', text })
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4)
    if (end < 0) this.fail('E_PLCOPEN_XML', 'unterminated comment', this.i)
    this.i = end + 3
  }

  private pi(afterProlog: boolean): void {
    const at = this.i
    const end = this.s.indexOf('?>', this.i + 2)
    if (end < 0) this.fail('E_PLCOPEN_XML', 'unterminated processing instruction', at)
    this.i += 2
    const target = this.name()
    if (target.toLowerCase() === 'xml' && (afterProlog || at > (this.s.charCodeAt(0) === 0xfeff ? 1 : 0))) {
      this.fail('E_PLCOPEN_XML', 'the XML declaration must come first', at)
    }
    this.i = end + 2
  }

  private name(): string {
    const start = this.i
    if (!NAME_START.test(this.s[this.i] ?? '')) this.fail('E_PLCOPEN_XML', 'expected a name', this.i)
    this.i++
    while (this.i < this.s.length && NAME_CHAR.test(this.s[this.i]!)) {
      if (this.i - start > this.lim.maxAttributeLength) this.fail('E_PLCOPEN_LIMIT', 'name too long', start)
      this.i++
    }
    return this.s.slice(start, this.i)
  }

  private space(): boolean {
    const start = this.i
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++
    return this.i > start
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) this.fail('E_PLCOPEN_XML', `expected '${c}'`, this.i)
    this.i++
  }

  /** Replaces character references in text or an attribute value that starts at `base`. */
  private decode(raw: string, base: number): string {
    if (!raw.includes('&')) return raw
    let out = ''
    let k = 0
    for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', k)) {
      out += raw.slice(k, amp)
      const semi = raw.indexOf(';', amp)
      if (semi < 0 || semi - amp > 12) this.fail('E_PLCOPEN_XML', "'&' must start a reference like &amp;", base + amp)
      const ref = raw.slice(amp + 1, semi)
      if (ref.startsWith('#')) {
        const hex = ref[1] === 'x'
        const digits = ref.slice(hex ? 2 : 1)
        const cp = (hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN
        const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
          (cp >= 0x10000 && cp <= 0x10ffff)
        if (!ok) this.fail('E_PLCOPEN_XML', `&${ref}; is not a valid character`, base + amp)
        out += String.fromCodePoint(cp)
      } else {
        const v = PREDEFINED.get(ref)
        if (v === undefined) this.fail('E_PLCOPEN_XML', `unknown entity &${ref}; (only the five predefined ones are accepted)`, base + amp)
        out += v
      }
      k = semi + 1
    }
    return out + raw.slice(k)
  }

  // Element positions are asked for in document order, so a forward-moving cursor keeps this linear overall.
  private posOffset = 0
  private posLine = 1
  private posLineStart = 0

  private position(offset: number): { line: number; column: number } {
    if (offset < this.posOffset) {
      this.posOffset = 0
      this.posLine = 1
      this.posLineStart = 0
    }
    for (let j = this.s.indexOf('\n', this.posOffset); j >= 0 && j < offset; j = this.s.indexOf('\n', j + 1)) {
      this.posLine++
      this.posLineStart = j + 1
    }
    this.posOffset = offset
    return { line: this.posLine, column: offset - this.posLineStart + 1 }
  }

  private fail(code: ErrorCode, message: string, offset: number): never {
    const { line, column } = this.position(offset)
    throw new XmlError(code, message, line, column)
  }
}

function localName(name: string): string {
  const c = name.indexOf(':')
  return c < 0 ? name : name.slice(c + 1)
}

/** First child element with this local name. */
export function child(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && c.local === local) return c
  return undefined
}

/** Child elements, all or with this local name. */
export function children(el: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const c of el.children) if (c.type === 'element' && (local === undefined || c.local === local)) out.push(c)
  return out
}

/** All text below an element, in document order (xhtml markup inside documentation flattens to its text). */
export function textOf(el: XmlElement): string {
  let out = ''
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.type === 'text') out += c.text
      else walk(c)
    }
  }
  walk(el)
  return out
}
