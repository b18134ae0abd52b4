import type { Diagnostic } from '../errors.js'
import type { BlockLibrary } from '../engine/registry.js'
import { defaultLibrary } from '../library/index.js'
import type { PouKind, Section } from './ast.js'
import { TooManyErrors } from './diag.js'
import { analyse } from './frontend.js'
import { generate, type StExec } from './generate.js'
import { typeName } from './types.js'

export interface StCompileOptions {
  /** File name put on diagnostics. */
  file?: string
  /** Library whose blocks may be declared as FB instances (`t : TON;`); the standard library by default. */
  library?: BlockLibrary
}

/** A declared variable of a POU, for tooling (completion, bindings, documentation). */
export interface StVariable {
  name: string
  /** Type as IEC writes it: `INT`, `STRING[20]`, `ARRAY[1..10] OF REAL`, `TON`. */
  type: string
  section: Section | 'RETURN'
  constant: boolean
  retain: boolean
  line: number
  column: number
}

/** A compiled PROGRAM, FUNCTION_BLOCK or FUNCTION. Instantiate it with `createStInstance`. */
export interface StPou {
  readonly name: string
  readonly kind: PouKind
  /** FUNCTION only. */
  readonly returnType?: string
  readonly variables: readonly StVariable[]
  readonly file?: string
  readonly line: number
  readonly column: number
  /** @internal Executable form; null when the unit has errors. */
  readonly exec: StExec | null
}

export interface StCompileResult {
  pous: StPou[]
  /** Errors and warnings, each with a stable code, line and column; sorted by position. */
  diagnostics: Diagnostic[]
}

const SECTION_OF = { var: 'VAR', input: 'VAR_INPUT', output: 'VAR_OUTPUT', inout: 'VAR_IN_OUT', temp: 'VAR_TEMP', return: 'RETURN' } as const

/**
 * Compiles IEC 61131-3 Structured Text: TYPE blocks and POUs in one source. Reports every syntax and type error it
 * can find (recovering at statement boundaries), and produces executable POUs when there are none.
 *
 * @example
 * const { pous, diagnostics } = compileSt('PROGRAM Main VAR x : INT; END_VAR x := x + 1; END_PROGRAM')
 * const main = createStInstance(pous[0]!)
 * main.scan(clock.now())
 */
export function compileSt(source: string, options: StCompileOptions = {}): StCompileResult {
  const fe = analyse(source, options.library ?? defaultLibrary, options.file)
  const { ctx, sink } = fe
  const ok = fe.complete && sink.errors === 0
  const pous: StPou[] = []
  try {
    for (const p of ctx.pous.values()) {
      const at = sink.position(p.decl.np)
      const variables = p.order.map((s): StVariable => {
        const pos = sink.position(s.decl?.p ?? p.decl.np)
        return {
          name: s.raw, type: typeName(s.type), section: SECTION_OF[s.vk], constant: s.constant, retain: s.retain,
          line: pos.line, column: pos.column,
        }
      })
      const pou: StPou = {
        name: p.raw, kind: p.kind, variables, line: at.line, column: at.column,
        exec: ok ? generate(ctx, p) : null,
        ...(p.ret ? { returnType: typeName(p.ret) } : {}),
        ...(options.file !== undefined ? { file: options.file } : {}),
      }
      pous.push(pou)
    }
  } catch (err) {
    if (!(err instanceof TooManyErrors)) throw err
  }
  return { pous, diagnostics: sink.diagnostics() }
}
