import { describe, expect, it } from 'vitest'
import { stCompletions } from './completion'
import type { StCompletion } from './completion'
import { stCursor } from './context'
import { gateDoc } from './fixtures'
import { stHover } from './hover'
import { draftStUnit, filePous, pouAt } from './unit'
import { tagFileTags } from '@takt/blocks'
import type { TagFile } from '@takt/blocks'

const doc = gateDoc()
const unit = draftStUnit(doc)
const tags = tagFileTags(doc.get<TagFile>('tags/Plant.json')!, () => undefined)
const gate = pouAt(filePous(unit, 'programs/gate.st'), 14)

/** Completions with the cursor at `|` in `text` (inside PROGRAM gate). */
function complete(text: string): StCompletion[] {
  const before = text.slice(0, text.indexOf('|'))
  return stCompletions({ unit, pou: gate, cursor: stCursor(before), tags, locale: 'en', boundTag: (v) => (v === 'level' ? 'Plant/Level' : undefined) })
}
const labels = (items: StCompletion[]) => items.map((i) => i.label)

describe('ST cursor context', () => {
  it('tells comments, members, types, declarations and code apart', () => {
    expect(stCursor('PROGRAM p\n(* see Plant/Le')).toEqual({ at: 'comment', prefix: 'Plant/Le' })
    expect(stCursor('x := 1; // Plant/')).toMatchObject({ at: 'comment' })
    expect(stCursor('(* done *) x := t.')).toEqual({ at: 'member', owner: 't', prefix: '' })
    expect(stCursor('x := t . Q')).toEqual({ at: 'member', owner: 't', prefix: 'Q' })
    expect(stCursor('VAR\n  t : TO')).toEqual({ at: 'type', section: 'VAR', prefix: 'TO' })
    expect(stCursor('VAR_INPUT\n  le')).toEqual({ at: 'declare', section: 'VAR_INPUT', prefix: 'le' })
    expect(stCursor('VAR_INPUT\n  a : INT;\nEND_VAR\nx := le')).toEqual({ at: 'code', prefix: 'le' })
    expect(stCursor("s := 'a.b")).toMatchObject({ at: 'code' })
    expect(stCursor('x := 16#FF; (* a *) y := 1.5')).toMatchObject({ at: 'code' })
  })
})

describe('ST completion', () => {
  it('offers the variables in scope with type, section and bound tag, then functions and keywords', () => {
    const items = complete('x := |')
    const level = items.find((i) => i.label === 'level')!
    expect(level).toMatchObject({ kind: 'variable', detail: 'REAL · VAR_INPUT ← Plant/Level' })
    expect(labels(items)).toEqual(expect.arrayContaining(['open', 't', 'l', 'LIMIT', 'SEL', 'INT_TO_REAL', 'IF', 'END_IF']))
    expect(items.find((i) => i.label === 'LIMIT')).toMatchObject({ kind: 'function', detail: 'LIMIT(MN, IN, MX)', snippet: true })
    // A timer instance shows how to call it.
    expect(items.find((i) => i.label === 't')?.documentation).toBe('t(IN := , PT := );')
  })

  it('after `inst.` lists a library FB\'s pins from its definition and a user FB\'s from its declaration', () => {
    const ton = complete('x := t.|')
    expect(labels(ton)).toEqual(['IN', 'PT', 'Q', 'ET'])
    expect(ton.find((i) => i.label === 'Q')).toMatchObject({ kind: 'field', detail: 'output BOOL' })
    expect(ton.find((i) => i.label === 'Q')?.documentation).toBeTruthy()
    expect(labels(complete('x := l.|'))).toEqual(['s', 'r', 'q'])
    expect(complete('x := nothing.|')).toEqual([])
  })

  it('offers types, library FBs and user FBs in a declaration type position', () => {
    const items = labels(complete('VAR\n  a : |'))
    expect(items).toEqual(expect.arrayContaining(['BOOL', 'REAL', 'TIME', 'TON', 'CTU', 'R_TRIG', 'PID', 'Latch']))
    // Functions are not FB types (the compiler refuses them as instances).
    expect(items).not.toContain('ADD')
    expect(items).not.toContain('TAG_IN')
  })

  it('offers tag paths in comments and as declarations in VAR_INPUT, with the binding hint', () => {
    const inComment = complete('(* Plant/L|')
    expect(labels(inComment)).toEqual(['Plant/Level', 'Plant/Label'])
    expect(inComment[0]).toMatchObject({ kind: 'tag', insertText: 'Plant/Level', detail: 'tag · REAL [m]' })
    expect(inComment[0]!.documentation).toMatch(/bindings/)
    const decl = complete('VAR_INPUT\n  ope|')
    expect(decl.find((i) => i.label === 'Plant/Open')).toMatchObject({ insertText: 'open : BOOL;  (* Plant/Open *)' })
    expect(labels(decl)).toContain('END_VAR')
  })
})

describe('ST hover', () => {
  it('documents variables, pins, library blocks, functions and user POUs', () => {
    const h = (word: string, owner?: string, locale: 'en' | 'zh-CN' = 'en') => stHover({ unit, pou: gate, word, locale, ...(owner ? { owner } : {}), boundTag: (v) => (v === 'level' ? 'Plant/Level' : undefined) })
    expect(h('level')![0]).toBe('`level : REAL` — VAR_INPUT · bound to tag `Plant/Level`')
    expect(h('t')!.join('\n')).toMatch(/\*\*TON\*\*/)
    expect(h('Q', 't')![0]).toBe('`TON.Q` : BOOL (output)')
    const zh = h('TON', undefined, 'zh-CN')!.join('\n')
    expect(zh).toMatch(/[\u4e00-\u9fff]/)
    expect(h('LIMIT')![0]).toBe('`LIMIT(MN, IN, MX)`')
    expect(h('REAL_TO_INT')![1]).toMatch(/INT/)
    expect(h('Latch')![0]).toBe('`FUNCTION_BLOCK Latch(s : BOOL, r : BOOL) => q : BOOL`')
    expect(h('nothing')).toBeNull()
  })
})
