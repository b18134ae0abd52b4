/** PLCopen ST POUs and data types back to Structured Text, with VAR sections regenerated from the interface. */
import { docOf, type DiagList } from './common.js'
import { initFromXml, typeDeclFromXml, typeFromXml } from './types.js'
import { child, children, textOf, type XmlElement } from './xml-read.js'

const SECTION_OF: Record<string, string> = {
  inputVars: 'VAR_INPUT', outputVars: 'VAR_OUTPUT', inOutVars: 'VAR_IN_OUT', localVars: 'VAR', tempVars: 'VAR_TEMP',
}
const KIND_OF: Record<string, string> = { program: 'PROGRAM', functionBlock: 'FUNCTION_BLOCK', function: 'FUNCTION' }

/** A comment holding documentation; text that already is a comment (Takt keeps those as written) stays as it is. */
export function commentFor(doc: string | undefined, indent = ''): string {
  if (doc === undefined) return ''
  if (/^(\(\*|\/\*|\/\/)/.test(doc)) return `${indent}${doc}\n`
  return `${indent}(* ${doc.replace(/\*\)/g, '* )').replace(/\(\*/g, '( *')} *)\n`
}

/** ST text of a `<pou>` whose body is `<ST>`. */
export function stPouSource(pou: XmlElement, st: XmlElement, diags: DiagList): string {
  const name = pou.attrs.get('name') ?? 'pou'
  const where = `POU ${name}`
  const kind = KIND_OF[pou.attrs.get('pouType') ?? ''] ?? 'PROGRAM'
  if (!KIND_OF[pou.attrs.get('pouType') ?? '']) {
    diags.add('E_PLCOPEN_FORMAT', 'warning', `${where}: pouType "${pou.attrs.get('pouType') ?? ''}" unknown; imported as PROGRAM`, pou)
  }
  const iface = child(pou, 'interface')
  const ret = iface ? child(iface, 'returnType') : undefined
  let out = commentFor(docOf(pou))
  out += `${kind} ${name}${kind === 'FUNCTION' && ret ? ` : ${typeFromXml(ret, diags, where)}` : ''}\n`
  for (const list of iface ? children(iface) : []) {
    if (list.local === 'returnType' || list.local === 'documentation' || list.local === 'addData') continue
    const section = SECTION_OF[list.local]
    if (!section) {
      diags.warn(`${where}: <${list.local}> (${list.local.replace(/Vars$/, '').toUpperCase()} variables) is not supported; skipped`, list)
      continue
    }
    const quals = `${list.attrs.get('constant') === 'true' ? ' CONSTANT' : ''}${list.attrs.get('retain') === 'true' || list.attrs.get('persistent') === 'true' ? ' RETAIN' : ''}`
    out += `${section}${quals}\n`
    for (const v of children(list, 'variable')) out += variableLine(v, diags, where)
    out += 'END_VAR\n'
  }
  const body = stText(st).replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '')
  if (body) out += `\n${body}\n`
  out += `END_${kind}\n`
  return out
}

function variableLine(v: XmlElement, diags: DiagList, where: string): string {
  const name = v.attrs.get('name') ?? '_'
  if (v.attrs.get('address') !== undefined) diags.warn(`${where}: located variable ${name} AT ${v.attrs.get('address') ?? ''} is not supported; the address was dropped`, v)
  const init = child(v, 'initialValue')
  const doc = docOf(v)
  const comment = doc === undefined ? '' : ` ${commentFor(doc).trimEnd()}`
  return `  ${name} : ${typeFromXml(child(v, 'type'), diags, `${where}, variable ${name}`)}${init ? ` := ${initFromXml(init)}` : ''};${comment}\n`
}

/** A `<dataType>` as a TYPE block. */
export function dataTypeSource(dt: XmlElement, diags: DiagList): string {
  const name = dt.attrs.get('name') ?? 'T'
  const init = child(dt, 'initialValue')
  return `${commentFor(docOf(dt))}TYPE\n  ${name} : ${typeDeclFromXml(child(dt, 'baseType'), diags, `type ${name}`)}${init ? ` := ${initFromXml(init)}` : ''};\nEND_TYPE\n`
}

/** Body text: the xhtml element(s) inside `<ST>` when there are any, so the indentation around them is not taken. */
function stText(st: XmlElement): string {
  const inner = children(st)
  return inner.length ? inner.map(textOf).join('\n') : textOf(st)
}
