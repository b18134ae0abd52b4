/**
 * Every FB network of a draft in one walk: FBD programs (`programs/*.fbd.json`), function blocks
 * (`blocks/*.fb.json`) and the programs of equipment templates (`types/*.json` `programs[]`). Commands that change
 * what a block type means (renaming a function block or one of its pins) edit all of them, so nothing is left wired
 * to a name that no longer exists.
 */
import type { FbBlock, FbWire } from '@takt/blocks'
import type { FileChanges, ReadonlyDoc } from '../doc/command'

export interface Network { blocks: FbBlock[]; wires: FbWire[] }

/** Where a network lives: `programs/p.fbd.json`, or `types/Motor.json program RunCheck`. */
export interface NetworkAt { file: string; program?: string; net: Network }

interface NetFile { blocks?: unknown; wires?: unknown; programs?: unknown }

const isNet = (v: unknown): v is Network =>
  typeof v === 'object' && v !== null && Array.isArray((v as NetFile).blocks) && Array.isArray((v as NetFile).wires)

export function networksOf(doc: ReadonlyDoc): NetworkAt[] {
  const out: NetworkAt[] = []
  for (const file of doc.paths()) {
    if (/^programs\/[^/]+\.fbd\.json$/.test(file) || /^blocks\/[^/]+\.fb\.json$/.test(file)) {
      const v = doc.get(file)
      if (isNet(v)) out.push({ file, net: v })
    } else if (/^types\/[^/]+\.json$/.test(file)) {
      const programs = doc.get<NetFile>(file)?.programs
      if (!Array.isArray(programs)) continue
      for (const p of programs) if (isNet(p)) out.push({ file, program: String((p as { name?: unknown }).name), net: p })
    }
  }
  return out
}

/**
 * Applies `edit` to every network (null: unchanged) and returns the changed files; `skip` leaves one file out (the
 * caller writes it itself).
 */
export function editNetworks(doc: ReadonlyDoc, edit: (net: Network) => Network | null, skip?: string): FileChanges {
  const changes: FileChanges = {}
  for (const file of doc.paths()) {
    if (file === skip) continue
    if (/^programs\/[^/]+\.fbd\.json$/.test(file) || /^blocks\/[^/]+\.fb\.json$/.test(file)) {
      const v = doc.get(file)
      const next = isNet(v) ? edit(v) : null
      if (next) changes[file] = { ...(v as object), ...next }
    } else if (/^types\/[^/]+\.json$/.test(file)) {
      const t = doc.get<NetFile>(file)
      if (!t || !Array.isArray(t.programs)) continue
      let changed = false
      const programs = t.programs.map((p: unknown) => {
        const next = isNet(p) ? edit(p) : null
        if (!next) return p
        changed = true
        return { ...(p as object), ...next }
      })
      if (changed) changes[file] = { ...t, programs }
    }
  }
  return changes
}

/**
 * The edit that follows a renamed (`to` a name) or removed (`to` null) pin of block type `type` in its users:
 * wires to or from that pin of every block of the type, and input constants under its name.
 */
export function followPin(type: string, side: 'inputs' | 'outputs', from: string, to: string | null): (net: Network) => Network | null {
  return (net) => {
    const ids = new Set(net.blocks.filter((b) => b.type === type).map((b) => b.id))
    if (ids.size === 0) return null
    const end = (ref: string): string | null | undefined => {
      const dot = ref.lastIndexOf('.')
      if (!ids.has(ref.slice(0, dot)) || ref.slice(dot + 1) !== from) return undefined
      return to === null ? null : `${ref.slice(0, dot)}.${to}`
    }
    let changed = false
    const wires: FbWire[] = []
    for (const w of net.wires) {
      const r = end(side === 'inputs' ? w.to : w.from)
      if (r === undefined) wires.push(w)
      else {
        changed = true
        if (r !== null) wires.push(side === 'inputs' ? { ...w, to: r } : { ...w, from: r })
      }
    }
    const blocks = side === 'outputs' ? net.blocks : net.blocks.map((b) => {
      if (!ids.has(b.id) || !b.inputs || !(from in b.inputs)) return b
      changed = true
      const { [from]: value, ...rest } = b.inputs
      const inputs = to === null || value === undefined ? rest : { ...rest, [to]: value }
      return Object.keys(inputs).length > 0 ? { ...b, inputs } : (({ inputs: _gone, ...r }) => r)(b)
    })
    return changed ? { blocks, wires } : null
  }
}
