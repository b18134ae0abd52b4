import type { BlockLibrary } from '../engine/registry.js'
import type { Unit } from './ast.js'
import { checkPou } from './check-stmt.js'
import { Ctx } from './ctx.js'
import { declareUnit, layoutPou } from './declare.js'
import { LineMap, Sink, TooManyErrors } from './diag.js'
import { tokenize } from './lexer.js'
import { parseUnit } from './parser.js'
import type { PouInfo } from './symbols.js'
import { findWiring } from './wiring.js'

/** Source larger than this is refused before lexing (about 50,000 typical lines). */
export const MAX_SOURCE = 2_000_000

export interface Frontend {
  ctx: Ctx
  unit: Unit
  sink: Sink
  /** False when parsing stopped early (nesting limit, error cap): checking the partial tree would mislead. */
  complete: boolean
}

/** Lexes, parses, declares and checks a compilation unit. Diagnostics accumulate in `sink`. */
export function analyse(source: string, library: BlockLibrary, file?: string): Frontend {
  const sink = new Sink(new LineMap(source), file)
  const ctx = new Ctx(sink, library)
  const unit: Unit = { types: [], pous: [] }
  if (source.length > MAX_SOURCE) {
    sink.error('E_ST_LIMIT', 0, 1, `source is ${source.length} characters; the limit is ${MAX_SOURCE}`)
    return { ctx, unit, sink, complete: false }
  }
  try {
    const tokens = tokenize(source, sink)
    const parsed = parseUnit(source, tokens, sink)
    if (!parsed.complete) return { ctx, unit: parsed.unit, sink, complete: false }
    declareUnit(ctx, parsed.unit)
    for (const pou of ctx.pous.values()) layoutPou(ctx, pou)
    for (const pou of ctx.pous.values()) checkPou(ctx, pou)
    checkRecursion(ctx)
    if (sink.errors === 0) {
      for (const pou of ctx.pous.values()) {
        const w = findWiring(pou)
        pou.wiring = w.wiring
        pou.solo = w.solo
      }
    }
    return { ctx, unit: parsed.unit, sink, complete: true }
  } catch (err) {
    if (err instanceof TooManyErrors) return { ctx, unit, sink, complete: false }
    throw err
  }
}

/** IEC forbids recursion; it would also make the static FUNCTION frames unsound. Iterative: call chains may be long. */
function checkRecursion(ctx: Ctx): void {
  const state = new Map<PouInfo, 1 | 2>()
  for (const root of ctx.pous.values()) {
    if (state.has(root)) continue
    const path: PouInfo[] = [root]
    const iters: Iterator<PouInfo>[] = [root.uses.values()]
    state.set(root, 1)
    while (iters.length > 0) {
      const n = iters[iters.length - 1]!.next()
      if (n.done) {
        state.set(path.pop()!, 2)
        iters.pop()
        continue
      }
      const q = n.value
      const s = state.get(q)
      if (s === 2) continue
      if (s === 1) {
        const cycle = path.slice(path.indexOf(q)).map((x) => x.raw)
        ctx.err('E_ST_RECURSION', { p: q.decl.np, e: q.decl.ne }, `recursive calls: ${[...cycle, q.raw].join(' -> ')}`)
        continue
      }
      state.set(q, 1)
      path.push(q)
      iters.push(q.uses.values())
    }
  }
}
