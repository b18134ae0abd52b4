import { describe, expect, it } from 'vitest'
import { length } from './disasm.js'
import { Op, StFault } from './ops.js'
import { run, type Vm } from './vm.js'
import { instance, prog } from './__tests__/helpers.js'

describe('ST bytecode', () => {
  it('has one number per instruction and a known length for each', () => {
    const values = Object.values(Op)
    expect(new Set(values).size).toBe(values.length)
    for (const v of values) {
      const code = new Int32Array(16)
      code[0] = v
      code[1] = v === Op.VEC ? Op.ADD : 0
      expect(length(code, 0)).toBeGreaterThan(0)
    }
  })

  it('turns an unknown instruction into a fault, not a crash', () => {
    const vm: Vm = {
      code: Int32Array.from([999]), m: new Float64Array(1), s: [], slots: new Int32Array(0), kfn: [],
      kstride: new Int32Array(0), kkoff: new Int32Array(0), ktoff: new Int32Array(0), types: [], stack: new Int32Array(4),
    }
    expect(() => run(vm, 0, 0, 10)).toThrow(StFault)
  })

  it('runs arrays of library FBs and STRING arrays through run-time indexes', () => {
    const inst = instance(prog("t : ARRAY[1..3] OF TON; s : ARRAY[0..2] OF STRING[4]; i : INT; q : BOOL; w : STRING;", `
      FOR i := 1 TO 3 DO t[i](IN := i <> 2, PT := T#10ms); END_FOR;
      i := 3; q := t[i].Q; s[i - 1] := 'abcdef'; w := s[i - 1];`))
    inst.scan(0)
    inst.scan(20)
    expect([inst.get('q'), inst.get('t[2].Q'), inst.get('t[1].ET'), inst.get('w'), inst.get('s[2]')]).toEqual([true, false, 10, 'abcd', 'abcd'])
  })
})
