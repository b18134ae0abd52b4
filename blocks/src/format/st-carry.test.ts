import { describe, expect, it } from 'vitest'
import { compileSt } from '../st/compile.js'
import { createStInstance, type StInstance } from '../st/instance.js'
import { carryStState } from './st-carry.js'

function instance(src: string, name = 'main'): StInstance {
  const r = compileSt(src)
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(JSON.stringify(errors))
  return createStInstance(r.pous.find((p) => p.name === name)!)
}

const V1 = `TYPE Pt : STRUCT x : REAL; y : REAL; END_STRUCT; END_TYPE
TYPE Mode : (IDLE, RUN, STOP); END_TYPE
FUNCTION_BLOCK Counter
VAR_INPUT inc : BOOL; END_VAR
VAR_OUTPUT n : DINT; END_VAR
IF inc THEN n := n + 1; END_IF;
END_FUNCTION_BLOCK
PROGRAM main
VAR CONSTANT K : INT := 3; END_VAR
VAR
  i : INT; s : STRING[8]; buf : ARRAY[1..3] OF INT; p : Pt; m : Mode;
  c : Counter; t : TON; gone : BOOL;
END_VAR
i := i + K; s := 'abc'; buf[1] := 7; buf[3] := 9; p.x := 1.5; m := RUN;
c(inc := TRUE); t(IN := TRUE, PT := T#10s); gone := TRUE;
END_PROGRAM
`

function runV1(scans: number): StInstance {
  const a = instance(V1)
  for (let k = 0; k < scans; k++) a.scan(k * 100)
  return a
}

describe('carryStState (online change of an ST program)', () => {
  it('takes the whole memory of an identical program (only layout-neutral text changed)', () => {
    const a = runV1(4)
    const b = instance(`(* edited comment *)\n${V1.replace('i := i + K;', 'i   :=   i + K;')}`)
    expect(carryStState(a, b)).toEqual({ identical: true, kept: [], reset: [] })
    expect(b.memory).toEqual(a.memory)
    expect(b.get('t.ET')).toBe(300)
  })

  it('copies by name where types match: resized arrays, STRUCT and FB members, library FB state; restarts the rest', () => {
    const a = runV1(4)
    const v2 = V1
      .replace('TYPE Pt : STRUCT x : REAL; y : REAL; END_STRUCT;', 'TYPE Pt : STRUCT z : INT; x : REAL; END_STRUCT;')
      .replace('VAR_OUTPUT n : DINT; END_VAR', 'VAR_OUTPUT n : DINT; extra : INT; END_VAR')
      .replace('buf : ARRAY[1..3] OF INT', 'buf : ARRAY[0..1] OF INT')
      .replace('buf[3] := 9;', '')
      .replace('gone : BOOL;', 'fresh : BOOL; K2 : INT;')
      .replace('gone := TRUE;', 'fresh := TRUE; K2 := 1;')
      .replace('K : INT := 3', 'K : INT := 5')
    const b = instance(v2)
    const r = carryStState(a, b)
    expect(r.identical).toBe(false)
    expect(r.kept.sort()).toEqual(['buf', 'c', 'i', 'm', 'p', 's', 't'])
    expect(r.reset.sort()).toEqual(['K2', 'fresh'])
    expect(b.get('i')).toBe(12)
    expect(b.get('s')).toBe('abc')
    expect([b.get('buf[0]'), b.get('buf[1]')]).toEqual([0, 7])
    expect([b.get('p.x'), b.get('p.z')]).toEqual([1.5, 0])
    expect(b.get('m')).toBe(1)
    expect([b.get('c.n'), b.get('c.extra')]).toEqual([4, 0])
    expect(b.get('t.ET')).toBe(300)
    // A constant takes its new declared value; the next scan uses it and the timer goes on from its state.
    b.scan(400)
    expect(b.get('i')).toBe(17)
    expect(b.get('t.ET')).toBe(400)
  })

  it('restarts variables whose type changed, a library FB replaced by another included', () => {
    const a = runV1(4)
    const b = instance(V1.replace('i : INT;', 'i : REAL;').replace('t : TON;', 't : TOF;').replace('s : STRING[8]', 's : STRING[2]'))
    const r = carryStState(a, b)
    expect(r.reset.sort()).toEqual(['i', 't'])
    expect(b.get('i')).toBe(0)
    expect(b.get('t.ET')).toBe(0)
    // Strings keep what fits the new length.
    expect(b.get('s')).toBe('ab')
  })
})
