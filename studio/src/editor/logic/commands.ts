/**
 * Named commands of the logic editor (STYLE.md 11): pure functions from the document to new versions of one
 * network. Every command names the network it edits in `path` (a file, or a template program: source.ts), so one
 * set of commands serves every program.
 */
import { logicBlock as getBlock } from './library'
import type { FbBlock, FbdProgram, FbWire } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { CommandResult, ReadonlyDoc } from '../doc/command'
import { checkConnection, withWire } from './compat'
import { BLOCK_ID, blockIndex, idBase, parseRef, refOf, uniqueId, wireKey } from './model'
import { readProgram, writeProgram } from './source'
import { placeholderProblem, probeProgram, templateScope } from './template-scope'

type Edit = (p: FbdProgram) => { program: FbdProgram; select?: string[] } | { error: string }

/** Runs `edit` on the program at `path` and wraps the result as a command result. */
function onProgram(doc: ReadonlyDoc, path: string, edit: Edit): CommandResult {
  const program = readProgram(doc, path)
  if (!program) return { error: `no program ${path}` }
  const r = edit(program)
  if ('error' in r) return r
  if (r.program === program) return { changes: {} }
  const changes = writeProgram(doc, path, r.program)
  if (!changes) return { error: `no program ${path}` }
  return { changes, ...(r.select ? { select: r.select } : {}) }
}

function replaceBlock(p: FbdProgram, i: number, b: FbBlock): FbdProgram {
  const blocks = p.blocks.slice()
  blocks[i] = b
  return { ...p, blocks }
}

function ids(p: FbdProgram): Set<string> {
  return new Set(p.blocks.map((b) => b.id))
}

export interface AddBlockArgs { path: string; type: string; x: number; y: number; id?: string; params?: FbBlock['params'] }

/** Adds a block of a library type at (x, y) with a fresh id; selects it. */
export const addBlock = defineCommand<AddBlockArgs>('logic.addBlock', (doc, a) => onProgram(doc, a.path, (p) => {
  if (!getBlock(a.type)) return { error: `unknown block type ${a.type}` }
  const taken = ids(p)
  if (a.id !== undefined && (!BLOCK_ID.test(a.id) || taken.has(a.id))) return { error: `block id ${a.id} is taken or invalid` }
  const id = a.id ?? uniqueId(idBase(a.type), taken)
  const block: FbBlock = { id, type: a.type, ...(a.params ? { params: { ...a.params } } : {}), x: Math.round(a.x), y: Math.round(a.y) }
  return { program: { ...p, blocks: [...p.blocks, block] }, select: [id] }
}))

export interface DeleteArgs { path: string; blocks?: readonly string[]; wires?: readonly string[] }

/** Deletes blocks (with every wire touching them) and wires (by `wireKey`). */
export const deleteItems = defineCommand<DeleteArgs>('logic.delete', (doc, a) => onProgram(doc, a.path, (p) => {
  const goneBlocks = new Set(a.blocks ?? [])
  const goneWires = new Set(a.wires ?? [])
  const blocks = p.blocks.filter((b) => !goneBlocks.has(b.id))
  const wires = p.wires.filter((w) => {
    if (goneWires.has(wireKey(w))) return false
    const f = parseRef(w.from)
    const t = parseRef(w.to)
    return !(f && goneBlocks.has(f.block)) && !(t && goneBlocks.has(t.block))
  })
  if (blocks.length === p.blocks.length && wires.length === p.wires.length) return { program: p }
  return { program: { ...p, blocks, wires }, select: [] }
}))

export interface MoveArgs { path: string; moves: readonly { id: string; x: number; y: number }[] }

/** Moves blocks to new positions (dispatch with one `group` per drag). */
export const moveBlocks = defineCommand<MoveArgs>('logic.moveBlocks', (doc, a) => onProgram(doc, a.path, (p) => {
  const to = new Map(a.moves.map((m) => [m.id, m]))
  let changed = false
  const blocks = p.blocks.map((b) => {
    const m = to.get(b.id)
    if (!m) return b
    const x = Math.round(m.x)
    const y = Math.round(m.y)
    if (b.x === x && b.y === y) return b
    changed = true
    return { ...b, x, y }
  })
  return { program: changed ? { ...p, blocks } : p }
}))

export interface ConnectArgs { path: string; from: string; to: string }

/** Adds a wire after the typed compatibility check; a constant on the wired input is dropped (it would be ignored). */
export const connect = defineCommand<ConnectArgs>('logic.connect', (doc, a) => onProgram(doc, a.path, (p) => {
  const scope = templateScope(doc, a.path)
  const check = checkConnection(p, a.from, a.to, scope ? (x) => probeProgram(x, scope).program : undefined)
  if (!check.ok) return { error: check.message }
  return { program: withWire(p, { from: a.from, to: a.to }) }
}))

export interface SetInputArgs {
  path: string
  id: string
  pin: string
  /** A string only in a template program: a whole `"${param}"` of a number or boolean parameter. */
  value: number | boolean | string | null
}

