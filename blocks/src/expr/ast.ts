/**
 * The syntax tree of an expression, as `parseExpression` returns it (for the editor: highlighting, hovers,
 * rename of tag references). `start`/`end` are 0-based UTF-16 offsets into the source, `end` exclusive.
 */

export type UnaryOp = '-' | '!'
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '**'
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!='
export type LogicalOp = '&&' | '||'
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp

interface Span { start: number; end: number }

export interface NumberNode extends Span { type: 'number'; value: number }
export interface StringNode extends Span { type: 'string'; value: string }
export interface BooleanNode extends Span { type: 'boolean'; value: boolean }
/** `{Area/Tank1/Level}`; `path` is the text between the braces. */
export interface TagNode extends Span { type: 'tag'; path: string }
export interface UnaryNode extends Span { type: 'unary'; op: UnaryOp; operand: ExprNode }
export interface BinaryNode extends Span { type: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode }
export interface ConditionalNode extends Span { type: 'conditional'; test: ExprNode; consequent: ExprNode; alternate: ExprNode }
/** `name` is lower-cased (function names are case-insensitive); `nameEnd` ends the name token. */
export interface CallNode extends Span { type: 'call'; name: string; nameEnd: number; args: ExprNode[] }

export type ExprNode =
  | NumberNode | StringNode | BooleanNode | TagNode | UnaryNode | BinaryNode | ConditionalNode | CallNode
