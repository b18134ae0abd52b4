/** IEC data types and initial values between Structured Text and PLCopen `<type>` / `<initialValue>` elements. */
import type { Init, TypeRef } from '../st/ast.js'
import type { DiagList } from './common.js'
import { child, children, type XmlElement } from './xml-read.js'
import { el, type OutElement } from './xml-write.js'

/** Elementary types of TC6 v2.01 that are written as an empty element of the same name. */
export const ELEMENTARY = new Set([
  'BOOL', 'BYTE', 'WORD', 'DWORD', 'LWORD', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT',
  'REAL', 'LREAL', 'TIME', 'DATE', 'DT', 'TOD',
])
const ALIASES = new Map([['LTIME', 'TIME'], ['DATE_AND_TIME', 'DT'], ['TIME_OF_DAY', 'TOD']])

/** A parsed ST type as the element that goes inside `<type>` or `<baseType>`. */
export function typeToXml(t: TypeRef, src: string): OutElement {
  const slice = (n: { p: number; e: number }): string => src.slice(n.p, n.e).trim()
  switch (t.k) {
    case 'named': {
      const name = ALIASES.get(t.name) ?? t.name
      if (ELEMENTARY.has(name)) return el(name)
      if (name === 'STRING' || name === 'WSTRING') return el(name.toLowerCase(), { length: t.len ? slice(t.len) : undefined })
      return el('derived', { name: t.raw })
    }
    case 'array':
      return el('array', {}, [
        ...t.dims.map((d) => el('dimension', { lower: slice(d.lo), upper: slice(d.hi) })),
        el('baseType', {}, [typeToXml(t.of, src)]),
      ])
    case 'struct':
      return el('struct', {}, t.fields.map((f) => el('variable', { name: f.raw }, [
        el('type', {}, [typeToXml(f.type, src)]),
        f.init ? el('initialValue', {}, [initToXml(f.init, src)]) : undefined,
      ])))
    case 'enum':
      return el('enum', {}, [el('values', {}, t.values.map((v) => el('value', { name: v.raw, value: v.value ? slice(v.value) : undefined })))])
  }
}

/** An ST initialiser as `<simpleValue>`, `<arrayValue>` or `<structValue>`. */
export function initToXml(i: Init, src: string): OutElement {
  switch (i.k) {
    case 'expr':
      return el('simpleValue', { value: src.slice(i.x.p, i.x.e).trim() })
    case 'array':
      return el('arrayValue', {}, i.items.map((it) => el('value', { repetitionValue: it.count ? src.slice(it.count.p, it.count.e).trim() : undefined }, [
        it.value ? initToXml(it.value, src) : el('simpleValue', { value: '' }),
      ])))
    case 'struct':
      return el('structValue', {}, i.fields.map((f) => el('value', { member: f.raw }, [initToXml(f.value, src)])))
  }
}

/**
 * ST text of a `<type>` / `<baseType>` element. Structs and enumerations are only written by TYPE declarations
 * (`typeDecl`); anywhere else they, and types ST cannot express, are reported.
 */
export function typeFromXml(wrapper: XmlElement | undefined, diags: DiagList, where: string): string {
  const t = wrapper ? children(wrapper)[0] : undefined
  if (!t) {
    diags.add('E_PLCOPEN_FORMAT', 'error', `${where}: missing type`, wrapper)
    return 'INT'
  }
  const name = t.local
  if (ELEMENTARY.has(name)) return name
  if (name === 'string' || name === 'wstring') {
    const len = t.attrs.get('length')
    return `${name.toUpperCase()}${len ? `[${len}]` : ''}`
  }
  if (name === 'derived') return t.attrs.get('name') ?? 'INT'
  if (name === 'array') {
    const dims = children(t, 'dimension').map((d) => `${d.attrs.get('lower') ?? '0'}..${d.attrs.get('upper') ?? '0'}`)
    return `ARRAY[${dims.join(', ')}] OF ${typeFromXml(child(t, 'baseType'), diags, where)}`
  }
  if (name === 'subrangeSigned' || name === 'subrangeUnsigned') {
    const base = typeFromXml(child(t, 'baseType'), diags, where)
    diags.warn(`${where}: subrange types are not supported; using ${base}`, t)
    return base
  }
  diags.warn(`${where}: type <${name}> is not supported; using INT`, t)
  return 'INT'
}

/** A TYPE declaration's right-hand side: STRUCT / enumeration / alias. */
export function typeDeclFromXml(baseType: XmlElement | undefined, diags: DiagList, where: string): string {
  const t = baseType ? children(baseType)[0] : undefined
  if (t?.local === 'struct') {
    const fields = children(t, 'variable').map((v) => {
      const init = child(v, 'initialValue')
      return `    ${v.attrs.get('name') ?? '_'} : ${typeFromXml(child(v, 'type'), diags, where)}${init ? ` := ${initFromXml(init)}` : ''};`
    })
    return `STRUCT\n${fields.join('\n')}\n  END_STRUCT`
  }
  if (t?.local === 'enum') {
    const vals = children(child(t, 'values') ?? t, 'value').map((v) => {
      const val = v.attrs.get('value')
      return `${v.attrs.get('name') ?? '_'}${val !== undefined ? ` := ${val}` : ''}`
    })
    return `(${vals.join(', ')})`
  }
  return typeFromXml(baseType, diags, where)
}

/** ST initialiser text of an `<initialValue>` (or a nested `<value>`). */
export function initFromXml(wrapper: XmlElement): string {
  const v = children(wrapper)[0]
  if (!v) return ''
  if (v.local === 'simpleValue') return v.attrs.get('value') ?? ''
  if (v.local === 'arrayValue') {
    return `[${children(v, 'value').map((it) => {
      const inner = initFromXml(it)
      const rep = it.attrs.get('repetitionValue')
      return rep !== undefined ? `${rep}(${inner})` : inner
    }).join(', ')}]`
  }
  if (v.local === 'structValue') {
    return `(${children(v, 'value').map((it) => `${it.attrs.get('member') ?? '_'} := ${initFromXml(it)}`).join(', ')})`
  }
  return ''
}
