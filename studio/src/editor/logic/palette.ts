/** The block palette: the library's blocks grouped by family, filtered by a search over type and descriptions. */
import type { BlockDef, BlockFamily } from '@takt/blocks'
import { logicLibrary } from './library'

/** Family order in the palette: I/O first (every program starts with tags), then the APP's own blocks. */
export const FAMILY_ORDER: readonly BlockFamily[] = [
  'io', 'user', 'logic', 'bistable', 'edge', 'timers', 'counters', 'compare', 'arith', 'select', 'control', 'convert',
]

export interface PaletteGroup { family: BlockFamily; blocks: BlockDef[] }

export function paletteGroups(query: string, blocks: readonly BlockDef[] = logicLibrary().list()): PaletteGroup[] {
  const q = query.trim().toLowerCase()
  const hit = (d: BlockDef): boolean => q === ''
    || d.type.toLowerCase().includes(q)
    || d.family.includes(q)
    || d.description.en.toLowerCase().includes(q)
    || d.description['zh-CN'].includes(q)
  const groups = new Map<BlockFamily, BlockDef[]>()
  for (const d of blocks) {
    if (!hit(d)) continue
    const g = groups.get(d.family)
    if (g) g.push(d)
    else groups.set(d.family, [d])
  }
  const rank = (f: BlockFamily): number => {
    const i = FAMILY_ORDER.indexOf(f)
    return i < 0 ? FAMILY_ORDER.length : i
  }
  return [...groups].sort(([a], [b]) => rank(a) - rank(b)).map(([family, list]) => ({ family, blocks: list }))
}

/**
 * The blocks a palette offers. A program: everything but FB_IN / FB_OUT. The network of function block `fbName`:
 * FB_IN / FB_OUT instead of tag I/O (a function block reaches only its interface), and not the block itself.
 */
export function paletteBlocks(all: readonly BlockDef[], fbName?: string): BlockDef[] {
  if (fbName === undefined) return all.filter((d) => !d.fbPin)
  return all.filter((d) => !d.tagIo && d.type !== fbName)
}

/** MIME type of a palette drag; the payload is the block type. */
export const BLOCK_DRAG_TYPE = 'application/x-takt-block'
