/**
 * Binding expressions compiled once per source text with the shared expression language from blocks.
 * The cache is cleared when a new APP arrives, since tag existence (isTag) may have changed.
 */
import { compileExpression } from '@takt/blocks'
import type { TagScalar } from '@takt/blocks'

export type CompiledBinding =
  | { ok: true; refs: readonly string[]; evaluate(get: (path: string) => TagScalar): TagScalar }
  | { ok: false; message: string }

export type BindingCompiler = (source: string) => CompiledBinding

/** A compiler with its own cache; `isTag` reports unknown tags as compile errors. */
export function createBindingCompiler(isTag?: (path: string) => boolean): BindingCompiler {
  const cache = new Map<string, CompiledBinding>()
  return (source) => {
    let c = cache.get(source)
    if (!c) {
      const r = compileExpression(source, isTag ? { isTag } : {})
      c = r.ok
        ? { ok: true, refs: r.expr.refs, evaluate: (get) => r.expr.evaluate(get) }
        : { ok: false, message: r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ') }
      cache.set(source, c)
    }
    return c
  }
}
