import { describe, expect, it } from 'vitest'
import { compileSt } from './index.js'
import { errors, problems, prog } from './__tests__/helpers.js'

/** Codes and positions of the errors of a program with the given declarations and body (body starts on line 5). */
function errs(vars: string, body: string, extra = ''): [string, number, number][] {
  return errors(prog(vars, body, extra)).map((e) => [e.code, e.line, e.column])
}

function codes(vars: string, body: string, extra = ''): string[] {
  return errors(prog(vars, body, extra)).map((e) => e.code)
}

describe('ST checker: implicit conversions', () => {
  it('widens along the IEC chains', () => {
    expect(codes('s : SINT; i : INT; d : DINT; l : LINT; u : UINT; ud : UDINT; r : REAL; lr : LREAL; b : BYTE; w : WORD;',
      'i := s; d := i; l := d; d := u; l := ud; r := i; lr := d; lr := r; r := u; w := b;')).toEqual([])
  })

  it('refuses narrowing and names the conversion function', () => {
    const e = errors(prog('i : INT; d : DINT; r : REAL;', 'i := d;\nr := d;\ni := r;'))
    expect(e.map((x) => [x.code, x.line, x.column])).toEqual([['E_ST_TYPE', 5, 6], ['E_ST_TYPE', 6, 6], ['E_ST_TYPE', 7, 6]])
    expect(e[0]!.message).toContain('DINT_TO_INT')
    expect(e[2]!.message).toContain('REAL_TO_INT')
  })

  it('keeps BOOL, TIME and STRING apart from numbers', () => {
    expect(codes('b : BOOL; i : INT; t : TIME; s : STRING;', 'b := 1; i := TRUE; i := b + 1; t := 100; s := 5; b := i = TRUE;')).toEqual(
      ['E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
    const t = errors(prog('t : TIME;', 't := 100;'))[0]!
    expect(t.message).toContain('T#100ms')
  })

  it('checks literal ranges against the target type', () => {
    expect(codes('i : INT; s : SINT; u : USINT;', 'i := 32767; i := -32768; s := -128; u := 255;')).toEqual([])
    expect(codes('i : INT; u : USINT;', 'i := 32768; u := -1; u := USINT#300;')).toEqual(['E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('types TIME arithmetic', () => {
    expect(codes('t : TIME; r : REAL; i : INT;', 't := t + T#1s; t := t * 2; t := t / r; t := 2 * t; r := TIME_TO_REAL(t);')).toEqual([])
    expect(codes('t : TIME; i : INT;', 'i := t; t := t + 1; t := t * t;')).toEqual(['E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('restricts MOD to integers and ** to a REAL base', () => {
    expect(codes('r : REAL; i : INT;', 'r := r MOD 2.0; r := i ** 2; r := r ** 2; r := 2 ** 0.5;')).toEqual(['E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('reports constant division by zero at compile time', () => {
    expect(codes('i : INT;', 'i := 1 / 0; i := i MOD (2 - 2);')).toEqual(['E_ST_DIV_ZERO', 'E_ST_DIV_ZERO'])
  })
})

describe('ST checker: names and writability', () => {
  it('reports undeclared variables, types, members and functions', () => {
    expect(errs('x : INT;', 'y := 1;\nx := foo(1);')).toEqual([['E_ST_UNDECLARED', 5, 1], ['E_ST_UNDECLARED', 6, 6]])
    expect(codes('x : Missing;', '')).toEqual(['E_ST_UNDECLARED'])
    expect(codes('t : TON;', 't.Nope := TRUE;')).toEqual(['E_ST_UNDECLARED'])
  })

  it('refuses writes to constants, own inputs and FB outputs', () => {
    const src = `FUNCTION_BLOCK F VAR_INPUT i : INT; END_VAR i := 1; END_FUNCTION_BLOCK
${prog('k : INT := 1; t : TON;', 'k := 2;', '').replace('VAR\n', 'VAR CONSTANT k : INT := 1; END_VAR VAR\n').replace('k : INT := 1; t : TON;', 't : TON;')}`
    const e = errors(src.replace('k := 2;', 'k := 2;\nt.Q := TRUE;\nt.PT := T#1s;'))
    expect(e.map((x) => x.code)).toEqual(['E_ST_READONLY', 'E_ST_READONLY', 'E_ST_READONLY'])
    expect(e[0]!.message).toContain('VAR_INPUT')
  })

  it('hides FB internals from outside', () => {
    const fb = 'FUNCTION_BLOCK F VAR_INPUT i : INT; END_VAR VAR secret : INT; END_VAR secret := i; END_FUNCTION_BLOCK'
    expect(codes('f : F; x : INT;', 'x := f.secret; x := f.i;', fb)).toEqual(['E_ST_TYPE'])
  })

  it('warns about unused locals', () => {
    const w = problems(prog('used : INT; idle : INT;', 'used := 1;')).filter((p) => p.severity === 'warning')
    expect(w.map((p) => [p.code, p.message])).toEqual([['E_ST_UNUSED', 'idle is declared but never used']])
  })

  it('checks duplicates', () => {
    expect(codes('a : INT; a : REAL;', '')).toEqual(['E_DUPLICATE'])
    expect(errors('PROGRAM P END_PROGRAM PROGRAM p END_PROGRAM').map((e) => e.code)).toEqual(['E_DUPLICATE'])
    expect(errors('FUNCTION_BLOCK TON END_FUNCTION_BLOCK').map((e) => e.code)).toEqual(['E_DUPLICATE'])
  })
})

describe('ST checker: statements and calls', () => {
  it('wants BOOL conditions', () => {
    expect(codes('i : INT;', 'IF i THEN i := 0; END_IF; WHILE i DO i := 0; END_WHILE; REPEAT i := 0; UNTIL 1 END_REPEAT;')).toEqual(
      ['E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('checks CASE labels: constant, of the selector type, not overlapping', () => {
    expect(codes('i : INT; j : INT;', 'CASE i OF 1: j := 1; 2..4: j := 2; 3: j := 3; j: j := 4; 1.5: j := 5; END_CASE;')).toEqual(
      ['E_DUPLICATE', 'E_ST_TYPE', 'E_ST_TYPE'])
    expect(codes('r : REAL;', 'CASE r OF 1: r := 0.0; END_CASE;')).toEqual(['E_ST_TYPE'])
  })

  it('checks FOR variables and EXIT placement', () => {
    expect(codes('r : REAL; i : INT;', 'FOR r := 1 TO 2 DO END_FOR; EXIT; FOR i := 1 TO 2 DO EXIT; END_FOR;')).toEqual(['E_ST_TYPE', 'E_ST_SYNTAX'])
  })

  it('checks FB calls: named parameters, directions, types', () => {
    expect(codes('t : TON; b : BOOL; i : INT;', 't(IN := b, PT := T#1s, Q => b);')).toEqual([])
    expect(codes('t : TON; b : BOOL; i : INT;', 't(b, T#1s);')).toEqual(['E_ST_SYNTAX'])
    expect(codes('t : TON; b : BOOL; i : INT;', 't(IN := i);')).toEqual(['E_ST_TYPE'])
    expect(codes('t : TON; b : BOOL; i : INT;', 't(Q := b);')).toEqual(['E_ST_SYNTAX'])
    expect(codes('t : TON; b : BOOL; i : INT;', 't(IN := b, Q => i);')).toEqual(['E_ST_TYPE'])
    expect(codes('t : TON; b : BOOL;', 'b := t(IN := b);')).toEqual(['E_ST_TYPE'])
    expect(codes('b : BOOL;', 'b := TON(IN := b);')).toEqual(['E_ST_TYPE'])
  })

  it('checks function calls: arity, positional and named, in-outs', () => {
    const fn = `FUNCTION Add3 : INT VAR_INPUT a, b : INT; c : INT := 1; END_VAR Add3 := a + b + c; END_FUNCTION
FUNCTION Inc VAR_IN_OUT v : INT; END_VAR v := v + 1; END_FUNCTION`
    expect(codes('x : INT;', 'x := Add3(1, 2); x := Add3(b := 1, a := 2); Inc(v := x);', fn)).toEqual([])
    expect(codes('x : INT; r : REAL;', 'x := Add3(1, 2, 3, 4); x := Add3(a := 1, 2); Inc(v := 5); Inc(v := r); Inc();', fn)).toEqual(
      ['E_ST_TYPE', 'E_ST_SYNTAX', 'E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('checks standard functions', () => {
    expect(codes('r : REAL; i : INT; s : STRING; b : BOOL;',
      'r := SQRT(r); r := SIN(2); i := ABS(i); i := MAX(i, 3, 7); r := LIMIT(0.0, r, 1.0); i := SEL(b, 1, 2); i := MUX(i, 1, 2, 3); ' +
      'i := LEN(s); s := CONCAT(s, \'a\', \'b\'); i := SHL(WORD#1, 3) ; i := REAL_TO_INT(r); r := INT_TO_REAL(i); s := INT_TO_STRING(i); ' +
      'r := DINT_TO_REAL(TRUNC(r)); i := ADD(i, 1, 2); b := GT(3, 2, 1); r := EXPT(r, 2);')).toEqual(['E_ST_TYPE'])
    expect(codes('r : REAL; i : INT; s : STRING;', 'r := SQRT(i); i := LEN(i); r := INT_TO_REAL(r); s := LEFT(s);')).toEqual(
      ['E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE', 'E_ST_TYPE'])
  })

  it('refuses recursion, direct or through another function', () => {
    const src = `FUNCTION A : INT VAR_INPUT n : INT; END_VAR A := B(n); END_FUNCTION
FUNCTION B : INT VAR_INPUT n : INT; END_VAR B := A(n); END_FUNCTION
FUNCTION_BLOCK S VAR me : S; END_VAR END_FUNCTION_BLOCK`
    expect(errors(src).map((e) => e.code).sort()).toEqual(['E_ST_RECURSION', 'E_ST_RECURSION'])
  })

  it('reports every error of a unit in one compile, sorted by position', () => {
    const r = compileSt(prog('i : INT; b : BOOL;', 'i := b;\nb := i;\nq := 1;\ni := 1 +;'))
    expect(r.diagnostics.map((d) => d.line)).toEqual([5, 6, 7, 8])
    expect(r.pous[0]!.exec).toBe(null)
  })
})
