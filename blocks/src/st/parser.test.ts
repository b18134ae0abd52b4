import { describe, expect, it } from 'vitest'
import type { Expr, Stmt, Unit } from './ast.js'
import { LineMap, Sink } from './diag.js'
import { tokenize } from './lexer.js'
import { parseUnit } from './parser.js'
import { errors } from './__tests__/helpers.js'

function parse(src: string): { unit: Unit; diags: ReturnType<Sink['diagnostics']> } {
  const sink = new Sink(new LineMap(src))
  const { unit } = parseUnit(src, tokenize(src, sink), sink)
  return { unit, diags: sink.diagnostics() }
}

function body(stmts: string): Stmt[] {
  const { unit, diags } = parse(`PROGRAM P\n${stmts}\nEND_PROGRAM`)
  expect(diags).toEqual([])
  return unit.pous[0]!.body
}

describe('ST parser: declarations', () => {
  it('reads POUs of every kind with their sections and qualifiers', () => {
    const { unit, diags } = parse(`
      FUNCTION F : REAL VAR_INPUT a, b : REAL; END_VAR F := a + b; END_FUNCTION
      function_block Fb
        VAR_INPUT i : INT := 3; END_VAR
        VAR_OUTPUT o : BOOL; END_VAR
        VAR_IN_OUT io : DINT; END_VAR
        VAR_TEMP t : INT; END_VAR
        VAR CONSTANT k : INT := 7; END_VAR
        VAR RETAIN r : REAL; END_VAR
      END_FUNCTION_BLOCK
      PROGRAM Main VAR x : STRING[20] := 'hi'; END_VAR END_PROGRAM`)
    expect(diags).toEqual([])
    expect(unit.pous.map((p) => [p.kind, p.name])).toEqual([['FUNCTION', 'F'], ['FUNCTION_BLOCK', 'FB'], ['PROGRAM', 'MAIN']])
    const fb = unit.pous[1]!
    expect(fb.vars.map((v) => [v.name, v.section, v.constant, v.retain])).toEqual([
      ['I', 'VAR_INPUT', false, false], ['O', 'VAR_OUTPUT', false, false], ['IO', 'VAR_IN_OUT', false, false],
      ['T', 'VAR_TEMP', false, false], ['K', 'VAR', true, false], ['R', 'VAR', false, true],
    ])
    expect(unit.pous[0]!.vars.map((v) => v.name)).toEqual(['A', 'B'])
  })

  it('reads TYPE blocks: structs, enums, aliases, arrays, initializers', () => {
    const { unit, diags } = parse(`
      TYPE
        Pt : STRUCT x : REAL := 1.0; y : REAL; END_STRUCT;
        Mode : (IDLE, RUN := 5, STOP);
        Grid : ARRAY[1..3, 0..4] OF INT;
      END_TYPE
      PROGRAM P VAR a : ARRAY[0..9] OF INT := [1, 2, 3(7), 2()]; p : Pt := (x := 2.0); t : TON := (PT := T#1s); END_VAR END_PROGRAM`)
    expect(diags).toEqual([])
    expect(unit.types.map((t) => [t.name, t.type.k])).toEqual([['PT', 'struct'], ['MODE', 'enum'], ['GRID', 'array']])
    const a = unit.pous[0]!.vars[0]!
    expect(a.init?.k).toBe('array')
    expect(unit.pous[0]!.vars[1]!.init?.k).toBe('struct')
  })
})

