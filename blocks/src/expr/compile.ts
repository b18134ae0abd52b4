import type { Diagnostic, ErrorCode } from '../errors.js'
import type { TagScalar } from '../quality.js'
import type { BinaryOp, ExprNode, TagNode } from './ast.js'
import { FUNCTIONS } from './functions.js'
import { lineColumn } from './lexer.js'
import { parseExpression } from './parser.js'
import type { ParseOptions } from './parser.js'
import type { Evaluator, TagGetter } from './values.js'
import { add, compare, div, equals, mod, mul, neg, not, pow, scalar, sub, toTruth } from './values.js'

export interface CompileOptions extends ParseOptions {
  /** When given, every `{path}` must satisfy it, else E_EXPR_UNKNOWN_TAG. */
  isTag?: (path: string) => boolean
}

/** An expression compiled once into closures; `evaluate` never throws and allocates nothing of its own. */
export interface CompiledExpr {
  readonly source: string
  /** Distinct tag paths the expression reads, in order of first appearance. */
  readonly refs: string[]
  /** Evaluates against current tag values; null means bad/missing (see values.ts). */
  evaluate(get: TagGetter): TagScalar
}

export type ExprResult = { ok: true; expr: CompiledExpr } | { ok: false; diagnostics: Diagnostic[] }

type Arith = (a: TagScalar, b: TagScalar) => TagScalar
const ARITH: Partial<Record<BinaryOp, Arith>> = { '+': add, '-': sub, '*': mul, '/': div, '%': mod, '**': pow }
type Order = (c: number) => boolean
const ORDER: Partial<Record<BinaryOp, Order>> = {
  '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0,
}

/**
 * Compiles an expression for bindings and derived tags. Never throws; problems come back as diagnostics with
 * 1-based line/column: E_EXPR_SYNTAX, E_EXPR_UNKNOWN_FUNCTION, E_EXPR_ARITY, E_EXPR_UNKNOWN_TAG (only with
 * `isTag`), E_LIMIT (too long or too deeply nested).
 * @example
 * const r = compileExpression('round({Tank1/Level} * 100 / {Tank1/Capacity}, 1)')
 * if (r.ok) r.expr.evaluate((path) => values.get(path) ?? null)
 */
export function compileExpression(source: string, options: CompileOptions = {}): ExprResult {
  const parsed = parseExpression(source, options)
  if (!parsed.ok) return parsed
  const diagnostics: Diagnostic[] = []
  const refs: string[] = []
  check(parsed.ast, source, refs, diagnostics)
  if (options.isTag) {
    const isTag = options.isTag
    collectTagNodes(parsed.ast).forEach((node) => {
      if (!isTag(node.path)) diagnostics.push(diag('E_EXPR_UNKNOWN_TAG', `unknown tag {${node.path}}`, source, node.start))
    })
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics }
  const root = build(parsed.ast).ev
  // Guards re-entry: a getter that (through a cycle of derived tags) evaluates this same expression gets null.
  let busy = false
  const expr: CompiledExpr = {
    source,
    refs,
    evaluate(get) {
      if (busy) return null
      busy = true
      try {
        return root(get)
      } catch {
        // Only a throwing getter can get here; a binding must not take the screen down with it.
        return null
      } finally {
        busy = false
      }
    },
  }
  return { ok: true, expr }
}

function diag(code: ErrorCode, message: string, source: string, offset: number): Diagnostic {
  return { code, severity: 'error', message, ...lineColumn(source, offset) }
}

function children(node: ExprNode): ExprNode[] {
  switch (node.type) {
    case 'unary': return [node.operand]
    case 'binary': return [node.left, node.right]
    case 'conditional': return [node.test, node.consequent, node.alternate]
    case 'call': return node.args
    default: return []
  }
}

