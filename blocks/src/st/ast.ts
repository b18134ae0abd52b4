import type { StType } from './types.js'
import type { Sym } from './symbols.js'

/**
 * Syntax tree of a compilation unit. Every node carries its source range (`p` .. `e`, offsets). Names are kept
 * upper-cased (`name`) for lookup and as written (`raw`) for messages. The checker annotates expressions in place
 * (`ty`, `cv`, `sym`); the code generator reads those annotations.
 */
export interface Node {
  p: number
  e: number
}

export type TypeRef =
  | (Node & { k: 'named'; name: string; raw: string; len?: Expr })
  | (Node & { k: 'array'; dims: { lo: Expr; hi: Expr }[]; of: TypeRef })
  | (Node & { k: 'struct'; fields: VarDecl[] })
  | (Node & { k: 'enum'; values: { name: string; raw: string; value?: Expr; p: number; e: number }[] })

/** Initial value: an expression, `[1, 2, 3(0)]` for arrays, `(a := 1, b := 2)` for structs and FB instances. */
export type Init =
  | (Node & { k: 'expr'; x: Expr })
  | (Node & { k: 'array'; items: { count?: Expr; value?: Init }[] })
  | (Node & { k: 'struct'; fields: { name: string; raw: string; p: number; e: number; value: Init }[] })

export type Section = 'VAR' | 'VAR_INPUT' | 'VAR_OUTPUT' | 'VAR_IN_OUT' | 'VAR_TEMP'

export interface VarDecl extends Node {
  name: string
  raw: string
  type: TypeRef
  init?: Init
  section: Section
  constant: boolean
  retain: boolean
}

export type PouKind = 'PROGRAM' | 'FUNCTION_BLOCK' | 'FUNCTION'

export interface PouDecl extends Node {
  kind: PouKind
  name: string
  raw: string
  /** Range of the name, for messages about the POU. */
  np: number
  ne: number
  ret?: TypeRef
  vars: VarDecl[]
  body: Stmt[]
}

export interface TypeDecl extends Node {
  name: string
  raw: string
  type: TypeRef
  init?: Init
}

export interface Unit {
  types: TypeDecl[]
  pous: PouDecl[]
}

/** Annotations the checker adds to every expression it accepts. */
export interface Checked {
  /** Type of the value. */
  ty?: StType
  /** Constant value, when the expression folds at compile time. */
  cv?: number | string
}

export type Expr =
  | (Node & Checked & { k: 'num'; v: number; real: boolean; typed?: string })
  | (Node & Checked & { k: 'bool'; v: boolean })
  | (Node & Checked & { k: 'time'; v: number })
  | (Node & Checked & { k: 'str'; v: string; typed?: string })
  | (Node & Checked & { k: 'name'; name: string; raw: string; qual?: string; sym?: Sym })
  | (Node & Checked & { k: 'member'; obj: Expr; name: string; raw: string; np: number })
  | (Node & Checked & { k: 'index'; obj: Expr; idx: Expr[] })
  | (Node & Checked & CallInfo & { k: 'call'; fn: string; raw: string; fp: number; fe: number; args: Arg[] })
  | (Node & Checked & { k: 'unary'; op: '-' | '+' | 'NOT'; x: Expr })
  | (Node & Checked & { k: 'bin'; op: BinOp; a: Expr; b: Expr; ot?: StType })

export type BinOp = '+' | '-' | '*' | '/' | 'MOD' | '**' | '<' | '>' | '<=' | '>=' | '=' | '<>' | 'AND' | 'OR' | 'XOR'

export interface Arg extends Node {
  /** Formal parameter name, upper-cased, when written `name := value` or `name => target`. */
  name?: string
  raw?: string
  /** `name => target`: output binding. */
  out: boolean
  value: Expr
}

/** What the checker resolved a call to; read by the code generator. */
export interface CallInfo {
  /** Standard function id, user function name, or the FB call's instance type. */
  target?: unknown
  /** For each formal parameter position, the argument bound to it (or undefined). */
  bound?: (Arg | undefined)[]
  /** Operand type chosen for generic standard functions. */
  ot?: StType
}

export interface CaseArm extends Node {
  labels: { lo: Expr; hi?: Expr }[]
  body: Stmt[]
}

export type Stmt =
  | (Node & { k: 'assign'; target: Expr; value: Expr })
  | (Node & CallInfo & { k: 'call'; callee: Expr; args: Arg[] })
  | (Node & { k: 'if'; arms: { cond: Expr; body: Stmt[] }[]; else?: Stmt[] })
  | (Node & { k: 'case'; sel: Expr; arms: CaseArm[]; else?: Stmt[] })
  | (Node & { k: 'for'; v: Expr; from: Expr; to: Expr; by?: Expr; body: Stmt[] })
  | (Node & { k: 'while'; cond: Expr; body: Stmt[] })
  | (Node & { k: 'repeat'; body: Stmt[]; cond: Expr })
  | (Node & { k: 'exit' })
  | (Node & { k: 'continue' })
  | (Node & { k: 'return' })
  | (Node & { k: 'empty' })
