/**
 * A PLCopen `<pou pouType="functionBlock">` with an `<FBD>` body back to a function block file
 * (`blocks/<NAME>.fb.json`): input / output variables of the pin types Takt carries become its interface, the body
 * its network (import-fbd.ts, reading and writing the pins through FB_IN / FB_OUT).
 */
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, PinDef } from '../engine/types.js'
import { FORMAT_VERSION } from '../format/common.js'
import { FB_PIN_TYPES, FbdBlockFile, type FbInputPin, type FbOutputPin } from '../format/fbd-blocks.js'
import { docOf, parseConstant, type DiagList } from './common.js'
import { importFbd } from './import-fbd.js'
import { initFromXml } from './types.js'
import { child, children, type XmlElement } from './xml-read.js'

const PIN_TYPES: ReadonlySet<string> = new Set(FB_PIN_TYPES)

interface Pins { inputs: FbInputPin[]; outputs: FbOutputPin[] }

/** Block type of a function block POU: IEC names are case-insensitive, Takt block types upper case. */
export function fbTypeOf(pou: XmlElement): string {
  return (pou.attrs.get('name') ?? '').toUpperCase()
}

/** The interface pins of a function block POU; variables of other types are reported and left out. */
function interfacePins(pou: XmlElement, diags: DiagList | null): Pins {
  const where = `POU ${pou.attrs.get('name') ?? ''}`
  const pins: Pins = { inputs: [], outputs: [] }
  for (const list of children(child(pou, 'interface') ?? pou)) {
    const side = list.local === 'inputVars' ? 'inputs' : list.local === 'outputVars' ? 'outputs' : null
    if (list.local === 'inOutVars' && children(list, 'variable').length) diags?.warn(`${where}: in-out variables are not supported; skipped`, list)
    if (!side) continue
    for (const v of children(list, 'variable')) {
      const name = v.attrs.get('name') ?? ''
      const type = children(child(v, 'type') ?? v)[0]?.local.toUpperCase() ?? ''
      if (!PIN_TYPES.has(type)) {
        diags?.warn(`${where}: pin ${name} of type ${type || '?'} is not supported (${FB_PIN_TYPES.join(', ')}); skipped`, v)
        continue
      }
      const description = docOf(v)
      const pin = { name, type: type as FbInputPin['type'], ...(description !== undefined ? { description } : {}) }
      const init = child(v, 'initialValue')
      const value = init && side === 'inputs' ? parseConstant(initFromXml(init)) : null
      if (side === 'inputs') pins.inputs.push(value !== null ? { ...pin, default: value } : pin)
      else pins.outputs.push(pin)
    }
  }
  return pins
}

/** What programs importing next to a function block POU need to know of it: its type and pins. */
export function fbStubDef(pou: XmlElement): BlockDef {
  const pins = interfacePins(pou, null)
  const pin = (p: FbInputPin | FbOutputPin): PinDef => ({ name: p.name, type: p.type, default: 'default' in p && p.default !== undefined ? p.default : p.type === 'BOOL' ? false : 0 })
  return {
    type: fbTypeOf(pou), family: 'user', description: { en: fbTypeOf(pou), 'zh-CN': fbTypeOf(pou) },
    inputs: pins.inputs.map(pin), outputs: pins.outputs.map(pin), stateSize: 0, kernel: null,
  }
}

/** The function block file of a `functionBlock` POU with an FBD body; null (reported) when it does not make one. */
export function importFbBlock(pou: XmlElement, fbd: XmlElement, library: BlockLibrary, diags: DiagList): FbdBlockFile | null {
  const pins = interfacePins(pou, diags)
  const body = importFbd(pou, fbd, library, diags, true)
  if (!body) return null
  const description = docOf(pou)
  const doc = {
    format: FORMAT_VERSION, name: fbTypeOf(pou), ...(description !== undefined ? { description } : {}),
    interface: pins, blocks: body.blocks, wires: body.wires,
  }
  const ok = FbdBlockFile.safeParse(doc)
  if (!ok.success) {
    for (const issue of ok.error.issues.slice(0, 20)) {
      diags.add('E_PLCOPEN_FORMAT', 'error', `POU ${pou.attrs.get('name') ?? ''}: ${issue.message} at $.${issue.path.join('.')}`, pou)
    }
    return null
  }
  return ok.data
}
