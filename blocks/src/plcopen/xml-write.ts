/** Builds and serialises XML deterministically: attributes in the order given, two-space indentation. */

export interface OutElement {
  name: string
  attrs: [string, string][]
  children: OutNode[]
}
export type OutNode = OutElement | { text: string } | { cdata: string }

type AttrValue = string | number | boolean | undefined

/** An element; attributes whose value is undefined are left out. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, children: (OutNode | undefined)[] = []): OutElement {
  const list: [string, string][] = []
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) list.push([k, String(v)])
  return { name, attrs: list, children: children.filter((c): c is OutNode => c !== undefined) }
}

export function text(t: string): OutNode {
  return { text: t }
}

export function cdata(t: string): OutNode {
  return { cdata: t }
}

function escText(s: string): string {
  // A literal CR would be read back as LF (XML end-of-line handling), so it travels as a reference.
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
}

function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
}

function serialiseInline(n: OutNode): string {
  if ('text' in n) return escText(n.text)
  // `]]>` cannot occur inside a CDATA section: split it across two sections.
  if ('cdata' in n) return `<![CDATA[${n.cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`
  return ''
}

/** The document with an XML declaration; elements holding only text stay on one line. */
export function serialise(root: OutElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>']
  const walk = (e: OutElement, indent: string): void => {
    const open = `${indent}<${e.name}${e.attrs.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('')}`
    if (e.children.length === 0) {
      out.push(`${open}/>`)
      return
    }
    if (e.children.every((c) => !('name' in c))) {
      out.push(`${open}>${e.children.map(serialiseInline).join('')}</${e.name}>`)
      return
    }
    out.push(`${open}>`)
    for (const c of e.children) {
      if ('name' in c) walk(c, indent + '  ')
      else out.push(indent + '  ' + serialiseInline(c))
    }
    out.push(`${indent}</${e.name}>`)
  }
  walk(root, '')
  return out.join('\n') + '\n'
}