function check(node: ExprNode, source: string, refs: string[], out: Diagnostic[]): void {
  if (node.type === 'tag' && !refs.includes(node.path)) refs.push(node.path)
  if (node.type === 'call') {
    const fn = FUNCTIONS.get(node.name)
    if (!fn) {
      out.push(diag('E_EXPR_UNKNOWN_FUNCTION', `unknown function '${node.name}'`, source, node.start))
    } else if (node.args.length < fn.min || node.args.length > fn.max) {
      const want = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`
      const s = fn.min === 1 && fn.max === 1 ? '' : 's'
      out.push(diag('E_EXPR_ARITY', `${node.name}(${fn.params}) takes ${want} argument${s}, got ${node.args.length}`, source, node.start))
    }
  }
  for (const c of children(node)) check(c, source, refs, out)
}

function collectTagNodes(node: ExprNode, out: TagNode[] = []): TagNode[] {
  if (node.type === 'tag') out.push(node)
  for (const c of children(node)) collectTagNodes(c, out)
  return out
}

interface Built { ev: Evaluator; constant: boolean }

/** Subtrees without tag references are evaluated once here, so `fmt(x, 2)` does not re-evaluate `2`. */
function build(node: ExprNode): Built {
  const b = buildNode(node)
  if (!b.constant || node.type === 'number' || node.type === 'string' || node.type === 'boolean') return b
  const v = b.ev(noTags)
  return { ev: () => v, constant: true }
}

const noTags: TagGetter = () => null

function literal(v: TagScalar): Built {
  return { ev: () => v, constant: true }
}

function buildNode(node: ExprNode): Built {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return literal(node.value)
    case 'tag': {
      const path = node.path
      return { ev: (get) => scalar(get(path)), constant: false }
    }
    case 'unary': {
      const o = build(node.operand)
      const ev = o.ev
      return { ev: node.op === '-' ? (g) => neg(ev(g)) : (g) => not(ev(g)), constant: o.constant }
    }
    case 'conditional': {
      const [t, a, b] = [build(node.test), build(node.consequent), build(node.alternate)]
      const [te, ae, be] = [t.ev, a.ev, b.ev]
      const ev: Evaluator = (g) => {
        const c = toTruth(te(g))
        return c === null ? null : c ? ae(g) : be(g)
      }
      return { ev, constant: t.constant && a.constant && b.constant }
    }
    case 'binary':
      return buildBinary(node.op, build(node.left), build(node.right))
    case 'call':
      return buildCall(node.name, node.args.map(build))
  }
}

function buildBinary(op: BinaryOp, l: Built, r: Built): Built {
  const le = l.ev
  const re = r.ev
  const constant = l.constant && r.constant
  const arith = ARITH[op]
  if (arith) return { ev: (g) => arith(le(g), re(g)), constant }
  const order = ORDER[op]
  if (order) {
    return { ev: (g) => { const c = compare(le(g), re(g)); return c === null ? null : order(c) }, constant }
  }
  switch (op) {
    case '==':
      return { ev: (g) => equals(le(g), re(g)), constant }
    case '!=':
      return { ev: (g) => { const e = equals(le(g), re(g)); return e === null ? null : !e }, constant }
    case '&&':
      // Three-valued (Kleene) logic: false wins over null, so `{Bad} && false` is still false.
      return {
        ev: (g) => {
          const a = toTruth(le(g))
          if (a === false) return false
          const b = toTruth(re(g))
          if (b === false) return false
          return a === null || b === null ? null : true
        },
        constant,
      }
    default:
      return {
        ev: (g) => {
          const a = toTruth(le(g))
          if (a === true) return true
          const b = toTruth(re(g))
          if (b === true) return true
          return a === null || b === null ? null : false
        },
        constant,
      }
  }
}

function buildCall(name: string, args: Built[]): Built {
  // check() has already refused unknown functions, so the lookup succeeds.
  const fn = FUNCTIONS.get(name)!
  const evs = args.map((a) => a.ev)
  const constant = args.every((a) => a.constant)
  if (fn.compile) return { ev: fn.compile(evs), constant }
  const call = fn.call!
  const n = evs.length
  const acceptsNull = fn.acceptsNull === true
  // One argument buffer per call site, reused on every evaluation (re-entry is refused in evaluate()).
  const buf: TagScalar[] = new Array<TagScalar>(n).fill(null)
  const ev: Evaluator = (g) => {
    for (let i = 0; i < n; i++) {
      const v = (evs[i] as Evaluator)(g)
      if (v === null && !acceptsNull) return null
      buf[i] = v
    }
    return call(buf)
  }
  return { ev, constant }
}
