import type { Expr, Init, PouDecl, PouKind, Section, TypeDecl, TypeRef, Unit, VarDecl } from './ast.js'
import type { Sink } from './diag.js'
import { FatalParse, ParseError } from './parse-expr.js'
import { StmtParser } from './parse-stmt.js'
import type { Token } from './lexer.js'

const POU_END: Record<PouKind, string> = {
  PROGRAM: 'END_PROGRAM',
  FUNCTION_BLOCK: 'END_FUNCTION_BLOCK',
  FUNCTION: 'END_FUNCTION',
}
const SECTIONS = new Set(['VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP'])
const UNSUPPORTED_SECTIONS = new Set(['VAR_GLOBAL', 'VAR_EXTERNAL', 'VAR_ACCESS', 'VAR_CONFIG'])
const TOP_LEVEL = new Set(['PROGRAM', 'FUNCTION_BLOCK', 'FUNCTION', 'TYPE'])

/**
 * Parses a compilation unit: TYPE blocks and POUs in any order. Errors are reported to the sink; the parser then
 * skips to the next declaration or statement, so one compile reports several independent mistakes.
 */
export function parseUnit(src: string, tokens: Token[], sink: Sink): { unit: Unit; complete: boolean } {
  const P = new Parser(tokens, sink, src)
  const unit: Unit = { types: [], pous: [] }
  try {
    P.unit(unit)
    return { unit, complete: true }
  } catch (err) {
    if (!(err instanceof FatalParse)) throw err
    sink.error('E_ST_LIMIT', err.tok.p, Math.max(err.tok.e, err.tok.p + 1), err.message)
    return { unit, complete: false }
  }
}

const POU_ENDS = new Set(Object.values(POU_END))

class Parser extends StmtParser {
  unit(unit: Unit): void {
    while (this.t.k !== 'EOF') {
      const t = this.t
      try {
        if (t.k === 'ID' && (t.v === 'PROGRAM' || t.v === 'FUNCTION_BLOCK' || t.v === 'FUNCTION')) unit.pous.push(this.pou(t.v))
        else if (t.k === 'ID' && t.v === 'TYPE') unit.types.push(...this.typeBlock())
        else if (t.k === 'ID' && (t.v === 'CONFIGURATION' || t.v === 'CLASS' || t.v === 'INTERFACE' || t.v === 'NAMESPACE')) {
          this.sink.error('E_UNSUPPORTED', t.p, t.e, `${t.v} is not supported; write PROGRAM, FUNCTION_BLOCK, FUNCTION or TYPE`)
          this.skipTopLevel()
        } else {
          throw new ParseError(t, `expected PROGRAM, FUNCTION_BLOCK, FUNCTION or TYPE, found ${this.describe(t)}`)
        }
      } catch (err) {
        if (!(err instanceof ParseError)) throw err
        this.report(err)
        this.skipTopLevel()
      }
    }
  }

  private skipTopLevel(): void {
    this.next()
    while (this.t.k !== 'EOF' && !(this.t.k === 'ID' && TOP_LEVEL.has(this.t.v))) this.next()
  }

  private pou(kind: PouKind): PouDecl {
    const start = this.next()
    const nameTok = this.ident('a POU name')
    let ret: TypeRef | undefined
    if (kind === 'FUNCTION') {
      if (this.isOp(':')) {
        this.next()
        ret = this.typeRef(false)
      }
    }
    const vars: VarDecl[] = []
    while (this.t.k === 'ID' && (SECTIONS.has(this.t.v) || UNSUPPORTED_SECTIONS.has(this.t.v))) {
      try {
        vars.push(...this.varSection())
      } catch (err) {
        if (!(err instanceof ParseError)) throw err
        this.report(err)
        this.skipUntil(['END_VAR'], true)
      }
    }
    const end = POU_END[kind]
    const body = this.statements()
    // A stray END_IF, ELSE, UNTIL... inside the body: report it and go on with the statements after it.
    while (this.t.k === 'ID' && this.t.v !== end && !POU_ENDS.has(this.t.v)) {
      const stray = this.next()
      this.sink.error('E_ST_SYNTAX', stray.p, stray.e, `${stray.v} without a matching opening statement`)
      if (this.isOp(';')) this.next()
      body.push(...this.statements())
    }
    const endTok = this.t
    if (endTok.k === 'ID' && endTok.v === end) {
      this.next()
      if (this.isOp(';')) this.next()
    } else {
      this.sink.error('E_ST_SYNTAX', endTok.p, Math.max(endTok.e, endTok.p + 1), `expected ${end}, found ${this.describe(endTok)}`)
    }
    return {
      kind, name: nameTok.v, raw: this.raw(nameTok), np: nameTok.p, ne: nameTok.e, ret, vars, body,
      p: start.p, e: endTok.e,
    }
  }

