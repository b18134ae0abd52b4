import type { PouInfo, Sym } from './symbols.js'
import type { StType } from './types.js'

/** A scalar variable of a running instance, located in its number or string memory. */
export interface Leaf {
  path: string
  type: StType
  /** Number slot (`string` false) or string slot (`string` true). */
  slot: number
  string: boolean
  writable: boolean
}

type Mem = Float64Array

/** Where a variable path leads: a leaf, or an aggregate (array, STRUCT, FB instance) with its base slots. */
interface Loc {
  type: StType
  nb: number
  sb: number
  writable: boolean
}

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\s*-?\d+(?:\s*,\s*-?\d+)*\s*\])?)$/

/** Resolves `a`, `t1.Q`, `arr[3]`, `grid[1, 2].x`, `fb.inner.v` against the root frame; undefined if unknown. */
export function resolvePath(root: PouInfo, m: Mem, path: string): Leaf | undefined {
  const parts = path.trim().split('.')
  let loc: Loc | undefined
  for (const part of parts) {
    const mm = SEGMENT.exec(part.trim())
    if (!mm) return undefined
    const name = mm[1]!.toUpperCase()
    const sym: Sym | undefined = loc === undefined ? root.vars.get(name) : member(loc.type, name)
    if (!sym) return undefined
    const base: Loc = loc ?? { type: sym.type, nb: 0, sb: 0, writable: true }
    if (sym.vk === 'inout') {
      // The address cells of a VAR_IN_OUT point at the caller's variable (or, at the root, at its own storage).
      loc = { type: sym.type, nb: m[base.nb + sym.off]!, sb: m[base.nb + sym.off + 1]!, writable: true }
    } else {
      loc = { type: sym.type, nb: base.nb + sym.off, sb: base.sb + sym.soff, writable: base.writable && !sym.constant }
    }
    if (mm[2]) {
      const idx = mm[2].slice(1, -1).split(',').map((x) => Number(x.trim()))
      const t = loc.type
      if (t.kind !== 'array' || idx.length !== t.dims.length) return undefined
      let { nb, sb } = loc
      for (const [i, v] of idx.entries()) {
        const d = t.dims[i]!
        if (v < d.lo || v > d.hi) return undefined
        nb += (v - d.lo) * d.stride
        sb += (v - d.lo) * d.sstride
      }
      loc = { type: t.elem, nb, sb, writable: loc.writable }
    }
  }
  if (!loc) return undefined
  const t = loc.type
  if (t.kind === 'elem' || t.kind === 'enum') {
    const str = t.kind === 'elem' && t.name === 'STRING'
    return { path, type: t, slot: str ? loc.sb : loc.nb, string: str, writable: loc.writable }
  }
  return undefined
}

function member(t: StType, name: string): Sym | undefined {
  if (t.kind === 'struct') {
    const f = t.fields.get(name)
    return f && { name: f.name, raw: f.raw, type: f.type, vk: 'var', constant: false, retain: false, decl: null, off: f.off, soff: f.soff, used: true }
  }
  if (t.kind === 'fb') {
    const s = t.members.get(name)
    return s && s.vk !== 'return' ? s : undefined
  }
  return undefined
}

/** Every scalar inside a value of type `t` at nb/sb, with paths under `prefix`. Library FBs include their state. */
export function leaves(t: StType, nb: number, sb: number, prefix: string, m: Mem, out: Leaf[], writable = true): void {
  switch (t.kind) {
    case 'elem':
    case 'enum':
    case 'lit': {
      const str = t.kind === 'elem' && t.name === 'STRING'
      out.push({ path: prefix, type: t, slot: str ? sb : nb, string: str, writable })
      return
    }
    case 'array': {
      const { dims, elem } = t
      const idx = dims.map((d) => d.lo)
      for (let i = 0; i < t.count; i++) {
        leaves(elem, nb + i * elem.size, sb + i * elem.ssize, `${prefix}[${idx.join(',')}]`, m, out, writable)
        for (let k = dims.length - 1; k >= 0; k--) {
          if (++idx[k]! <= dims[k]!.hi) break
          idx[k] = dims[k]!.lo
        }
      }
      return
    }
    case 'struct':
      for (const f of t.order) leaves(f.type, nb + f.off, sb + f.soff, `${prefix}.${f.raw}`, m, out, writable)
      return
    case 'fb':
      if (t.lib) {
        for (const s of t.members.values()) leaves(s.type, nb + s.off, 0, `${prefix}.${s.name}`, m, out, writable)
        for (let k = 0; k < t.lib.def.stateSize; k++) {
          out.push({ path: `${prefix}.#s${k}`, type: { kind: 'elem', name: 'LREAL', size: 1, ssize: 0, maxLen: 0 }, slot: nb + t.lib.stateOff + k, string: false, writable })
        }
        return
      }
      for (const s of t.pou!.order) {
        if (s.vk === 'inout' || s.vk === 'temp') continue
        leaves(s.type, nb + s.off, sb + s.soff, `${prefix}.${s.raw}`, m, out, writable && !s.constant)
      }
      return
    case 'void':
      return
  }
}

/** Leaves of the root's variables of the given kinds (VAR_IN_OUT at the root points at its own storage). */
export function rootLeaves(root: PouInfo, m: Mem, kinds: readonly Sym['vk'][]): Leaf[] {
  const out: Leaf[] = []
  for (const s of root.order) {
    if (!kinds.includes(s.vk)) continue
    if (s.vk === 'inout') leaves(s.type, m[s.off]!, m[s.off + 1]!, s.raw, m, out)
    else leaves(s.type, s.off, s.soff, s.raw, m, out, !s.constant)
  }
  return out
}

/**
 * Variables that survive a restart: RETAIN (or PERSISTENT) ones of the root, and those declared RETAIN inside
 * the FB types of its instances, at any depth. A retained FB instance keeps everything, its state included.
 */
export function retainLeaves(root: PouInfo, m: Mem): Leaf[] {
  const out: Leaf[] = []
  const walk = (pou: PouInfo, nb: number, sb: number, prefix: string, depth: number): void => {
    for (const s of pou.order) {
      if (s.vk === 'inout' || s.vk === 'temp' || s.constant) continue
      const path = prefix ? `${prefix}.${s.raw}` : s.raw
      if (s.retain) {
        leaves(s.type, nb + s.off, sb + s.soff, path, m, out)
        continue
      }
      const t = s.type
      if (depth < 32 && t.kind === 'fb' && t.pou) walk(t.pou, nb + s.off, sb + s.soff, path, depth + 1)
      if (depth < 32 && t.kind === 'array' && t.elem.kind === 'fb' && t.elem.pou) {
        for (let i = 0; i < t.count; i++) walk(t.elem.pou, nb + s.off + i * t.elem.size, sb + s.soff + i * t.elem.ssize, `${path}[${t.dims.length === 1 ? t.dims[0]!.lo + i : `#${i}`}]`, depth + 1)
      }
    }
  }
  walk(root, 0, 0, '', 0)
  return out
}
