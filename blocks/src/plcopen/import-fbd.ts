/**
 * A PLCopen `<FBD>` body back to an FBD program. Interface variables read by `<inVariable>` become TAG_IN blocks and
 * those written by `<outVariable>` TAG_OUT blocks (bound to the tag Takt recorded, else to a tag named like the
 * variable); literals become pin constants; connectors/continuations and local variables written in one place and
 * read in another are joined into direct wires.
 */
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef } from '../engine/types.js'
import { FORMAT_VERSION } from '../format/common.js'
import { FbdProgram, type FbBlock, type FbWire } from '../format/program.js'
import { docOf, parseConstant, taktData, type DiagList } from './common.js'
import { child, children, textOf, type XmlElement } from './xml-read.js'

type Source = { k: 'pin'; from: string } | { k: 'const'; v: number | boolean }
type Node =
  | { k: 'block'; id: string; def: BlockDef | undefined }
  | { k: 'tag'; id: string }
  | { k: 'const'; v: number | boolean }
  | { k: 'local'; name: string }
  | { k: 'continuation'; name: string }
  | { k: 'none' }

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/
const MAX_HOPS = 64

/**
 * `fbPins`: the body of a function block; its input / output variables are its interface pins, read by FB_IN and
 * written by FB_OUT blocks (params.pin: the declared name), not tags.
 */
