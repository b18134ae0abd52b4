import { describe, expect, it } from 'vitest'
import { compileSt, createStInstance } from './index.js'
import { instance, prog } from './__tests__/helpers.js'

describe('ST runtime faults', () => {
  it('stops the scan at an integer division by zero and points at it', () => {
    const inst = instance(prog('a : INT := 10; b : INT; c : INT; after : BOOL;', 'c := 1;\nc := a / b;\nafter := TRUE;'))
    expect(inst.scan(0)).toBe(false)
    expect(inst.fault).toMatchObject({ code: 'E_ST_DIV_ZERO', severity: 'error', line: 6, column: 6 })
    expect(inst.get('c')).toBe(1)
    expect(inst.get('after')).toBe(false)
  })

  it('faults on MOD by zero; REAL division follows IEEE 754', () => {
    const inst = instance(prog('a : DINT := 10; b : DINT; r : REAL;', 'r := 1.0 / INT_TO_REAL(0);\na := a MOD b;'))
    expect(inst.scan(0)).toBe(false)
    expect(inst.fault).toMatchObject({ code: 'E_ST_DIV_ZERO', line: 6 })
    expect(inst.get('r')).toBe(Infinity)
  })

  it('faults on an array index out of bounds, naming the range', () => {
    const inst = instance(prog('a : ARRAY[1..3] OF INT; i : INT := 4;', 'a[i] := 1;'))
    expect(inst.scan(0)).toBe(false)
    expect(inst.fault).toMatchObject({ code: 'E_ST_INDEX', line: 5, column: 3 })
    expect(inst.fault!.message).toContain('1..3')
  })

  it('stops a runaway loop with the iteration budget instead of hanging', () => {
    const inst = instance(prog('n : DINT;', 'WHILE TRUE DO\n  n := n + 1;\nEND_WHILE;'), undefined, { loopBudget: 10_000 })
    expect(inst.scan(0)).toBe(false)
    expect(inst.fault).toMatchObject({ code: 'E_ST_LOOP_BUDGET', line: 5, column: 1 })
    expect(inst.get('n')).toBe(10_001)
  })

  it('counts the budget over all loops of a scan, and FOR BY 0 hits it too', () => {
    const src = prog('i : INT; j : INT; k : INT;', 'FOR i := 1 TO 100 DO FOR j := 1 TO 100 DO k := k + 1; END_FOR; END_FOR;')
    expect(instance(src, undefined, { loopBudget: 10_200 }).scan(0)).toBe(true)
    const small = instance(src, undefined, { loopBudget: 5000 })
    expect(small.scan(0)).toBe(false)
    expect(small.fault!.code).toBe('E_ST_LOOP_BUDGET')
    const r = compileSt(prog('i : INT; s : INT := 0;', 'FOR i := 1 TO 10 BY s DO END_FOR;'))
    const z = createStInstance(r.pous[0]!, { loopBudget: 100 })
    expect(z.scan(0)).toBe(false)
    expect(z.fault!.code).toBe('E_ST_LOOP_BUDGET')
  })

  it('a faulted instance stays stopped until cleared; other instances go on', () => {
    const src = prog('d : INT; n : INT;', 'n := n + 1;\nn := n / d;')
    const bad = instance(src)
    const good = instance(src)
    good.set('d', 1)
    expect(bad.scan(0)).toBe(false)
    expect(bad.scan(10)).toBe(false)
    expect(bad.get('n')).toBe(1)
    expect([good.scan(0), good.scan(10), good.get('n')]).toEqual([true, true, 2])
    bad.set('d', 1)
    bad.clearFault()
    expect(bad.scan(20)).toBe(true)
    expect(bad.fault).toBe(null)
    expect(bad.get('n')).toBe(2)
  })

  it('faults inside functions and FB bodies point into them', () => {
    const src = `FUNCTION Quot : INT VAR_INPUT a, b : INT; END_VAR
  Quot := a / b;
END_FUNCTION
${prog('x : INT; z : INT;', 'x := Quot(1, z);')}`
    const inst = instance(src)
    expect(inst.scan(0)).toBe(false)
    expect(inst.fault).toMatchObject({ code: 'E_ST_DIV_ZERO', line: 2, column: 11 })
  })

  it('carries the file name on faults', () => {
    const r = compileSt(prog('a : ARRAY[0..1] OF INT; i : INT := -1;', 'a[i] := 0;'), { file: 'programs/main.st' })
    const inst = createStInstance(r.pous[0]!)
    inst.scan(0)
    expect(inst.fault!.file).toBe('programs/main.st')
  })

  it('refuses to instantiate a POU that did not compile', () => {
    const r = compileSt(prog('x : INT;', 'x := y;'))
    expect(() => createStInstance(r.pous[0]!)).toThrow(/compile errors/)
  })
})
