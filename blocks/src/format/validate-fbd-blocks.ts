/** The APP's FBD function blocks (`blocks/*.fb.json`) checked together, and the block library its programs use. */
import type { BlockLibrary } from '../engine/registry.js'
import { userBlocksFromFbd } from './fbd-blocks-build.js'
import { libraryWithSt } from './st-blocks.js'
import type { StUnit } from './st-unit.js'
import type { Ctx } from './validate.js'

/**
 * Builds every function block file against the standard blocks plus the APP's Structured Text FUNCTION_BLOCKs,
 * reports what is wrong with them, and returns that library with the function blocks added: what programs compile
 * against (a Structured Text unit with errors contributes no blocks).
 */
export function checkFbdBlocks(ctx: Ctx, st: StUnit | null): BlockLibrary {
  const base = libraryWithSt(st?.ok ? st : null)
  const files = ctx.parts.fbBlocks ?? []
  if (files.length === 0) return base
  const { defs, diagnostics } = userBlocksFromFbd(files, base)
  ctx.out.push(...diagnostics)
  return defs.length > 0 ? base.with(...defs) : base
}
