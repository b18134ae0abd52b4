/**
 * An FBD program as a PLCopen `<pou pouType="program">` with an `<FBD>` body. TAG_IN / TAG_OUT blocks become the
 * POU's input / output variables (read by `<inVariable>`, written by `<outVariable>`), constants become
 * `<inVariable>`s holding a literal, function-block instances are declared as local variables. Whatever PLCopen has
 * no place for (block ids, parameters such as the tag path, a missing position) goes into Takt's `<addData>`.
 * A function block defined as an FBD network (`blocks/*.fb.json`) becomes a `<pou pouType="functionBlock">`: its
 * interface pins are its input / output variables, which FB_IN / FB_OUT blocks read and write.
 */
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, PinType } from '../engine/types.js'
import { FB_IN, FB_OUT, type FbdBlockFile } from '../format/fbd-blocks.js'
import type { FbBlock, FbdProgram } from '../format/program.js'
import { documentation, formatConstant, iecName, taktAddData } from './common.js'
import { ELEMENTARY } from './types.js'
import { el, text, type OutElement } from './xml-write.js'

export interface FbdExportOptions {
  library: BlockLibrary
  /** IEC data type of a tag, for the declared type of TAG_IN / TAG_OUT variables. */
  tagType?: (path: string) => string | undefined
}

