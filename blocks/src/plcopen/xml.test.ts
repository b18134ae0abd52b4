import { describe, expect, it } from 'vitest'
import { importPlcOpen } from './import.js'
import { child, children, parseXml, textOf, XmlError } from './xml-read.js'
import { cdata, el, serialise, text } from './xml-write.js'

function refused(src: string, limits = {}): XmlError {
  try {
    parseXml(src, limits)
  } catch (e) {
    if (e instanceof XmlError) return e
    throw e
  }
  throw new Error('accepted')
}

describe('XML reader', () => {
  it('reads elements, both quote styles, references, CDATA, comments and processing instructions', () => {
    const root = parseXml(`\uFEFF<?xml version="1.0"?>
<!-- head -->
<a:root xmlns:a="urn:x" k='v "q"' n="1&#10;2&#x41;&lt;&amp;">
  <?pi ignored?>
  <b>x &gt; y &apos;&quot;<![CDATA[<raw> & ]]]><!-- c --></b>
  <c/>
</a:root>`)
    expect(root.name).toBe('a:root')
    expect(root.local).toBe('root')
    expect(root.attrs.get('k')).toBe('v "q"')
    expect(root.attrs.get('n')).toBe('1\n2A<&')
    expect(textOf(child(root, 'b')!)).toBe(`x > y '"<raw> & ]`)
    expect(children(root).map((e) => e.local)).toEqual(['b', 'c'])
    expect(child(root, 'c')!.line).toBe(6)
    expect(child(root, 'c')!.column).toBe(3)
  })

  it('normalises literal white space in attribute values', () => {
    expect(parseXml('<a v="x\ty\nz"/>').attrs.get('v')).toBe('x y z')
  })

  it.each([
    ['<a><b></a>', 'E_PLCOPEN_XML', 1, 7],
    ['<a>\n  <b x="1" x="2"/></a>', 'E_PLCOPEN_XML', 2, 12],
    ['<a>&nbsp;</a>', 'E_PLCOPEN_XML', 1, 4],
    ['<a>&#0;</a>', 'E_PLCOPEN_XML', 1, 4],
    ['<a>x & y</a>', 'E_PLCOPEN_XML', 1, 6],
    ['<a b=c/>', 'E_PLCOPEN_XML', 1, 6],
    ['<a b="<"/>', 'E_PLCOPEN_XML', 1, 6],
    ['<a/><b/>', 'E_PLCOPEN_XML', 1, 5],
    ['<a>', 'E_PLCOPEN_XML', 1, 4],
    ['text', 'E_PLCOPEN_XML', 1, 1],
    ['<a><![CDATA[x</a>', 'E_PLCOPEN_XML', 1, 4],
    ['<a><!-- x</a>', 'E_PLCOPEN_XML', 1, 4],
    ['<a/><?xml version="1.0"?>', 'E_PLCOPEN_XML', 1, 5],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'E_PLCOPEN_DOCTYPE', 1, 1],
    ['<a><!ENTITY x "y"></a>', 'E_PLCOPEN_DOCTYPE', 1, 4],
    ['<a><!ELEMENT a ANY></a>', 'E_PLCOPEN_XML', 1, 4],
  ])('refuses %j with %s at its position', (src, code, line, column) => {
    const e = refused(src)
    expect(e.code).toBe(code)
    expect([e.line, e.column]).toEqual([line, column])
  })

  it('bounds depth, size, attributes and element count', () => {
    expect(refused('<a>'.repeat(200) + '</a>'.repeat(200)).code).toBe('E_PLCOPEN_LIMIT')
    expect(refused(`<a v="${'x'.repeat(70_000)}"/>`).code).toBe('E_PLCOPEN_LIMIT')
    expect(refused('<a/>', { maxLength: 3 }).code).toBe('E_PLCOPEN_LIMIT')
    expect(refused(`<a ${Array.from({ length: 65 }, (_, k) => `a${k}="1"`).join(' ')}/>`).code).toBe('E_PLCOPEN_LIMIT')
    expect(refused(`<a>${'<b/>'.repeat(20)}</a>`, { maxElements: 10 }).code).toBe('E_PLCOPEN_LIMIT')
    expect(parseXml('<a>'.repeat(100) + '</a>'.repeat(100)).local).toBe('a')
  })

  it('a billion-laughs file is refused before any entity is read', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><project>&lol2;</project>`
    const r = importPlcOpen(lol)
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_PLCOPEN_DOCTYPE', severity: 'error', line: 1, column: 22 })])
    expect(r.programs).toEqual([])
  })
})

describe('XML writer', () => {
  it('escapes what it must and reads back to the same values', () => {
    const weird = 'a<b>&"c\'\n\td\r'
    const xml = serialise(el('r', { v: weird, skip: undefined }, [
      el('t', {}, [text(weird)]),
      el('c', {}, [cdata('x ]]> y ]]]>')]),
      el('e'),
    ]))
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<r v=')).toBe(true)
    expect(xml).not.toContain('skip')
    const root = parseXml(xml)
    expect(root.attrs.get('v')).toBe(weird)
    expect(textOf(child(root, 't')!)).toBe(weird)
    expect(textOf(child(root, 'c')!)).toBe('x ]]> y ]]]>')
  })
})