/** Sets (or with null clears) the constant of an unwired input. */
export const setInput = defineCommand<SetInputArgs>('logic.setInput', (doc, a) => onProgram(doc, a.path, (p) => {
  const i = blockIndex(p, a.id)
  if (i < 0) return { error: `no block ${a.id}` }
  const b = p.blocks[i]!
  const def = getBlock(b.type)
  if (def && !def.inputs.some((x) => x.name === a.pin)) return { error: `${b.type} has no input ${a.pin}` }
  if (typeof a.value === 'number' && !Number.isFinite(a.value)) return { error: 'value is not a finite number' }
  if (typeof a.value === 'string') {
    const why = placeholderProblem(templateScope(doc, a.path), a.value)
    if (why !== null) return { error: why }
  }
  // Template programs may hold "${param}" constants (TemplateFbBlock); the saved model type knows only FbBlock.
  const inputs: Record<string, number | boolean | string> = { ...(b.inputs ?? {}) }
  if (a.value === null) {
    if (!(a.pin in inputs)) return { program: p }
    delete inputs[a.pin]
  } else {
    if (inputs[a.pin] === a.value) return { program: p }
    inputs[a.pin] = a.value
  }
  const next = { ...b, inputs } as FbBlock
  if (Object.keys(inputs).length === 0) delete next.inputs
  return { program: replaceBlock(p, i, next) }
}))

export type ParamValue = string | number | boolean | null

export interface SetParamsArgs { path: string; id: string; params: Readonly<Record<string, ParamValue>> }

/** Sets (or with null clears) block parameters, several at once (picking a tag also sets TAG_IN `type`). */
export const setParams = defineCommand<SetParamsArgs>('logic.setParams', (doc, a) => onProgram(doc, a.path, (p) => {
  const i = blockIndex(p, a.id)
  if (i < 0) return { error: `no block ${a.id}` }
  const b = p.blocks[i]!
  const params = { ...(b.params ?? {}) }
  let changed = false
  for (const [k, v] of Object.entries(a.params)) {
    if (v === null) {
      if (k in params) { delete params[k]; changed = true }
    } else if (params[k] !== v) {
      params[k] = v
      changed = true
    }
  }
  if (!changed) return { program: p }
  const next: FbBlock = { ...b, params }
  if (Object.keys(params).length === 0) delete next.params
  return { program: replaceBlock(p, i, next) }
}))

export interface RenameArgs { path: string; id: string; newId: string }

/** Renames a block and every wire that names it. Identity matters to online change: a renamed block restarts. */
export const renameBlock = defineCommand<RenameArgs>('logic.renameBlock', (doc, a) => onProgram(doc, a.path, (p) => {
  if (a.id === a.newId) return { program: p }
  if (!BLOCK_ID.test(a.newId)) return { error: `'${a.newId}': letters, digits, _ and - only; starts with a letter or _` }
  const i = blockIndex(p, a.id)
  if (i < 0) return { error: `no block ${a.id}` }
  if (blockIndex(p, a.newId) >= 0) return { error: `block id '${a.newId}' is already used` }
  const rename = (ref: string): string => {
    const r = parseRef(ref)
    return r && r.block === a.id ? refOf(a.newId, r.pin) : ref
  }
  const wires = p.wires.map((w) => {
    const from = rename(w.from)
    const to = rename(w.to)
    return from === w.from && to === w.to ? w : { from, to }
  })
  return { program: { ...replaceBlock(p, i, { ...p.blocks[i]!, id: a.newId }), wires }, select: [a.newId] }
}))

/** What copy puts on the clipboard: blocks and the wires among them. */
export interface Clip { kind: 'takt.fbd'; blocks: FbBlock[]; wires: FbWire[] }

/** The selected blocks and the wires that run between them. */
export function copySelection(p: FbdProgram, selected: ReadonlySet<string>): Clip {
  const blocks = p.blocks.filter((b) => selected.has(b.id))
  const wires = p.wires.filter((w) => {
    const f = parseRef(w.from)
    const t = parseRef(w.to)
    return !!f && !!t && selected.has(f.block) && selected.has(t.block)
  })
  return { kind: 'takt.fbd', blocks, wires }
}

/** A clip read back from text (clipboard); null when it is not one. */
export function parseClip(text: string): Clip | null {
  try {
    const v = JSON.parse(text) as Partial<Clip>
    if (v?.kind !== 'takt.fbd' || !Array.isArray(v.blocks) || !Array.isArray(v.wires)) return null
    const okBlock = (b: unknown): b is FbBlock => typeof b === 'object' && b !== null
      && typeof (b as FbBlock).id === 'string' && typeof (b as FbBlock).type === 'string'
    const okWire = (w: unknown): w is FbWire => typeof w === 'object' && w !== null
      && typeof (w as FbWire).from === 'string' && typeof (w as FbWire).to === 'string'
    if (!v.blocks.every(okBlock) || !v.wires.every(okWire)) return null
    return { kind: 'takt.fbd', blocks: v.blocks, wires: v.wires }
  } catch {
    return null
  }
}

export interface PasteArgs { path: string; clip: Clip; dx: number; dy: number }

/** Pastes a clip with fresh ids (wires inside the clip follow), offset by (dx, dy); selects the new blocks. */
export const paste = defineCommand<PasteArgs>('logic.paste', (doc, a) => onProgram(doc, a.path, (p) => {
  if (a.clip.blocks.length === 0) return { program: p }
  const taken = ids(p)
  const map = new Map<string, string>()
  const blocks = a.clip.blocks.map((b) => {
    const id = uniqueId(BLOCK_ID.test(b.id) ? b.id : idBase(b.type), taken)
    taken.add(id)
    map.set(b.id, id)
    return { ...b, id, x: Math.round((b.x ?? 0) + a.dx), y: Math.round((b.y ?? 0) + a.dy) }
  })
  const wires: FbWire[] = []
  for (const w of a.clip.wires) {
    const f = parseRef(w.from)
    const t = parseRef(w.to)
    const nf = f && map.get(f.block)
    const nt = t && map.get(t.block)
    if (f && t && nf && nt) wires.push({ from: refOf(nf, f.pin), to: refOf(nt, t.pin) })
  }
  return { program: { ...p, blocks: [...p.blocks, ...blocks], wires: [...p.wires, ...wires] }, select: blocks.map((b) => b.id) }
}))