export function importFbd(pou: XmlElement, fbd: XmlElement, library: BlockLibrary, diags: DiagList, fbPins = false): FbdProgram | null {
  const pouName = pou.attrs.get('name') ?? 'program'
  const where = `POU ${pouName}`
  const vars = interfaceKinds(pou)
  const declared = new Map<string, string>()
  for (const list of children(child(pou, 'interface') ?? pou)) {
    for (const v of children(list, 'variable')) declared.set((v.attrs.get('name') ?? '').toUpperCase(), v.attrs.get('name') ?? '')
  }
  const pinOf = (expr: string, kind: 'inputVars' | 'outputVars'): string | undefined =>
    fbPins && vars.get(expr.toUpperCase()) === kind ? declared.get(expr.toUpperCase()) : undefined
  const ids = new Set<string>()
  const uniqueId = (want: string): string => {
    let base = want.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`
    let id = base
    for (let k = 2; ids.has(id); k++) id = `${base}_${k}`
    ids.add(id)
    return id
  }
  const blocks: FbBlock[] = []
  const nodes = new Map<string, Node>()
  const sinks: { block: FbBlock; pin: string; point: XmlElement | undefined }[] = []
  const connectors = new Map<string, XmlElement | undefined>()
  const localWriters = new Map<string, XmlElement | undefined>()
  const tagInByVar = new Map<string, string>()
  let boundByName = 0
  const elements = children(fbd)
  // Locals written by an outVariable are internal connections, not tags.
  for (const e of elements) {
    const name = e.local === 'outVariable' ? textOf(child(e, 'expression') ?? e).trim() : ''
    if (name && !taktData(e, 'block') && vars.get(name.toUpperCase()) === 'local') localWriters.set(name.toUpperCase(), child(e, 'connectionPointIn'))
  }

  const place = (b: FbBlock, e: XmlElement, t: XmlElement | undefined): void => {
    const pos = child(e, 'position')
    const x = Number(pos?.attrs.get('x'))
    const y = Number(pos?.attrs.get('y'))
    if (t?.attrs.get('x') !== 'none' && Number.isFinite(x)) b.x = x
    if (t?.attrs.get('y') !== 'none' && Number.isFinite(y)) b.y = y
  }
  const tagBlock = (e: XmlElement, type: 'TAG_IN' | 'TAG_OUT', varName: string): FbBlock => {
    const t = taktData(e, 'block')
    const params = t ? taktParams(t) : { tag: varName }
    if (!t) boundByName++
    const b: FbBlock = { id: uniqueId(t?.attrs.get('id') ?? (type === 'TAG_OUT' && ids.has(varName) ? `${varName}_out` : varName)), type, params }
    place(b, e, t)
    blocks.push(b)
    return b
  }

  const pinBlock = (e: XmlElement, type: 'FB_IN' | 'FB_OUT', pin: string): FbBlock => {
    const t = taktData(e, 'block')
    const b: FbBlock = { id: uniqueId(t?.attrs.get('id') ?? (type === 'FB_OUT' ? `${pin}_out` : pin)), type, params: { pin } }
    place(b, e, t)
    blocks.push(b)
    return b
  }

  for (const e of elements) {
    const localId = e.attrs.get('localId') ?? ''
    switch (e.local) {
      case 'block': {
        const t = taktData(e, 'block')
        const raw = e.attrs.get('typeName') ?? ''
        const { type, def } = mapType(raw, library)
        if (!def) diags.warn(`${where}: block type ${raw} is not in the block library; kept as ${type}`, e)
        const inst = e.attrs.get('instanceName')
        const b: FbBlock = { id: uniqueId(t?.attrs.get('id') ?? (inst || `${type.toLowerCase()}_${localId}`)), type }
        const params = t ? taktParams(t) : {}
        if (Object.keys(params).length) b.params = params
        place(b, e, t)
        blocks.push(b)
        nodes.set(localId, { k: 'block', id: b.id, def })
        for (const v of children(child(e, 'inputVariables') ?? e, 'variable')) {
          if (v.attrs.get('negated') === 'true' || (v.attrs.get('edge') ?? 'none') !== 'none') {
            diags.warn(`${where}: negated or edge-triggered input ${b.id}.${v.attrs.get('formalParameter') ?? ''} is not supported; imported as a plain input`, v)
          }
          sinks.push({ block: b, pin: pinName(v.attrs.get('formalParameter') ?? '', def?.inputs.map((p) => p.name)), point: child(v, 'connectionPointIn') })
        }
        for (const v of children(child(e, 'inOutVariables') ?? e, 'variable')) {
          if (child(v, 'connectionPointIn') && children(child(v, 'connectionPointIn')!, 'connection').length) {
            diags.warn(`${where}: in-out pin ${b.id}.${v.attrs.get('formalParameter') ?? ''} is not supported; its connection was dropped`, v)
          }
        }
        break
      }
      case 'inVariable': {
        const expr = textOf(child(e, 'expression') ?? e).trim()
        const c = parseConstant(expr)
        const pin = pinOf(expr, 'inputVars')
        if (pin !== undefined) nodes.set(localId, { k: 'tag', id: pinBlock(e, 'FB_IN', pin).id })
        else if (c !== null && !taktData(e, 'block')) nodes.set(localId, { k: 'const', v: c })
        else if (!IDENT.test(expr)) {
          diags.warn(`${where}: input expression "${expr}" is not supported (only variables and literals)`, e)
          nodes.set(localId, { k: 'none' })
        } else if (!taktData(e, 'block') && localWriters.has(expr.toUpperCase())) nodes.set(localId, { k: 'local', name: expr.toUpperCase() })
        else {
          const known = taktData(e, 'block') ? undefined : tagInByVar.get(expr.toUpperCase())
          const id = known ?? tagBlock(e, 'TAG_IN', expr).id
          if (!known && !taktData(e, 'block')) tagInByVar.set(expr.toUpperCase(), id)
          nodes.set(localId, { k: 'tag', id })
        }
        break
      }
      case 'outVariable': {
        const expr = textOf(child(e, 'expression') ?? e).trim()
        const pin = pinOf(expr, 'outputVars')
        if (pin !== undefined) {
          sinks.push({ block: pinBlock(e, 'FB_OUT', pin), pin: 'IN', point: child(e, 'connectionPointIn') })
          break
        }
        if (!taktData(e, 'block') && localWriters.has(expr.toUpperCase())) break
        if (!IDENT.test(expr)) {
          diags.warn(`${where}: output expression "${expr}" is not supported (only variables)`, e)
          break
        }
        const b = tagBlock(e, 'TAG_OUT', expr)
        sinks.push({ block: b, pin: 'IN', point: child(e, 'connectionPointIn') })
        break
      }
      case 'connector':
        connectors.set(e.attrs.get('name') ?? '', child(e, 'connectionPointIn'))
        break
      case 'continuation':
        nodes.set(localId, { k: 'continuation', name: e.attrs.get('name') ?? '' })
        break
      case 'comment':
        break
      default:
        diags.warn(`${where}: FBD element <${e.local}> is not supported; skipped`, e)
    }
  }

  const resolve = (conn: XmlElement, hops: number): Source | null => {
    const ref = conn.attrs.get('refLocalId') ?? ''
    const n = nodes.get(ref)
    if (!n) {
      diags.add('E_PLCOPEN_FORMAT', 'warning', `${where}: connection to unknown localId ${ref} dropped`, conn)
      return null
    }
    if (n.k === 'block') {
      const outs = n.def?.outputs.map((p) => p.name)
      const fp = conn.attrs.get('formalParameter') ?? ''
      const pin = fp === '' || (outs?.length === 1 && !outs.includes(fp.toUpperCase())) ? (outs?.[0] ?? 'OUT') : pinName(fp, outs)
      return { k: 'pin', from: `${n.id}.${pin}` }
    }
    if (n.k === 'tag') return { k: 'pin', from: `${n.id}.OUT` }
    if (n.k === 'const') return { k: 'const', v: n.v }
    if (n.k === 'none') return null
    const point = n.k === 'local' ? localWriters.get(n.name) : connectors.get(n.name)
    const next = point ? child(point, 'connection') : undefined
    if (!next) return null
    if (hops >= MAX_HOPS) {
      diags.warn(`${where}: connectors chained more than ${MAX_HOPS} deep; connection dropped`, conn)
      return null
    }
    return resolve(next, hops + 1)
  }

  const wires: FbWire[] = []
  for (const s of sinks) {
    for (const conn of s.point ? children(s.point, 'connection') : []) {
      const src = resolve(conn, 0)
      if (src?.k === 'pin') wires.push({ from: src.from, to: `${s.block.id}.${s.pin}` })
      else if (src?.k === 'const') s.block.inputs = { ...s.block.inputs, [s.pin]: src.v }
    }
  }
  if (boundByName) {
    diags.warn(`${where}: ${boundByName} variable(s) became TAG_IN / TAG_OUT blocks bound to tags of the same name; check the tag paths`, pou)
  }
  const name = taktData(pou, 'program')?.attrs.get('name') ?? pouName
  const description = docOf(pou)
  const program = { format: FORMAT_VERSION, name, ...(description !== undefined ? { description } : {}), blocks, wires }
  const ok = FbdProgram.safeParse(program)
  if (!ok.success) {
    for (const issue of ok.error.issues.slice(0, 20)) {
      diags.add('E_PLCOPEN_FORMAT', 'error', `${where}: ${issue.message} at $.${issue.path.join('.')}`, pou)
    }
    return null
  }
  return ok.data
}

/** Kinds of the interface variables by upper-case name: only locals matter here (internal connections). */
function interfaceKinds(pou: XmlElement): Map<string, string> {
  const out = new Map<string, string>()
  const iface = child(pou, 'interface')
  for (const list of iface ? children(iface) : []) {
    for (const v of children(list, 'variable')) {
      const name = (v.attrs.get('name') ?? '').toUpperCase()
      const derived = child(child(v, 'type') ?? v, 'derived')
      out.set(name, list.local === 'localVars' || list.local === 'tempVars' ? (derived ? 'instance' : 'local') : list.local)
    }
  }
  return out
}

/** Library type for a PLCopen type name: case-insensitive; typed conversions (`INT_TO_REAL`) map to `TO_REAL`. */
function mapType(raw: string, library: BlockLibrary): { type: string; def: BlockDef | undefined } {
  let type = raw.toUpperCase().replace(/[^A-Z0-9_]/g, '_')
  if (!/^[A-Z_]/.test(type)) type = `_${type}`
  const conv = /^[A-Z]+_TO_(BOOL|INT|DINT|REAL|LREAL|TIME)$/.exec(type)
  if (!library.get(type) && conv && library.get(`TO_${conv[1]}`)) type = `TO_${conv[1]}`
  return { type, def: library.get(type) }
}

/** The library's spelling of a pin when it differs only in case; otherwise a valid identifier. */
function pinName(raw: string, known: readonly string[] | undefined): string {
  const hit = known?.find((k) => k.toUpperCase() === raw.toUpperCase())
  if (hit) return hit
  const clean = raw.replace(/[^A-Za-z0-9_]/g, '_')
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`
}

function taktParams(t: XmlElement): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  for (const p of children(t, 'param')) {
    const v = p.attrs.get('value') ?? ''
    const kind = p.attrs.get('kind')
    out[p.attrs.get('name') ?? ''] = kind === 'number' ? Number(v) : kind === 'boolean' ? v === 'true' : v
  }
  return out
}
