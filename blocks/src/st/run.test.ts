import { describe, expect, it } from 'vitest'
import { instance, once, prog } from './__tests__/helpers.js'

describe('ST execution: integers', () => {
  it('wraps each integer type on overflow, as PLCs do', () => {
    const r = once('s : SINT := 127; i : INT := 32767; d : DINT := 2147483647; us : USINT := 0; ui : UINT := 65535; ud : UDINT := 0; w : WORD := 16#FFFF; m : DINT := 65536;',
      's := s + 1; i := i + 1; d := d + 1; us := us - 1; ui := ui + 1; ud := ud - 1; w := w + 1; m := m * m;')
    expect([r.get('s'), r.get('i'), r.get('d'), r.get('us'), r.get('ui'), r.get('ud'), r.get('w'), r.get('m')]).toEqual(
      [-128, -32768, -2147483648, 255, 0, 4294967295, 0, 0])
  })

  it('divides integers toward zero; MOD takes the sign of the dividend', () => {
    const r = once('a : INT; b : INT; c : INT; d : INT; e : INT; f : INT;',
      'a := 7 / 2; b := -7 / 2; c := 7 MOD 3; d := -7 MOD 3; e := INT#-32768; f := e / -1;')
    expect([r.get('a'), r.get('b'), r.get('c'), r.get('d'), r.get('f')]).toEqual([3, -3, 1, -1, -32768])
  })

  it('computes in the operands\' common type, as IEC types ADD(INT, INT) as INT', () => {
    const r = once('i : INT := 30000; d : DINT; e : DINT; x : REAL; y : LREAL;', 'd := i + i; e := INT_TO_DINT(i) + i; x := i / 7; y := 1 / 3;')
    expect(r.get('d')).toBe(-5536)
    expect(r.get('e')).toBe(60000)
    expect(r.get('x')).toBe(4285)
    expect(r.get('y')).toBe(0)
  })

  it('does bit operations on integer types', () => {
    const r = once('w : WORD := 16#00F0; b : BYTE; d : DWORD; n : WORD; s : WORD; l : LWORD := 16#FFFF_FFFF_FFFF;',
      'b := WORD_TO_BYTE(w OR 16#0F); d := NOT DWORD#0; n := NOT w; s := ROL(w, 12); l := l AND 16#F0;')
    expect([r.get('b'), r.get('d'), r.get('n'), r.get('s'), r.get('l')]).toEqual([255, 4294967295, 0xff0f, 0x000f, 0xf0])
  })
})

describe('ST execution: control flow', () => {
  it('runs IF / ELSIF / ELSE', () => {
    const src = prog('x : INT; y : INT;', 'IF x < 0 THEN y := -1; ELSIF x = 0 THEN y := 0; ELSIF x < 10 THEN y := 1; ELSE y := 2; END_IF;')
    const inst = instance(src)
    const out = [-5, 0, 3, 50].map((v) => {
      inst.set('x', v)
      inst.scan(0)
      return inst.get('y')
    })
    expect(out).toEqual([-1, 0, 1, 2])
  })

  it('runs CASE with values, lists, ranges and ELSE (jump table and compare chain)', () => {
    const dense = 'CASE x OF 0: y := 10; 1, 2: y := 20; 3..5: y := 30; 7: y := 70; ELSE y := -1; END_CASE;'
    const sparse = 'CASE x OF 0: y := 10; 1, 2: y := 20; 3..5: y := 30; 700..800: y := 70; ELSE y := -1; END_CASE;'
    for (const body of [dense, sparse]) {
      const inst = instance(prog('x : INT; y : INT;', body))
      const out = [0, 2, 4, 6, 7, 750, -3].map((v) => {
        inst.set('x', v)
        inst.scan(0)
        return inst.get('y')
      })
      expect(out).toEqual(body === dense ? [10, 20, 30, -1, 70, -1, -1] : [10, 20, 30, -1, -1, 70, -1])
    }
  })

  it('runs FOR up, down, with BY, and leaves the variable past the end', () => {
    const r = once('i : INT; s : INT; t : INT; u : INT; n : INT := 3;',
      'FOR i := 1 TO 10 DO s := s + i; END_FOR; FOR i := 10 TO 1 BY -3 DO t := t * 10 + i; END_FOR; FOR i := 0 TO 10 BY n DO u := u + 1; END_FOR;')
    expect([r.get('s'), r.get('t'), r.get('u')]).toEqual([55, 10741, 4])
    expect(r.get('i')).toBe(12)
  })

  it('runs WHILE and REPEAT, with EXIT and CONTINUE', () => {
    const r = once('i : INT; a : INT; b : INT; c : INT;', `
      WHILE TRUE DO i := i + 1; IF i > 4 THEN EXIT; END_IF; END_WHILE;
      REPEAT a := a + 1; IF a MOD 2 = 0 THEN CONTINUE; END_IF; b := b + a; UNTIL a >= 9 END_REPEAT;
      FOR i := 1 TO 3 DO FOR a := 1 TO 3 DO IF a = 2 THEN EXIT; END_IF; c := c + 1; END_FOR; END_FOR;`)
    expect([r.get('b'), r.get('c')]).toEqual([25, 3])
  })

  it('RETURN leaves the POU', () => {
    const r = once('x : INT;', 'x := 1; IF x = 1 THEN RETURN; END_IF; x := 2;')
    expect(r.get('x')).toBe(1)
  })
})

