import { afterEach, describe, expect, it } from 'vitest'
import { defaultLibrary } from '@takt/blocks'
import { addBlock } from './commands'
import { checkConnection, compileCached } from './compat'
import { docWith, PATH, prog, programOf } from './fixtures'
import { draftLibrary, logicLibrary, setLogicLibrary } from './library'
import { portsOf } from './model'
import { paletteGroups } from './palette'

const ST = `FUNCTION_BLOCK Hyst_Timer
VAR_INPUT pv : REAL; hi : REAL := 80.0; END_VAR
VAR_OUTPUT q : BOOL; count : INT; END_VAR
IF pv > hi THEN q := TRUE; count := count + 1; END_IF;
END_FUNCTION_BLOCK
`

afterEach(() => setLogicLibrary(defaultLibrary))

describe('user blocks in the logic editor', () => {
  it('lists the draft ST FUNCTION_BLOCKs as a "user" palette family with their pins', () => {
    const d = docWith(prog([]), { 'programs/fbs.st': ST })
    setLogicLibrary(draftLibrary(d))
    const user = paletteGroups('').find((g) => g.family === 'user')
    expect(user?.blocks.map((b) => b.type)).toEqual(['HYST_TIMER'])
    expect(user!.blocks[0]!.inputs.map((p) => `${p.name}:${p.type}`)).toEqual(['pv:REAL', 'hi:REAL'])
    expect(user!.blocks[0]!.outputs.map((p) => `${p.name}:${p.type}`)).toEqual(['q:BOOL', 'count:INT'])
    expect(paletteGroups('hyst_').map((g) => g.family)).toEqual(['user'])
    // Right after tag I/O.
    expect(paletteGroups('').map((g) => g.family).slice(0, 2)).toEqual(['io', 'user'])
  })

  it('adds, types and compiles a user block like a library block', () => {
    const d = docWith(prog([]), { 'programs/fbs.st': ST })
    expect(d.dispatch(addBlock, { path: PATH, type: 'HYST_TIMER', x: 0, y: 0 }).ok).toBe(false)
    setLogicLibrary(draftLibrary(d))
    d.dispatch(addBlock, { path: PATH, type: 'HYST_TIMER', x: 0, y: 0 })
    d.dispatch(addBlock, { path: PATH, type: 'TON', x: 0, y: 100 })
    const p = programOf(d)
    const [fb, ton] = p.blocks
    expect(portsOf(fb!, []).inputs.map((x) => x.name)).toEqual(['pv', 'hi'])
    expect(checkConnection(p, `${fb!.id}.q`, `${ton!.id}.IN`)).toEqual({ ok: true })
    expect(checkConnection(p, `${fb!.id}.count`, `${ton!.id}.IN`).ok).toBe(false)
    expect(compileCached(p).plan?.order).toContain(fb!.id)
  })

  it('falls back to the standard library without ST files', () => {
    const d = docWith(prog([]))
    expect(draftLibrary(d)).toBe(defaultLibrary)
    expect(logicLibrary()).toBe(defaultLibrary)
  })
})
