/** The expression language for screen bindings and derived tags: parsed and compiled by us, never eval'd. */
export { compileExpression } from './compile.js'
export type { CompileOptions, CompiledExpr, ExprResult } from './compile.js'
export { parseExpression, DEFAULT_MAX_LENGTH as EXPR_MAX_LENGTH, DEFAULT_MAX_DEPTH as EXPR_MAX_DEPTH } from './parser.js'
export type { ParseOptions, ParseResult } from './parser.js'
export { ExprFunctions, getExprFunction } from './functions.js'
export type { ExprFunction } from './functions.js'
export type { TagGetter } from './values.js'
export type {
  ExprNode, NumberNode, StringNode, BooleanNode, TagNode, UnaryNode, BinaryNode, ConditionalNode, CallNode,
  UnaryOp, BinaryOp, ArithmeticOp, ComparisonOp, LogicalOp,
} from './ast.js'
