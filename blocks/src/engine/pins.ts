import { isGeneric } from './typesys.js'
import type { BlockDef } from './types.js'

/** Lookups derived once per definition: compiling 100k blocks should not scan pin lists per wire. */
export interface PinIndex {
  inputs: ReadonlyMap<string, number>
  outputs: ReadonlyMap<string, number>
  /** The block's generic kind, if any pin is generic. */
  generic: 'ANY' | 'ANY_NUM' | undefined
}

const cache = new WeakMap<BlockDef, PinIndex>()

export function pinIndex(def: BlockDef): PinIndex {
  let p = cache.get(def)
  if (!p) {
    const generic = [...def.inputs, ...def.outputs].map((x) => x.type).find(isGeneric)
    p = {
      inputs: new Map(def.inputs.map((x, i) => [x.name, i])),
      outputs: new Map(def.outputs.map((x, i) => [x.name, i])),
      generic: generic as PinIndex['generic'],
    }
    cache.set(def, p)
  }
  return p
}
