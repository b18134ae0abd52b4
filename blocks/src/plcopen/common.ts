/** Namespaces, Takt's private `<addData>`, documentation and IEC literals shared by import and export. */
import type { Diagnostic, ErrorCode } from '../errors.js'
import { formatTime, parseTime } from '../st/literals.js'
import { child, children, textOf, type XmlElement } from './xml-read.js'
import { el, text, type OutElement } from './xml-write.js'

export const NS_TC6 = 'http://www.plcopen.org/xml/tc6_0201'
export const NS_XHTML = 'http://www.w3.org/1999/xhtml'
/** Names Takt's `<addData><data>` and the `takt:` elements inside it; other tools keep it (`handleUnknown="preserve"`). */
export const NS_TAKT = 'urn:takt:plcopen:1'

/** `<addData>` holding one `takt:` element. */
export function taktAddData(local: string, attrs: Record<string, string | number | boolean | undefined>, kids: OutElement[] = []): OutElement {
  return el('addData', {}, [el('data', { name: NS_TAKT, handleUnknown: 'preserve' }, [el(`takt:${local}`, attrs, kids)])])
}

/** The `takt:` element of an element's `<addData>`, when Takt wrote one. */
export function taktData(e: XmlElement, local: string): XmlElement | undefined {
  const add = child(e, 'addData')
  if (!add) return undefined
  for (const d of children(add, 'data')) {
    if (d.attrs.get('name') !== NS_TAKT) continue
    const found = child(d, local)
    if (found) return found
  }
  return undefined
}

export function documentation(doc: string | undefined): OutElement | undefined {
  if (doc === undefined || doc === '') return undefined
  return el('documentation', {}, [el('xhtml:p', {}, [text(doc)])])
}

/** Documentation text of an element: xhtml markup flattened, surrounding white space trimmed. */
export function docOf(e: XmlElement): string | undefined {
  const d = child(e, 'documentation')
  if (!d) return undefined
  const t = textOf(d).trim()
  return t === '' ? undefined : t
}

/** Collects import diagnostics with the position of the element they are about. */
export class DiagList {
  readonly items: Diagnostic[] = []

  add(code: ErrorCode, severity: 'error' | 'warning', message: string, at?: XmlElement): void {
    const d: Diagnostic = { code, severity, message }
    if (at) {
      d.line = at.line
      d.column = at.column
    }
    this.items.push(d)
  }

  warn(message: string, at?: XmlElement): void {
    this.add('E_PLCOPEN_UNSUPPORTED', 'warning', message, at)
  }
}

/** An FBD constant as IEC writes it; TIME pins carry milliseconds and get a duration literal. */
export function formatConstant(v: number | boolean, pinType: string | undefined): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (pinType === 'TIME') {
    const t = formatTime(v)
    if (parseTime(t.slice(2)) === v) return t
    return `T#${v}ms`
  }
  return String(v)
}

const TIME_LITERAL = /^(?:T|TIME|LT|LTIME)#(.+)$/i
const TYPED_LITERAL = /^([A-Za-z_]+)#(.+)$/

/** Parses an IEC literal (`TRUE`, `-1.5`, `16#FF`, `T#1s500ms`, `REAL#2.5`, `BOOL#1`); null when it is not one. */
export function parseConstant(src: string): number | boolean | null {
  const s = src.trim()
  const up = s.toUpperCase()
  if (up === 'TRUE') return true
  if (up === 'FALSE') return false
  const tm = TIME_LITERAL.exec(s)
  if (tm) return parseTime(tm[1]!)
  const typed = TYPED_LITERAL.exec(s)
  if (typed && !/^(2|8|16)$/.test(typed[1]!)) {
    const inner = parseConstant(typed[2]!)
    if (typed[1]!.toUpperCase() === 'BOOL' && typeof inner === 'number') return inner !== 0
    return inner
  }
  const based = /^([+-]?)(2|8|16)#([0-9A-Fa-f_]+)$/.exec(s)
  if (based) {
    const n = parseInt(based[3]!.replace(/_/g, ''), Number(based[2]))
    return Number.isFinite(n) ? (based[1] === '-' ? -n : n) : null
  }
  if (/^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(s)) {
    const n = Number(s.replace(/_/g, ''))
    return Number.isFinite(n) ? n : null
  }
  return null
}

/** IEC identifier from a Takt name (`-` is allowed in Takt names, not in IEC ones). */
export function iecName(name: string): string {
  return name.replace(/-/g, '_')
}