  private varSection(): VarDecl[] {
    const head = this.next()
    if (UNSUPPORTED_SECTIONS.has(head.v)) {
      this.sink.error('E_UNSUPPORTED', head.p, head.e, `${head.v} is not supported; the APP binds tags to VAR_INPUT and VAR_OUTPUT of a PROGRAM`)
      this.skipUntil(['END_VAR'], true)
      return []
    }
    const section = head.v as Section
    let constant = false
    let retain = false
    while (this.t.k === 'ID' && ['CONSTANT', 'RETAIN', 'NON_RETAIN', 'PERSISTENT'].includes(this.t.v)) {
      const q = this.next()
      if (q.v === 'CONSTANT') constant = true
      else if (q.v === 'RETAIN' || q.v === 'PERSISTENT') retain = true
    }
    const out: VarDecl[] = []
    while (!(this.t.k === 'ID' && this.t.v === 'END_VAR')) {
      if (this.t.k === 'EOF') throw new ParseError(this.t, 'expected END_VAR')
      try {
        out.push(...this.varDecl(section, constant, retain))
      } catch (err) {
        if (!(err instanceof ParseError)) throw err
        this.report(err)
        this.skipUntil([';', 'END_VAR'], false)
        if (this.isOp(';')) this.next()
      }
    }
    this.next()
    if (this.isOp(';')) this.next()
    return out
  }

  /** `a, b : INT := 5;` */
  private varDecl(section: Section, constant: boolean, retain: boolean): VarDecl[] {
    const names: Token[] = [this.ident('a variable name')]
    while (this.isOp(',')) {
      this.next()
      names.push(this.ident('a variable name'))
    }
    if (this.t.k === 'ID' && this.t.v === 'AT') {
      throw new ParseError(this.t, 'AT (located variables) is not supported: bind tags to VAR_INPUT / VAR_OUTPUT instead', 'E_UNSUPPORTED')
    }
    this.expectOp(':')
    const type = this.typeRef(false)
    let init: Init | undefined
    if (this.isOp(':=')) {
      this.next()
      init = this.init()
    }
    this.expectOp(';')
    return names.map((n) => ({
      name: n.v, raw: this.raw(n), type, init, section, constant, retain, p: n.p, e: n.e,
    }))
  }

  private typeBlock(): TypeDecl[] {
    this.next()
    const out: TypeDecl[] = []
    while (!(this.t.k === 'ID' && this.t.v === 'END_TYPE')) {
      if (this.t.k === 'EOF') throw new ParseError(this.t, 'expected END_TYPE')
      try {
        const n = this.ident('a type name')
        this.expectOp(':')
        const type = this.typeRef(true)
        let init: Init | undefined
        if (this.isOp(':=')) {
          this.next()
          init = this.init()
        }
        this.expectOp(';')
        out.push({ name: n.v, raw: this.raw(n), type, init, p: n.p, e: n.e })
      } catch (err) {
        if (!(err instanceof ParseError)) throw err
        this.report(err)
        this.skipUntil([';', 'END_TYPE'], false)
        if (this.isOp(';')) this.next()
      }
    }
    this.next()
    if (this.isOp(';')) this.next()
    return out
  }

