/**
 * The block library the logic editor works with: the standard blocks plus the draft's user blocks (every
 * FUNCTION_BLOCK of its `programs/*.st` and every FBD function block of its `blocks/*.fb.json`, built as the
 * runtime builds them). One draft is open at a time, so the active library is a module-level ref that the palette,
 * ports, inspector and compiler all read.
 */
import { shallowRef } from 'vue'
import { defaultLibrary, FB_IN, FB_OUT, FbdBlockFile, libraryWithSt, userBlocksFromFbd } from '@takt/blocks'
import type { BlockDef, BlockLibrary, Diagnostic } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { draftStUnit, stPaths } from '../st/unit'

const active = shallowRef<BlockLibrary>(defaultLibrary)

/** A function block file's path: `blocks/<NAME>.fb.json`. */
export const FB_PATH = /^blocks\/([^/]+)\.fb\.json$/

export function isFbPath(path: string): boolean {
  return FB_PATH.test(path)
}

/** Paths of the draft's FBD function blocks, in the order the loader reads them. */
export function fbPaths(doc: ReadonlyDoc): string[] {
  return doc.paths().filter((p) => FB_PATH.test(p)).sort()
}

interface Built { key: readonly unknown[]; library: BlockLibrary; problems: Diagnostic[] }
let last: Built | null = null

/**
 * The standard library plus the draft's user blocks, cached while the ST files and function block files are
 * unchanged (the document shares untouched file objects between versions). A function block file that does not
 * match its schema is left out here; the problems panel names it.
 */
export function draftLibrary(doc: ReadonlyDoc): BlockLibrary {
  const hasSt = stPaths(doc).length > 0
  const fbs = fbPaths(doc)
  if (!hasSt && fbs.length === 0) return defaultLibrary
  const unit = hasSt ? draftStUnit(doc) : null
  const key = [unit, ...fbs.flatMap((p) => [p, doc.get(p)])]
  if (last && last.key.length === key.length && last.key.every((x, i) => x === key[i])) return last.library
  const base = libraryWithSt(unit)
  const entries = fbs.flatMap((file) => {
    const r = FbdBlockFile.safeParse(doc.get(file))
    return r.success ? [{ file, value: r.data }] : []
  })
  const built = userBlocksFromFbd(entries, base)
  last = { key, library: built.defs.length > 0 ? base.with(...built.defs) : base, problems: built.diagnostics }
  return last.library
}

/** Problems found while building the draft's function blocks (name clashes, recursion, broken networks), for `file`. */
export function draftFbProblems(doc: ReadonlyDoc, file: string): Diagnostic[] {
  draftLibrary(doc)
  return last?.problems.filter((d) => d.file === file) ?? []
}

const withPins = new WeakMap<BlockLibrary, BlockLibrary>()

/** `library` plus FB_IN and FB_OUT: what the network of a function block is edited with. */
export function fbEditorLibrary(library: BlockLibrary): BlockLibrary {
  let lib = withPins.get(library)
  if (!lib) withPins.set(library, (lib = library.get(FB_IN.type) ? library : library.with(FB_IN, FB_OUT)))
  return lib
}

/** Makes `library` the one the editor uses (reactive: views reading it update). */
export function setLogicLibrary(library: BlockLibrary): void {
  active.value = library
}

/** The library in use. */
export function logicLibrary(): BlockLibrary {
  return active.value
}

/** A block definition of the library in use, or undefined. */
export function logicBlock(type: string): BlockDef | undefined {
  return active.value.get(type)
}
