import { describe, expect, it } from 'vitest'
import { FakeClock } from '../engine/clock.js'
import { compileNetwork } from '../engine/compile.js'
import { createInstance } from '../engine/instance.js'
import { defaultLibrary } from '../library/index.js'
import { createStInstance } from '../st/instance.js'
import type { FbdProgram } from './program.js'
import { libraryWithSt, userBlocksFromSt } from './st-blocks.js'
import { compileStFiles } from './st-unit.js'

const HYST = `FUNCTION_BLOCK Hyst_Timer
VAR_INPUT pv : REAL; hi : REAL := 80.0; lo : REAL := 20.0; delay : TIME := T#100ms; END_VAR
VAR_OUTPUT q : BOOL; count : INT; END_VAR
VAR raw : BOOL; t : TON; END_VAR
IF pv > hi THEN raw := TRUE; ELSIF pv < lo THEN raw := FALSE; END_IF;
t(IN := raw, PT := delay);
IF t.Q AND NOT q THEN count := count + 1; END_IF;
q := t.Q;
END_FUNCTION_BLOCK
`
const unit = compileStFiles([{ file: 'programs/hyst.st', source: HYST }])

const program: FbdProgram = {
  name: 'Twice',
  blocks: [
    { id: 'a', type: 'HYST_TIMER', inputs: { hi: 50 } },
    { id: 'b', type: 'HYST_TIMER', inputs: { delay: 300 } },
  ],
  wires: [],
} as unknown as FbdProgram

describe('user blocks from Structured Text', () => {
  it('derive a typed interface from VAR_INPUT / VAR_OUTPUT', () => {
    expect(unit.ok).toBe(true)
    const [def, ...rest] = userBlocksFromSt(unit)
    expect(rest).toEqual([])
    expect(def!.type).toBe('HYST_TIMER')
    expect(def!.family).toBe('user')
    expect(def!.inputs.map((p) => [p.name, p.type, p.default])).toEqual([['pv', 'REAL', 0], ['hi', 'REAL', 80], ['lo', 'REAL', 20], ['delay', 'TIME', 100]])
    expect(def!.outputs.map((p) => [p.name, p.type])).toEqual([['q', 'BOOL'], ['count', 'INT']])
  })

  it('leaves unknown types E_FB_UNKNOWN_BLOCK without the unit, and runs two instances like ST does', () => {
    expect(compileNetwork(program).diagnostics.map((d) => d.code)).toContain('E_FB_UNKNOWN_BLOCK')
    const { plan, diagnostics } = compileNetwork(program, libraryWithSt(unit))
    expect(diagnostics).toEqual([])
    const inst = createInstance(plan!)
    const pou = unit.pous.find((p) => p.name === 'Hyst_Timer')!
    const refA = createStInstance(pou)
    refA.set('hi', 50)
    const refB = createStInstance(pou)
    refB.set('delay', 300)
    const clock = new FakeClock(1000)
    const pvs = [10, 60, 60, 90, 90, 90, 10, 10, 95, 95]
    for (const pv of pvs) {
      inst.signals[plan!.pinSignal('a', 'pv')!] = pv
      inst.signals[plan!.pinSignal('b', 'pv')!] = pv
      refA.set('pv', pv)
      refB.set('pv', pv)
      inst.scan(clock.now())
      refA.scan(clock.now())
      refB.scan(clock.now())
      expect([inst.readPin('a', 'q'), inst.readPin('a', 'count')]).toEqual([refA.get('q'), refA.get('count')])
      expect([inst.readPin('b', 'q'), inst.readPin('b', 'count')]).toEqual([refB.get('q'), refB.get('count')])
      clock.advance(100)
    }
    expect(inst.readPin('a', 'count')).toBe(2)
    expect(inst.readPin('b', 'q')).not.toBe(inst.readPin('a', 'q'))
  })

  it('keeps an instance object over an online change, and carries state into a changed FB', () => {
    const lib = libraryWithSt(unit)
    const plan = compileNetwork(program, lib).plan!
    const inst = createInstance(plan)
    inst.signals[plan.pinSignal('a', 'pv')!] = 90
    inst.scan(0)
    inst.scan(200)
    expect(inst.readPin('a', 'count')).toBe(1)
    const same = createInstance(compileNetwork(program, lib).plan!, { previous: { plan, instance: inst } })
    expect(same.change.kept).toEqual(['a', 'b'])
    expect(same.objects[plan.exec.blocks.get('a')!.objectIndex]).toBe(inst.objects[plan.exec.blocks.get('a')!.objectIndex])
    const edited = compileStFiles([{ file: 'programs/hyst.st', source: HYST.replace('count + 1', 'count + 10') }])
    const next = compileNetwork(program, libraryWithSt(edited)).plan!
    const moved = createInstance(next, { previous: { plan, instance: inst } })
    expect(moved.readPin('a', 'count')).toBe(1)
  })

  it('stops the network on a fault inside the FB until it is cleared', () => {
    const u = compileStFiles([{ file: 'programs/d.st', source: 'FUNCTION_BLOCK Div\nVAR_INPUT a : INT; b : INT; END_VAR\nVAR_OUTPUT q : INT; END_VAR\nq := a / b;\nEND_FUNCTION_BLOCK\n' }])
    // DIV is a library block: the FB of that name is not offered.
    expect(userBlocksFromSt(u, defaultLibrary)).toEqual([])
    const p = { name: 'D', blocks: [{ id: 'd', type: 'DIVIDE', inputs: { a: 8 } }], wires: [] } as unknown as FbdProgram
    const plan = compileNetwork(p,
      libraryWithSt(compileStFiles([{ file: 'x.st', source: 'FUNCTION_BLOCK Divide\nVAR_INPUT a : INT; b : INT; END_VAR\nVAR_OUTPUT q : INT; END_VAR\nq := a / b;\nEND_FUNCTION_BLOCK\n' }]))).plan!
    const inst = createInstance(plan)
    inst.scan(0)
    expect(inst.fault?.code).toMatch(/^E_/)
    inst.signals[plan.pinSignal('d', 'b')!] = 2
    inst.clearFault()
    inst.scan(10)
    expect(inst.fault).toBeNull()
    expect(inst.readPin('d', 'q')).toBe(4)
  })
})