  /** A type: `INT`, `STRING[20]`, `ARRAY[1..10, 0..3] OF REAL`, or in TYPE blocks `STRUCT ... END_STRUCT` / `(A, B)`. */
  typeRef(inTypeBlock: boolean): TypeRef {
    return this.nested(() => {
      const t = this.t
      if (t.k === 'ID' && t.v === 'ARRAY') {
        this.next()
        this.expectOp('[')
        const dims: { lo: Expr; hi: Expr }[] = []
        for (;;) {
          const lo = this.expr()
          this.expectOp('..')
          const hi = this.expr()
          dims.push({ lo, hi })
          if (!this.isOp(',')) break
          this.next()
        }
        this.expectOp(']')
        this.expectWord('OF')
        const of = this.typeRef(false)
        return { k: 'array', dims, of, p: t.p, e: of.e }
      }
      if (t.k === 'ID' && t.v === 'STRUCT') {
        if (!inTypeBlock) throw new ParseError(t, 'declare STRUCT types in a TYPE ... END_TYPE block', 'E_UNSUPPORTED')
        this.next()
        const fields: VarDecl[] = []
        while (!(this.t.k === 'ID' && this.t.v === 'END_STRUCT')) {
          if (this.t.k === 'EOF') throw new ParseError(this.t, 'expected END_STRUCT')
          fields.push(...this.varDecl('VAR', false, false))
        }
        const end = this.next()
        return { k: 'struct', fields, p: t.p, e: end.e }
      }
      if (this.isOp('(')) {
        if (!inTypeBlock) throw new ParseError(t, 'declare enumerated types in a TYPE ... END_TYPE block', 'E_UNSUPPORTED')
        this.next()
        const values: { name: string; raw: string; value?: Expr; p: number; e: number }[] = []
        for (;;) {
          const n = this.ident('an enumeration value')
          let value
          if (this.isOp(':=')) {
            this.next()
            value = this.expr()
          }
          values.push({ name: n.v, raw: this.raw(n), value, p: n.p, e: n.e })
          if (!this.isOp(',')) break
          this.next()
        }
        const end = this.expectOp(')')
        // `(A, B) INT` base types are accepted and ignored: values are held as numbers either way.
        if (this.t.k === 'ID' && !this.isKeyword(this.t) && !this.isOp(':=')) this.next()
        return { k: 'enum', values, p: t.p, e: end.e }
      }
      const n = this.ident('a type name')
      if ((n.v === 'STRING' || n.v === 'WSTRING') && (this.isOp('[') || this.isOp('('))) {
        const close = this.isOp('[') ? ']' : ')'
        this.next()
        const len = this.expr()
        const end = this.expectOp(close)
        return { k: 'named', name: 'STRING', raw: this.raw(n), len, p: n.p, e: end.e }
      }
      if (n.v === 'POINTER' || n.v === 'REFERENCE') throw new ParseError(n, `${n.v} types are not supported`, 'E_UNSUPPORTED')
      return { k: 'named', name: n.v === 'WSTRING' ? 'STRING' : n.v, raw: this.raw(n), p: n.p, e: n.e }
    })
  }

  private init(): Init {
    return this.nested((): Init => {
      const t = this.t
      if (this.isOp('[')) {
        this.next()
        const items: { count?: Expr; value?: Init }[] = []
        if (!this.isOp(']')) {
          for (;;) {
            // `n(value)` repeats a value; `n()` repeats the element's default.
            if ((this.t.k === 'INT') && this.peek(1).k === 'OP' && this.peek(1).v === '(') {
              const count = this.expr0()
              this.expectOp('(')
              const value = this.isOp(')') ? undefined : this.init()
              this.expectOp(')')
              items.push({ count, value })
            } else {
              items.push({ value: this.init() })
            }
            if (!this.isOp(',')) break
            this.next()
          }
        }
        const end = this.expectOp(']')
        return { k: 'array', items, p: t.p, e: end.e }
      }
      if (this.isOp('(') && this.peek(1).k === 'ID' && this.peek(2).k === 'OP' && this.peek(2).v === ':=') {
        this.next()
        const fields: { name: string; raw: string; p: number; e: number; value: Init }[] = []
        for (;;) {
          const n = this.ident('a member name')
          this.expectOp(':=')
          fields.push({ name: n.v, raw: this.raw(n), p: n.p, e: n.e, value: this.init() })
          if (!this.isOp(',')) break
          this.next()
        }
        const end = this.expectOp(')')
        return { k: 'struct', fields, p: t.p, e: end.e }
      }
      const x = this.expr()
      return { k: 'expr', x, p: x.p, e: x.e }
    })
  }
}