describe('ST parser: statements', () => {
  it('reads every statement form', () => {
    const s = body(`
      x := 1;
      IF a THEN x := 1; ELSIF b THEN x := 2; ELSE x := 3; END_IF;
      CASE n OF 1: x := 1; 2, 3: x := 2; 4..6, 8: x := 3; ELSE x := 0; END_CASE;
      FOR i := 1 TO 10 BY 2 DO x := x + i; END_FOR;
      WHILE x < 5 DO x := x + 1; IF x = 3 THEN EXIT; END_IF; END_WHILE;
      REPEAT x := x - 1; CONTINUE; UNTIL x <= 0 END_REPEAT;
      t1(IN := go, PT := T#1s, Q => done);
      f(1, 2);
      arr[i].t();
      RETURN;
      ;`)
    expect(s.map((x) => x.k)).toEqual(['assign', 'if', 'case', 'for', 'while', 'repeat', 'call', 'call', 'call', 'return', 'empty'])
    const c = s[2] as Stmt & { k: 'case' }
    expect(c.arms.map((a) => a.labels.length)).toEqual([1, 2, 2])
    const call = s[6] as Stmt & { k: 'call' }
    expect(call.args.map((a) => [a.name, a.out])).toEqual([['IN', false], ['PT', false], ['Q', true]])
  })

  it('gives IEC precedence: unary binds tighter than **, ** than *, comparisons than AND', () => {
    const s = body('x := -2 ** 2 * 3 + 1 < 5 AND NOT b OR c XOR d;')[0] as Stmt & { k: 'assign' }
    const show = (e: Expr): string => {
      switch (e.k) {
        case 'bin': return `(${show(e.a)} ${e.op} ${show(e.b)})`
        case 'unary': return `(${e.op} ${show(e.x)})`
        case 'num': return String(e.v)
        case 'name': return e.raw
        default: return e.k
      }
    }
    expect(show(s.value)).toBe('(((((-2 ** 2) * 3) + 1) < 5) AND (NOT b)) OR (c XOR d))'.replace(/^/, '('))
  })

  it('accepts keywords in any case and END_IF without a semicolon', () => {
    expect(body('if A then B := 1; end_if x := 2;').map((x) => x.k)).toEqual(['if', 'assign'])
  })
})

describe('ST parser: errors', () => {
  it('points at the offending token', () => {
    expect(errors('PROGRAM P\nVAR x : INT; END_VAR\nx = 1;\nEND_PROGRAM').map((e) => [e.code, e.line, e.column])).toEqual([
      ['E_ST_SYNTAX', 3, 3],
    ])
  })

  it('recovers at statement boundaries and reports several errors', () => {
    const errs = errors(`PROGRAM P
VAR x : INT; END_VAR
x := ;
x := 1 +;
IF TRUE THEN x := 2 END_IF;
x := (1;
END_PROGRAM`)
    expect(errs.map((e) => e.line)).toEqual([3, 4, 5, 6])
    expect(errs.every((e) => e.code === 'E_ST_SYNTAX')).toBe(true)
  })

  it('reports a missing END_x with where the block opened', () => {
    const errs = errors('PROGRAM P\nVAR x : BOOL; END_VAR\nIF x THEN\n  x := FALSE;\nEND_PROGRAM')
    expect(errs[0]!.message).toMatch(/END_IF .* line 3/)
  })

  it('reports stray block ends and keeps the statements around them', () => {
    const errs = errors('PROGRAM P\nVAR x : INT; END_VAR\nx := 1;\nEND_IF;\nx := y;\nEND_PROGRAM')
    expect(errs.map((e) => [e.code, e.line])).toEqual([['E_ST_SYNTAX', 4], ['E_ST_UNDECLARED', 5]])
  })

  it('recovers inside declarations', () => {
    const errs = errors('PROGRAM P\nVAR\n  a : ;\n  b : INT;\n  c INT;\nEND_VAR\nb := 1;\nEND_PROGRAM')
    expect(errs.map((e) => e.line)).toEqual([3, 5])
  })

  it('refuses what it does not support with E_UNSUPPORTED', () => {
    expect(errors('PROGRAM P VAR x AT %IX0.0 : BOOL; END_VAR END_PROGRAM')[0]!.code).toBe('E_UNSUPPORTED')
    expect(errors('PROGRAM P VAR_GLOBAL g : INT; END_VAR END_PROGRAM')[0]!.code).toBe('E_UNSUPPORTED')
    expect(errors('CONFIGURATION C END_CONFIGURATION')[0]!.code).toBe('E_UNSUPPORTED')
  })
})
