import type { CaseArm, Expr, Stmt } from './ast.js'
import { ExprParser, ParseError } from './parse-expr.js'

/** Words that end a statement list; a statement parser never consumes them on its own. */
const BLOCK_END = new Set([
  'END_IF', 'ELSIF', 'ELSE', 'END_CASE', 'END_FOR', 'END_WHILE', 'UNTIL', 'END_REPEAT',
  'END_PROGRAM', 'END_FUNCTION', 'END_FUNCTION_BLOCK',
])
/** Where recovery after a broken statement may resume. */
const STMT_START = new Set(['IF', 'CASE', 'FOR', 'WHILE', 'REPEAT', 'EXIT', 'CONTINUE', 'RETURN'])

/** Statement grammar; recovers at statement boundaries so several errors come out of one compile. */
export class StmtParser extends ExprParser {
  /** Statements up to one of the BLOCK_END words (not consumed) or EOF. */
  statements(caseArms = false): Stmt[] {
    const out: Stmt[] = []
    while (this.t.k !== 'EOF' && !(this.t.k === 'ID' && BLOCK_END.has(this.t.v))) {
      if (caseArms && this.atCaseLabel()) break
      const before = this.i
      try {
        out.push(this.statement())
      } catch (err) {
        if (!(err instanceof ParseError)) throw err
        this.report(err)
        this.recover(before)
      }
    }
    return out
  }

  /** Skips past the broken statement: to just after the next `;`, or to a keyword that starts or ends a block. */
  private recover(before: number): void {
    if (this.i === before) this.next()
    while (this.t.k !== 'EOF') {
      if (this.isOp(';')) {
        this.next()
        return
      }
      if (this.t.k === 'ID' && (BLOCK_END.has(this.t.v) || STMT_START.has(this.t.v))) return
      this.next()
    }
  }

  private endWith(word: string, opener: { p: number }): number {
    const t = this.t
    if (!this.isWord(word)) {
      throw new ParseError(t, `expected ${word} to close the block opened on line ${this.sink.lineOf(opener.p)}, found ${this.describe(t)}`)
    }
    this.next()
    // IEC requires `;` after END_IF etc.; common tools accept it missing, and so do we.
    if (this.isOp(';')) return this.next().e
    return t.e
  }

  private statement(): Stmt {
    return this.nested((): Stmt => {
      const t = this.t
      if (this.isOp(';')) {
        this.next()
        return { k: 'empty', p: t.p, e: t.e }
      }
      if (t.k === 'ID') {
        switch (t.v) {
          case 'IF': return this.ifStmt()
          case 'CASE': return this.caseStmt()
          case 'FOR': return this.forStmt()
          case 'WHILE': {
            this.next()
            const cond = this.expr()
            this.expectWord('DO')
            const body = this.statements()
            const e = this.endWith('END_WHILE', t)
            return { k: 'while', cond, body, p: t.p, e }
          }
          case 'REPEAT': {
            this.next()
            const body = this.statements()
            this.expectWord('UNTIL')
            const cond = this.expr()
            const e = this.endWith('END_REPEAT', t)
            return { k: 'repeat', body, cond, p: t.p, e }
          }
          case 'EXIT':
          case 'CONTINUE':
          case 'RETURN': {
            this.next()
            const e = this.expectOp(';').e
            return { k: t.v === 'EXIT' ? 'exit' : t.v === 'CONTINUE' ? 'continue' : 'return', p: t.p, e }
          }
        }
      }
      const target = this.postfix()
      if (this.isOp(':=')) {
        this.next()
        const value = this.expr()
        const end = this.expectOp(';')
        return { k: 'assign', target, value, p: t.p, e: end.e }
      }
      if (target.k === 'call') {
        const end = this.expectOp(';')
        return { k: 'call', callee: { k: 'name', name: target.fn, raw: target.raw, p: target.fp, e: target.fe }, args: target.args, p: t.p, e: end.e }
      }
      if (this.isOp('(')) {
        const { args } = this.args()
        const end = this.expectOp(';')
        return { k: 'call', callee: target, args, p: t.p, e: end.e }
      }
      if (this.isOp('=')) throw new ParseError(this.t, "expected ':=' for an assignment ('=' compares)")
      throw new ParseError(this.t, `expected ':=' or '(' after ${this.src.slice(target.p, target.e)}, found ${this.describe(this.t)}`)
    })
  }

  private ifStmt(): Stmt {
    const t = this.next()
    const arms: { cond: Expr; body: Stmt[] }[] = []
    const cond = this.expr()
    this.expectWord('THEN')
    arms.push({ cond, body: this.statements() })
    let elseBody: Stmt[] | undefined
    for (;;) {
      if (this.isWord('ELSIF')) {
        this.next()
        const c = this.expr()
        this.expectWord('THEN')
        arms.push({ cond: c, body: this.statements() })
      } else if (this.isWord('ELSE')) {
        this.next()
        elseBody = this.statements()
        break
      } else {
        break
      }
    }
    const e = this.endWith('END_IF', t)
    return { k: 'if', arms, else: elseBody, p: t.p, e }
  }

  /** A case label starts with a literal, a sign, or a name followed by `:`, `,` or `..`. */
  private atCaseLabel(): boolean {
    const t = this.t
    if (t.k === 'INT' || t.k === 'REAL' || t.k === 'TYPED') return true
    if (t.k === 'OP' && t.v === '-' && this.peek(1).k === 'INT') return true
    if (t.k === 'ID' && !this.isKeyword(t)) {
      const n = this.peek(1)
      return n.k === 'OP' && (n.v === ':' || n.v === ',' || n.v === '..')
    }
    return false
  }

  private caseStmt(): Stmt {
    const t = this.next()
    const sel = this.expr()
    this.expectWord('OF')
    const arms: CaseArm[] = []
    let elseBody: Stmt[] | undefined
    while (!this.isWord('END_CASE') && this.t.k !== 'EOF') {
      if (this.isWord('ELSE')) {
        this.next()
        if (this.isOp(':')) this.next()
        elseBody = this.statements()
        break
      }
      if (!this.atCaseLabel()) throw new ParseError(this.t, `expected a case label, ELSE or END_CASE, found ${this.describe(this.t)}`)
      const start = this.t.p
      const labels: { lo: Expr; hi?: Expr }[] = []
      for (;;) {
        const lo = this.expr()
        if (this.isOp('..')) {
          this.next()
          labels.push({ lo, hi: this.expr() })
        } else {
          labels.push({ lo })
        }
        if (!this.isOp(',')) break
        this.next()
      }
      const colon = this.expectOp(':')
      const body = this.statements(true)
      arms.push({ labels, body, p: start, e: colon.e })
    }
    const e = this.endWith('END_CASE', t)
    return { k: 'case', sel, arms, else: elseBody, p: t.p, e }
  }

  private forStmt(): Stmt {
    const t = this.next()
    const vt = this.ident('a loop variable')
    const v: Expr = { k: 'name', name: vt.v, raw: this.raw(vt), p: vt.p, e: vt.e }
    this.expectOp(':=')
    const from = this.expr()
    this.expectWord('TO')
    const to = this.expr()
    let by: Expr | undefined
    if (this.isWord('BY')) {
      this.next()
      by = this.expr()
    }
    this.expectWord('DO')
    const body = this.statements()
    const e = this.endWith('END_FOR', t)
    return { k: 'for', v, from, to, by, body, p: t.p, e }
  }
}
