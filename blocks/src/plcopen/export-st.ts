/** Structured Text files to PLCopen `<dataType>` and `<pou>` elements with an `<ST>` body. */
import type { Diagnostic } from '../errors.js'
import type { PouDecl, Section, TypeDecl, VarDecl } from '../st/ast.js'
import { LineMap, Sink } from '../st/diag.js'
import { tokenize, type Token } from '../st/lexer.js'
import { parseUnit } from '../st/parser.js'
import { documentation, taktAddData } from './common.js'
import { initToXml, typeToXml } from './types.js'
import { cdata, el, type OutElement } from './xml-write.js'

const SECTIONS = new Set(['VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP'])
const LIST_OF: Record<Section, string> = {
  VAR_INPUT: 'inputVars', VAR_OUTPUT: 'outputVars', VAR_IN_OUT: 'inOutVars', VAR: 'localVars', VAR_TEMP: 'tempVars',
}
const POU_TYPE = { PROGRAM: 'program', FUNCTION_BLOCK: 'functionBlock', FUNCTION: 'function' } as const

export interface StExport {
  dataTypes: OutElement[]
  pous: OutElement[]
  /** Syntax errors; a file with errors exports nothing. */
  diagnostics: Diagnostic[]
}

/** Splits one `.st` file into PLCopen elements; each carries the file and its place there in Takt's `<addData>`. */
export function exportStFile(file: string, src: string): StExport {
  const sink = new Sink(new LineMap(src), file)
  const tokens = tokenize(src, sink)
  const { unit } = parseUnit(src, tokens, sink)
  const errors = sink.diagnostics().filter((d) => d.severity === 'error')
  if (errors.length) return { dataTypes: [], pous: [], diagnostics: errors }
  const byStart = new Map<number, number>()
  tokens.forEach((t, k) => byStart.set(t.p, k))
  const x = new FileExporter(file, src, tokens, byStart)
  const items: ({ k: 'type'; d: TypeDecl } | { k: 'pou'; d: PouDecl })[] = [
    ...unit.types.map((d) => ({ k: 'type' as const, d })),
    ...unit.pous.map((d) => ({ k: 'pou' as const, d })),
  ].sort((a, b) => a.d.p - b.d.p)
  const out: StExport = { dataTypes: [], pous: [], diagnostics: [] }
  items.forEach((it, order) => {
    if (it.k === 'type') out.dataTypes.push(x.dataType(it.d, order))
    else out.pous.push(x.pou(it.d, order))
  })
  return out
}

class FileExporter {
  constructor(
    private readonly file: string,
    private readonly src: string,
    private readonly tokens: Token[],
    private readonly byStart: Map<number, number>,
  ) {}

  dataType(d: TypeDecl, order: number): OutElement {
    return el('dataType', { name: d.raw }, [
      el('baseType', {}, [typeToXml(d.type, this.src)]),
      d.init ? el('initialValue', {}, [initToXml(d.init, this.src)]) : undefined,
      taktAddData('source', { file: this.file, order }),
      documentation(this.leading(d.p)),
    ])
  }

  pou(d: PouDecl, order: number): OutElement {
    const iface: OutElement[] = []
    if (d.ret) iface.push(el('returnType', {}, [typeToXml(d.ret, this.src)]))
    // Consecutive variables of one section with the same qualifiers form one varList, keeping declaration order.
    let list: OutElement | null = null
    let key = ''
    for (const v of d.vars) {
      const k = `${v.section}/${v.constant}/${v.retain}`
      if (!list || k !== key) {
        list = el(LIST_OF[v.section], { constant: v.constant ? 'true' : undefined, retain: v.retain ? 'true' : undefined })
        iface.push(list)
        key = k
      }
      list.children.push(this.variable(v))
    }
    return el('pou', { name: d.raw, pouType: POU_TYPE[d.kind] }, [
      el('interface', {}, iface),
      el('body', {}, [el('ST', {}, [el('xhtml:p', {}, [cdata(this.body(d))])])]),
      taktAddData('source', { file: this.file, order }),
      documentation(this.leading(d.p)),
    ])
  }

  private variable(v: VarDecl): OutElement {
    return el('variable', { name: v.raw }, [
      el('type', {}, [typeToXml(v.type, this.src)]),
      v.init ? el('initialValue', {}, [initToXml(v.init, this.src)]) : undefined,
      documentation(this.trailing(v.p)),
    ])
  }

  /** The statements: everything between the last END_VAR (or the header) and END_PROGRAM / END_FUNCTION_BLOCK / ... */
  private body(d: PouDecl): string {
    const t = this.tokens
    let j = (this.byStart.get(d.p) ?? 0) + 2
    if (d.ret) while (j < t.length && t[j]!.p < d.ret.e) j++
    let start = t[j - 1]!.e
    while (j < t.length && t[j]!.k === 'ID' && SECTIONS.has(t[j]!.v)) {
      while (j < t.length && !(t[j]!.k === 'ID' && t[j]!.v === 'END_VAR')) j++
      if (t[j + 1]?.k === 'OP' && t[j + 1]!.v === ';') j++
      start = t[j]!.e
      j++
    }
    let endTok = t.length - 1
    while (endTok > 0 && t[endTok]!.e > d.e) endTok--
    return this.src.slice(start, t[endTok]!.p).replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\s+$/, '')
  }

  /** Comments before a declaration (and before its TYPE keyword), as documentation. */
  private leading(p: number): string | undefined {
    let k = this.byStart.get(p) ?? 0
    let from = k > 0 ? this.tokens[k - 1]!.e : 0
    let gap = this.src.slice(from, p)
    if (k > 0 && this.tokens[k - 1]!.v === 'TYPE') {
      k--
      from = k > 0 ? this.tokens[k - 1]!.e : 0
      gap = this.src.slice(from, this.tokens[k]!.p) + gap
    }
    return commentText(gap)
  }

  /** A comment on the same line after a variable's `;`. */
  private trailing(namePos: number): string | undefined {
    let k = this.byStart.get(namePos) ?? 0
    while (k < this.tokens.length && !(this.tokens[k]!.k === 'OP' && this.tokens[k]!.v === ';')) k++
    const after = this.src.slice(this.tokens[k]?.e ?? this.src.length)
    const m = /^[ \t]*(\(\*[\s\S]*?\*\)|\/\/[^\n]*)/.exec(after)
    return m ? commentText(m[1]!) : undefined
  }
}

/** One `(* ... *)` comment becomes its inner text; anything else is kept as written so it can be restored. */
function commentText(gap: string): string | undefined {
  const t = gap.trim()
  if (t === '') return undefined
  const m = /^\(\*([\s\S]*)\*\)$/.exec(t)
  if (m && !m[1]!.includes('*)') && !m[1]!.includes('(*')) return m[1]!.trim()
  const line = /^\/\/([^\n]*)$/.exec(t)
  if (line) return line[1]!.trim()
  return t
}