const CONCRETE = new Set<PinType>(['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'TIME'])

/**
 * Functions have no state and no instance; everything else (and any unknown type) is a function block, user
 * blocks included: their state lives in an object (Structured Text) or in the blocks of their network (FBD).
 */
export function isFunctionBlock(def: BlockDef | undefined): boolean {
  return def === undefined || def.stateSize > 0 || def.objects !== undefined || def.network !== undefined
}

export function exportFbd(p: FbdProgram, opts: FbdExportOptions): OutElement {
  return exportNetwork(p, opts, null)
}

/** A function block file as a `<pou pouType="functionBlock">` with an `<FBD>` body. */
export function exportFbBlock(fb: FbdBlockFile, opts: FbdExportOptions): OutElement {
  const library = opts.library.get(FB_IN.type) ? opts.library : opts.library.with(FB_IN, FB_OUT)
  const description = typeof fb.description === 'string' ? fb.description : (fb.description?.['en'] ?? Object.values(fb.description ?? {})[0])
  const program: FbdProgram = { format: fb.format, name: fb.name, blocks: fb.blocks, wires: fb.wires, ...(description ? { description } : {}) }
  return exportNetwork(program, { ...opts, library }, fb)
}

function exportNetwork(p: FbdProgram, opts: FbdExportOptions, fb: FbdBlockFile | null): OutElement {
  const lib = opts.library
  const localId = new Map<string, number>()
  p.blocks.forEach((b, k) => localId.set(b.id, k + 1))
  let nextId = p.blocks.length + 1
  const byId = new Map(p.blocks.map((b) => [b.id, b]))
  const split = (end: string): [string, string] => {
    const dot = end.indexOf('.')
    return [end.slice(0, dot), end.slice(dot + 1)]
  }
  // IEC names are case-insensitive and have no '-': make the declared names unique after mapping.
  const used = new Set<string>()
  const names = new Map<string, string>()
  // The interface's variables keep their names; blocks are named around them.
  for (const pin of [...(fb?.interface.inputs ?? []), ...(fb?.interface.outputs ?? [])]) used.add(pin.name.toUpperCase())
  for (const b of p.blocks) {
    let n = iecName(b.id)
    for (let k = 2; used.has(n.toUpperCase()); k++) n = `${iecName(b.id)}_${k}`
    used.add(n.toUpperCase())
    names.set(b.id, n)
  }
  // Indexes, so a large network exports in linear time.
  const wiresTo = new Map<string, string[]>()
  const pinsIn = new Map<string, string[]>()
  const pinsOut = new Map<string, string[]>()
  const wiresFrom = new Map<string, string[]>()
  const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const list = m.get(k)
    if (list) list.push(v)
    else m.set(k, [v])
  }
  for (const w of p.wires) {
    push(wiresTo, w.to, w.from)
    const [tb, tp] = split(w.to)
    const [fb, fp] = split(w.from)
    push(pinsIn, tb, tp)
    push(pinsOut, fb, fp)
    push(wiresFrom, fb, w.to)
  }

  const connection = (from: string): OutElement => {
    const [src, pin] = split(from)
    const b = byId.get(src)
    return el('connection', { refLocalId: localId.get(src) ?? 0, formalParameter: b && !lib.get(b.type)?.tagIo ? pin : undefined })
  }
  const constants: OutElement[] = []
  const pointIn = (b: FbBlock, pin: string, pinType: string | undefined, index: number): OutElement => {
    const conns = (wiresTo.get(`${b.id}.${pin}`) ?? []).map(connection)
    const c = b.inputs?.[pin]
    if (c !== undefined) {
      const id = nextId++
      constants.push(el('inVariable', { localId: id }, [
        el('position', { x: (b.x ?? 0) - 80, y: (b.y ?? 0) + 20 * index }),
        el('connectionPointOut'),
        el('expression', {}, [text(formatConstant(c, pinType))]),
      ]))
      conns.push(el('connection', { refLocalId: id }))
    }
    return el('connectionPointIn', {}, conns)
  }

  const inputVars: OutElement[] = []
  const outputVars: OutElement[] = []
  const instances: OutElement[] = []
  const body: OutElement[] = []
  for (const b of p.blocks) {
    const def = lib.get(b.type)
    const name = names.get(b.id)!
    const id = localId.get(b.id)!
    const position = el('position', { x: b.x ?? 0, y: b.y ?? 0 })
    const extra = taktBlock(b, name, !def?.tagIo && !isFunctionBlock(def))
    if (def?.fbPin) {
      const pin = typeof b.params?.['pin'] === 'string' ? b.params['pin'] : name
      if (def.fbPin === 'in') body.push(el('inVariable', { localId: id }, [position, el('connectionPointOut'), el('expression', {}, [text(pin)]), extra]))
      else body.push(el('outVariable', { localId: id }, [position, pointIn(b, 'IN', undefined, 0), el('expression', {}, [text(pin)]), extra]))
      continue
    }
    if (def?.tagIo) {
      const tag = typeof b.params?.tag === 'string' ? b.params.tag : undefined
      const peers = def.tagIo === 'read' ? (wiresFrom.get(b.id) ?? []) : (wiresTo.get(`${b.id}.${def.inputs[0]?.name ?? 'IN'}`) ?? [])
      const variable = el('variable', { name }, [el('type', {}, [el(tagType(b, peers, byId, lib, opts))]), documentation(tag)])
      if (def.tagIo === 'read') {
        inputVars.push(variable)
        body.push(el('inVariable', { localId: id }, [position, el('connectionPointOut'), el('expression', {}, [text(name)]), extra]))
      } else {
        outputVars.push(variable)
        const pin = def.inputs[0]?.name ?? 'IN'
        body.push(el('outVariable', { localId: id }, [position, pointIn(b, pin, undefined, 0), el('expression', {}, [text(name)]), extra]))
      }
      continue
    }
    const fb = isFunctionBlock(def)
    if (fb) instances.push(el('variable', { name }, [el('type', {}, [el('derived', { name: b.type })])]))
    const pins: { name: string; type: string | undefined }[] = []
    for (const pin of def?.inputs ?? []) {
      const usedPin = b.inputs?.[pin.name] !== undefined || wiresTo.has(`${b.id}.${pin.name}`)
      if (!pin.optional || usedPin) pins.push({ name: pin.name, type: pin.type })
    }
    const seen = new Set(pins.map((x) => x.name))
    const extraPins = [...Object.keys(b.inputs ?? {}), ...(pinsIn.get(b.id) ?? [])]
    for (const pin of extraPins) {
      if (!seen.has(pin)) {
        seen.add(pin)
        pins.push({ name: pin, type: undefined })
      }
    }
    const outs = def?.outputs.map((o) => o.name) ?? [...new Set(pinsOut.get(b.id) ?? [])]
    body.push(el('block', { localId: id, typeName: b.type, instanceName: fb ? name : undefined }, [
      position,
      el('inputVariables', {}, pins.map((pin, k) => el('variable', { formalParameter: pin.name }, [pointIn(b, pin.name, pin.type, k)]))),
      el('inOutVariables'),
      el('outputVariables', {}, outs.map((o) => el('variable', { formalParameter: o }, [el('connectionPointOut')]))),
      extra,
    ]))
  }
  if (fb) {
    const pinDoc = (d: FbdBlockFile['interface']['inputs'][number]['description']) => documentation(typeof d === 'string' ? d : d?.['en'])
    for (const pin of fb.interface.inputs) {
      inputVars.push(el('variable', { name: pin.name }, [
        el('type', {}, [el(pin.type)]),
        pin.default !== undefined ? el('initialValue', {}, [el('simpleValue', { value: formatConstant(pin.default, pin.type) })]) : undefined,
        pinDoc(pin.description),
      ]))
    }
    for (const pin of fb.interface.outputs) outputVars.push(el('variable', { name: pin.name }, [el('type', {}, [el(pin.type)]), pinDoc(pin.description)]))
  }
  const iface: OutElement[] = []
  if (inputVars.length) iface.push(el('inputVars', {}, inputVars))
  if (outputVars.length) iface.push(el('outputVars', {}, outputVars))
  if (instances.length) iface.push(el('localVars', {}, instances))
  return el('pou', { name: iecName(p.name), pouType: fb ? 'functionBlock' : 'program' }, [
    el('interface', {}, iface),
    el('body', {}, [el('FBD', {}, [...body, ...constants])]),
    fb ? undefined : taktAddData('program', { name: p.name }),
    documentation(p.description),
  ])
}

/** Takt's record of a block: its id, parameters and missing coordinates. Absent when the element says it all. */
function taktBlock(b: FbBlock, name: string, unnamed: boolean): OutElement | undefined {
  const params = Object.entries(b.params ?? {}).map(([k, v]) => el('takt:param', { name: k, value: String(v), kind: typeof v }))
  if (!unnamed && b.id === name && b.x !== undefined && b.y !== undefined && params.length === 0) return undefined
  return taktAddData('block', {
    id: unnamed || b.id !== name ? b.id : undefined,
    x: b.x === undefined ? 'none' : undefined,
    y: b.y === undefined ? 'none' : undefined,
  }, params)
}

function tagType(b: FbBlock, peers: readonly string[], byId: ReadonlyMap<string, FbBlock>, lib: BlockLibrary, opts: FbdExportOptions): string {
  const declared = b.params?.type
  if (typeof declared === 'string' && ELEMENTARY.has(declared)) return declared
  const tag = b.params?.tag
  const known = typeof tag === 'string' ? opts.tagType?.(tag) : undefined
  if (known && ELEMENTARY.has(known)) return known
  // Otherwise the type of a pin it is wired to, when that pin has a fixed type.
  for (const end of peers) {
    const dot = end.indexOf('.')
    const odef = lib.get(byId.get(end.slice(0, dot))?.type ?? '')
    const pin = [...(odef?.inputs ?? []), ...(odef?.outputs ?? [])].find((x) => x.name === end.slice(dot + 1))
    if (pin && CONCRETE.has(pin.type)) return pin.type
  }
  return 'REAL'
}