describe('ST execution: data', () => {
  it('indexes 1-D and 2-D arrays and copies whole arrays and structs', () => {
    const types = 'TYPE P : STRUCT x : INT; tag : STRING[8] := \'p\'; END_STRUCT; END_TYPE'
    const r = once('a : ARRAY[1..3] OF INT := [1, 2, 3]; g : ARRAY[0..2, 1..2] OF INT; b : ARRAY[1..3] OF INT; p : P; q : ARRAY[1..2] OF P; i : INT; j : INT; s : INT;', `
      FOR i := 0 TO 2 DO FOR j := 1 TO 2 DO g[i, j] := i * 10 + j; END_FOR; END_FOR;
      b := a; b[2] := 20; p.x := 5; p.tag := 'hello'; q[2] := p; i := 2; q[i].x := q[i].x + 1;
      FOR i := 0 TO 2 DO s := s + g[i, 2]; END_FOR;`, types)
    expect([r.get('a[2]'), r.get('b[2]'), r.get('g[2, 1]'), r.get('s'), r.get('q[2].x'), r.get('q[2].tag'), r.get('q[1].tag')]).toEqual(
      [2, 20, 21, 36, 6, 'hello', 'p'])
  })

  it('uses enumerations and constants', () => {
    const inst = instance(`TYPE Mode : (IDLE, RUN, STOP); END_TYPE
PROGRAM T VAR CONSTANT MAXN : INT := 40; END_VAR VAR m : Mode := Mode#RUN; n : INT; a : ARRAY[1..MAXN] OF BOOL; END_VAR
CASE m OF IDLE: n := 1; RUN: n := 2; END_CASE; IF m <> STOP THEN n := n + MAXN; END_IF; a[MAXN] := TRUE; END_PROGRAM`)
    inst.scan(0)
    expect([inst.get('n'), inst.get('a[40]'), inst.get('m')]).toEqual([42, true, 1])
  })

  it('handles strings: compare, functions, truncation to declared length', () => {
    const r = once("s : STRING[5]; t : STRING := 'hello world'; n : INT; f : INT; b : BOOL;", `
      s := t; n := LEN(t); f := FIND(t, 'wor'); b := 'abc' < 'abd';
      t := CONCAT(LEFT(t, 5), '-', RIGHT(t, 5), '-', MID(t, 3, 2));
      t := REPLACE(t, 'HE', 2, 1); t := INSERT(t, '!', 2); t := DELETE(t, 1, 1);`)
    expect([r.get('s'), r.get('n'), r.get('f'), r.get('b'), r.get('t')]).toEqual(['hello', 11, 7, true, 'E!llo-world-ell'])
  })

  it('converts between types like the FBD TO_* blocks (round half to even, saturate)', () => {
    const r = once('a : INT; b : INT; c : INT; d : DINT; e : SINT; f : REAL; g : BOOL; h : STRING; k : INT; t : TIME; x : STRING;', `
      a := REAL_TO_INT(2.5); b := REAL_TO_INT(3.5); c := REAL_TO_INT(1.0E9); d := TRUNC(-2.7); e := INT_TO_SINT(300);
      f := INT_TO_REAL(7) / 2; g := INT_TO_BOOL(5); h := REAL_TO_STRING(1.5); k := STRING_TO_INT(' 42 '); t := DINT_TO_TIME(1500);
      x := TIME_TO_STRING(t);`)
    expect([r.get('a'), r.get('b'), r.get('c'), r.get('d'), r.get('e'), r.get('f'), r.get('g'), r.get('h'), r.get('k'), r.get('x')]).toEqual(
      [2, 4, 32767, -2, 44, 3.5, true, '1.5', 42, 'T#1s500ms'])
  })

  it('runs the selection, numeric and comparison functions', () => {
    const r = once('a : REAL; b : INT; c : INT; d : INT; e : BOOL; f : REAL; g : LREAL; h : STRING;', `
      a := LIMIT(0.0, 7.5, 5.0); b := MAX(3, 9, 4); c := MIN(3, -9, 4); d := MUX(5, 10, 20, 30); e := GE(3, 3, 2);
      f := SQRT(16.0) + ABS(-2.0) + EXPT(2.0, 3); g := ATAN(1.0) * 4; h := SEL(e, 'no', 'yes');`)
    expect([r.get('a'), r.get('b'), r.get('c'), r.get('d'), r.get('e'), r.get('f'), r.get('g'), r.get('h')]).toEqual(
      [5, 9, -9, 30, true, 14, Math.PI, 'yes'])
  })

  it('computes TIME arithmetic in ms', () => {
    const r = once('a : TIME := T#1s; b : TIME; c : BOOL;', 'b := a * 2 + T#500ms - T#100ms; c := b > T#2s;')
    expect([r.get('b'), r.get('c')]).toEqual([2400, true])
  })
})

