/**
 * The block library the logic editor works with: the standard blocks plus the draft's user blocks (every
 * FUNCTION_BLOCK of its `programs/*.st`, compiled as the ST editor and the runtime compile them). One draft is open
 * at a time, so the active library is a module-level ref that the palette, ports, inspector and compiler all read.
 */
import { shallowRef } from 'vue'
import { defaultLibrary, libraryWithSt } from '@takt/blocks'
import type { BlockDef, BlockLibrary, StUnit } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { draftStUnit, stPaths } from '../st/unit'

const active = shallowRef<BlockLibrary>(defaultLibrary)
let lastUnit: StUnit | null = null
let lastLibrary: BlockLibrary = defaultLibrary

/** The standard library plus the user blocks of the draft's ST unit (cached while the unit is unchanged). */
export function draftLibrary(doc: ReadonlyDoc): BlockLibrary {
  if (stPaths(doc).length === 0) return defaultLibrary
  const unit = draftStUnit(doc)
  if (unit !== lastUnit) {
    lastUnit = unit
    lastLibrary = libraryWithSt(unit)
  }
  return lastLibrary
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
