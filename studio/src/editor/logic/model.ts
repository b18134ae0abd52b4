/**
 * Pure helpers over the saved FB program (`programs/<name>.fbd.json`). Ports are always derived from the block
 * definitions in the library (STYLE.md 14); nothing here stores them.
 */
import { logicBlock as getBlock } from './library'
import type { BlockDef, FbBlock, FbdProgram, FbWire, PinDef } from '@takt/blocks'

/** `blockId.PIN` split in two; null when the text is not of that form. */
export interface PinRef { block: string; pin: string }

export function parseRef(ref: string): PinRef | null {
  const dot = ref.indexOf('.')
  if (dot <= 0 || dot === ref.length - 1) return null
  return { block: ref.slice(0, dot), pin: ref.slice(dot + 1) }
}

export function refOf(block: string, pin: string): string {
  return `${block}.${pin}`
}

/** Same rule as the `Name` schema: block ids end up in wire refs and monitoring paths. */
export const BLOCK_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

/** `programs/mix.fbd.json` -> `mix`. */
export function programName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return base.endsWith('.fbd.json') ? base.slice(0, -'.fbd.json'.length) : base
}

/** A fresh id `base`, `base2`, `base3`, ... not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]/, '_$&').slice(0, 56) || 'b'
  if (!taken.has(clean)) return clean
  for (let i = 2; ; i++) {
    const id = `${clean}${i}`
    if (!taken.has(id)) return id
  }
}

/** The id base for a new block of `type`: `TON` -> `ton`, `TAG_IN` -> `tag_in`. */
export function idBase(type: string): string {
  return type.toLowerCase()
}

export interface BlockPorts {
  def: BlockDef | undefined
  inputs: readonly PinDef[]
  outputs: readonly PinDef[]
}

/**
 * The ports a block shows. Known types: from the definition, with extensible inputs (AND.IN3..IN8) shown up to
 * the last one in use plus one free slot, as PLC IDEs grow a block. Unknown types: the pins its wires name, so a
 * broken file still shows its connections.
 */
export function portsOf(block: FbBlock, wires: readonly FbWire[]): BlockPorts {
  const def = getBlock(block.type)
  if (!def) {
    const ins = new Set<string>()
    const outs = new Set<string>()
    for (const w of wires) {
      const f = parseRef(w.from)
      const t = parseRef(w.to)
      if (f?.block === block.id) outs.add(f.pin)
      if (t?.block === block.id) ins.add(t.pin)
    }
    for (const k of Object.keys(block.inputs ?? {})) ins.add(k)
    const pin = (name: string): PinDef => ({ name, type: 'ANY', default: 0 })
    return { def, inputs: [...ins].map(pin), outputs: [...outs].map(pin) }
  }
  const used = new Set(Object.keys(block.inputs ?? {}))
  for (const w of wires) {
    const t = parseRef(w.to)
    if (t?.block === block.id) used.add(t.pin)
  }
  let lastUsed = -1
  def.inputs.forEach((p, i) => { if (p.optional && used.has(p.name)) lastUsed = i })
  let freeShown = false
  const inputs = def.inputs.filter((p, i) => {
    if (!p.optional || i <= lastUsed) return true
    if (freeShown) return false
    freeShown = true
    return true
  })
  return { def, inputs, outputs: def.outputs }
}

/** Index of a block by id, or -1. */
export function blockIndex(program: FbdProgram, id: string): number {
  return program.blocks.findIndex((b) => b.id === id)
}

/** Stable identity of a wire for the view and for deletion (indices shift when wires are removed). */
export function wireKey(w: FbWire): string {
  return `${w.from}->${w.to}`
}

/** Is `pin` an input (`in`), an output (`out`) of the block's type, or neither? Unknown types: null. */
export function pinSide(block: FbBlock, pin: string): 'in' | 'out' | 'none' | null {
  const def = getBlock(block.type)
  if (!def) return null
  if (def.inputs.some((p) => p.name === pin)) return 'in'
  if (def.outputs.some((p) => p.name === pin)) return 'out'
  return 'none'
}

/** The definition of an input pin, or undefined. */
export function inputDef(type: string, pin: string): PinDef | undefined {
  return getBlock(type)?.inputs.find((p) => p.name === pin)
}