describe('ST execution: POUs', () => {
  const fns = `
FUNCTION Hyp : LREAL VAR_INPUT a, b : LREAL; END_VAR Hyp := SQRT(a * a + b * b); END_FUNCTION
FUNCTION Split VAR_INPUT v : INT; END_VAR VAR_OUTPUT hi, lo : INT; END_VAR hi := v / 100; lo := v MOD 100; END_FUNCTION
FUNCTION Swap VAR_IN_OUT a, b : INT; END_VAR VAR t : INT; END_VAR t := a; a := b; b := t; END_FUNCTION
FUNCTION Count : INT VAR n : INT; END_VAR n := n + 1; Count := n; END_FUNCTION
FUNCTION Early : INT VAR_INPUT x : INT; END_VAR Early := 1; IF x > 0 THEN RETURN; END_IF; Early := 2; END_FUNCTION`

  it('calls functions: results, outputs, in-outs, fresh locals per call, RETURN', () => {
    const r = once('h : LREAL; a : INT := 1; b : INT := 2; hi : INT; lo : INT; c : INT; e1 : INT; e2 : INT; arr : ARRAY[1..2] OF INT := [5, 6]; i : INT := 2;', `
      h := Hyp(3, 4) + Hyp(a := 6, b := 8); Split(1234, hi => hi, lo => lo); Swap(a, b); Swap(arr[1], arr[i]);
      c := Count() + Count(); e1 := Early(1); e2 := Early(-1);`, fns)
    expect([r.get('h'), r.get('hi'), r.get('lo'), r.get('a'), r.get('b'), r.get('arr[1]'), r.get('arr[2]'), r.get('c'), r.get('e1'), r.get('e2')]).toEqual(
      [15, 12, 34, 2, 1, 6, 5, 2, 1, 2])
  })

  it('passes arrays, structs and strings by value and returns them', () => {
    const src = `TYPE V : STRUCT x, y : INT; END_STRUCT; END_TYPE
FUNCTION Sum : INT VAR_INPUT a : ARRAY[1..3] OF INT; END_VAR VAR i : INT; END_VAR FOR i := 1 TO 3 DO Sum := Sum + a[i]; END_FOR; END_FUNCTION
FUNCTION Flip : V VAR_INPUT v : V; END_VAR Flip.x := v.y; Flip.y := v.x; END_FUNCTION
FUNCTION Greet : STRING VAR_INPUT who : STRING; END_VAR Greet := CONCAT('hi ', who); END_FUNCTION
FUNCTION_BLOCK Lbl VAR_INPUT s : STRING[4]; END_VAR VAR_OUTPUT o : STRING; END_VAR o := CONCAT(s, s); END_FUNCTION_BLOCK`
    const r = once("a : ARRAY[1..3] OF INT := [1, 2, 3]; n : INT; v : V := (x := 1, y := 2); w : V; g : STRING; l : Lbl; ls : ARRAY[1..2] OF Lbl; i : INT := 2; o : STRING;", `
      n := Sum(a); w := Flip(v); g := Greet(Greet('you')); l(s := 'abcdef', o => o); ls[i](s := 'xy'); `, src)
    expect([r.get('n'), r.get('a[1]'), r.get('w.x'), r.get('w.y'), r.get('g'), r.get('o'), r.get('ls[2].o')]).toEqual([6, 1, 2, 1, 'hi hi you', 'abcdabcd', 'xyxy'])
  })

  it('keeps FB instance state between scans, instance by instance', () => {
    const fb = `FUNCTION_BLOCK Acc VAR_INPUT inc : INT; END_VAR VAR_OUTPUT sum : INT; END_VAR VAR_TEMP t : INT := 100; END_VAR
      t := t + 1; sum := sum + inc + t - 101; END_FUNCTION_BLOCK
FUNCTION_BLOCK Pair VAR a, b : Acc; END_VAR VAR_OUTPUT total : INT; END_VAR a(inc := 1); b(inc := 10); total := a.sum + b.sum; END_FUNCTION_BLOCK`
    const inst = instance(prog('p : Pair; q : Pair; x : INT; arr : ARRAY[0..2] OF Acc; i : INT;',
      'p(); q(); q(); x := p.total * 1000 + q.total; FOR i := 0 TO 2 DO arr[i](inc := i); END_FOR;', fb))
    inst.scan(0)
    inst.scan(10)
    expect(inst.get('x')).toBe(22044)
    expect(inst.get('arr[2].sum')).toBe(4)
  })

  it('runs a FUNCTION_BLOCK and a FUNCTION as instances of their own', () => {
    const src = `FUNCTION_BLOCK Cnt VAR_INPUT up : BOOL; END_VAR VAR_OUTPUT n : INT; END_VAR IF up THEN n := n + 1; END_IF; END_FUNCTION_BLOCK ${fns}`
    const fb = instance(src, 'Cnt')
    fb.set('up', true)
    fb.scan(0)
    fb.scan(1)
    expect(fb.get('n')).toBe(2)
    expect(fb.inputs.map((b) => b.name)).toEqual(['up'])
    const fn = instance(src, 'Hyp')
    fn.set('a', 5)
    fn.set('b', 12)
    fn.scan(0)
    expect(fn.get('Hyp')).toBe(13)
  })

  it('exposes inputs and outputs of a PROGRAM as bindings with memory slots', () => {
    const inst = instance(`TYPE S : STRUCT a : BOOL; n : STRING; END_STRUCT; END_TYPE
PROGRAM Main VAR_INPUT level : REAL; cmd : ARRAY[1..2] OF BOOL; END_VAR VAR_OUTPUT pump : BOOL; st : S; END_VAR
pump := level > 50.0 AND cmd[2]; st.a := pump; st.n := 'x'; END_PROGRAM`)
    expect(inst.inputs.map((b) => [b.name, b.type])).toEqual([['level', 'REAL'], ['cmd[1]', 'BOOL'], ['cmd[2]', 'BOOL']])
    expect(inst.outputs.map((b) => [b.name, b.type, b.string])).toEqual([['pump', 'BOOL', false], ['st.a', 'BOOL', false], ['st.n', 'STRING', true]])
    inst.memory[inst.inputs[0]!.slot] = 75
    inst.memory[inst.inputs[2]!.slot] = 1
    inst.scan(0)
    expect(inst.memory[inst.outputs[0]!.slot]).toBe(1)
    expect(inst.strings[inst.outputs[2]!.slot]).toBe('x')
  })

  it('validates set() and keeps constants read-only', () => {
    const inst = instance('PROGRAM P VAR CONSTANT k : INT := 1; END_VAR VAR i : INT; s : STRING[3]; b : BOOL; END_VAR i := k; END_PROGRAM')
    expect(() => inst.set('k', 2)).toThrow(/constant/)
    expect(() => inst.set('i', 40000)).toThrow(/does not fit INT/)
    expect(() => inst.set('i', 'x')).toThrow()
    expect(() => inst.set('nope', 1)).toThrow(/no variable/)
    inst.set('s', 'abcdef')
    inst.set('b', 1)
    expect([inst.get('s'), inst.get('b'), inst.get('nope')]).toEqual(['abc', true, undefined])
  })
})
