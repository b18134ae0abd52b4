/**
 * Named commands on the interface of a function block file (`blocks/<NAME>.fb.json`): add, remove, rename and
 * retype its pins, set defaults and the description. Renaming a pin renames what the network's FB_IN / FB_OUT
 * blocks read or write, so the network stays wired, and the wires and constants of that pin wherever the block is
 * used; removing a pin removes them there.
 */
import { FbPinName, type FbdBlockFile, type FbInputPin, type FbOutputPin } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { CommandResult, FileChanges, ReadonlyDoc } from '../doc/command'
import { editNetworks, followPin } from '../project/networks'

export type PinSide = 'inputs' | 'outputs'
export type FbPinType = FbInputPin['type']

/** `users`: what the edit changes in the networks that use the block (pin renames and removals). */
function onFb(
  doc: ReadonlyDoc, path: string, edit: (fb: FbdBlockFile) => FbdBlockFile | { error: string }, users?: (fb: FbdBlockFile) => FileChanges,
): CommandResult {
  const fb = doc.get<FbdBlockFile>(path)
  if (!fb || typeof fb.interface !== 'object') return { error: `no function block ${path}` }
  const r = edit(fb)
  if ('error' in r) return r
  if (r === fb) return { changes: {} }
  return { changes: { ...(users ? users(fb) : {}), [path]: r } }
}

function pinNames(fb: FbdBlockFile): Set<string> {
  return new Set([...fb.interface.inputs, ...fb.interface.outputs].map((p) => p.name))
}

function withPins(fb: FbdBlockFile, side: PinSide, pins: readonly (FbInputPin | FbOutputPin)[]): FbdBlockFile {
  return { ...fb, interface: { ...fb.interface, [side]: pins } }
}

/** Adds a BOOL pin named IN1, IN2, ... (inputs) or OUT1, ... (outputs), the first free name. */
export const addFbPin = defineCommand<{ path: string; side: PinSide }>('fb.addPin', (doc, a) => onFb(doc, a.path, (fb) => {
  const taken = pinNames(fb)
  const base = a.side === 'inputs' ? 'IN' : 'OUT'
  let k = 1
  while (taken.has(`${base}${k}`)) k++
  return withPins(fb, a.side, [...fb.interface[a.side], { name: `${base}${k}`, type: 'BOOL' }])
}))

/**
 * Removes a pin, and its wires and constants wherever the block is used; FB_IN / FB_OUT blocks inside still naming
 * it are then reported by the compiler.
 */
export const removeFbPin = defineCommand<{ path: string; side: PinSide; index: number }>('fb.removePin', (doc, a) => onFb(doc, a.path, (fb) => {
  const pins = fb.interface[a.side]
  if (!pins[a.index]) return { error: `no pin ${a.index}` }
  return withPins(fb, a.side, pins.filter((_, i) => i !== a.index))
}, (fb) => editNetworks(doc, followPin(fb.name, a.side, fb.interface[a.side][a.index]!.name, null), a.path)))

export interface SetPinArgs {
  path: string
  side: PinSide
  index: number
  name?: string
  type?: FbPinType
  /** Inputs only; null clears it. */
  default?: number | boolean | null
}

/** Renames, retypes or sets the default of a pin. A new type drops a default that no longer fits it. */
export const setFbPin = defineCommand<SetPinArgs>('fb.setPin', (doc, a) => onFb(doc, a.path, (fb) => {
  const pins = fb.interface[a.side]
  const old = pins[a.index]
  if (!old) return { error: `no pin ${a.index}` }
  let pin: FbInputPin = { ...old }
  let blocks = fb.blocks
  if (a.name !== undefined && a.name !== old.name) {
    if (!FbPinName.safeParse(a.name).success) return { error: `'${a.name}': letters, digits and _ only; starts with a letter or _` }
    if (pinNames(fb).has(a.name)) return { error: `a pin '${a.name}' already exists` }
    pin.name = a.name
    const type = a.side === 'inputs' ? 'FB_IN' : 'FB_OUT'
    blocks = fb.blocks.map((b) => (b.type === type && b.params?.['pin'] === old.name ? { ...b, params: { ...b.params, pin: a.name! } } : b))
  }
  if (a.type !== undefined && a.type !== old.type) {
    pin.type = a.type
    if (pin.default !== undefined && (typeof pin.default === 'boolean') !== (a.type === 'BOOL')) {
      const { default: _dropped, ...rest } = pin
      pin = rest
    }
  }
  if (a.default !== undefined && a.side === 'inputs') {
    if (a.default === null) {
      const { default: _cleared, ...rest } = pin
      pin = rest
    } else {
      pin.default = a.default
    }
  }
  const next = pins.map((p, i) => (i === a.index ? (a.side === 'inputs' ? pin : outputPin(pin)) : p))
  return { ...withPins(fb, a.side, next), blocks }
}, (fb) => {
  const old = fb.interface[a.side][a.index]!.name
  return a.name !== undefined && a.name !== old ? editNetworks(doc, followPin(fb.name, a.side, old, a.name), a.path) : {}
}))

function outputPin(p: FbInputPin): FbOutputPin {
  const { default: _none, ...rest } = p
  return rest
}

/** Sets (or with an empty text clears) the function block's description, shown in the palette. */
export const setFbDescription = defineCommand<{ path: string; text: string }>('fb.setDescription', (doc, a) => onFb(doc, a.path, (fb) => {
  const text = a.text.trim()
  if ((fb.description ?? '') === text) return fb
  if (text !== '') return { ...fb, description: text }
  const { description: _gone, ...rest } = fb
  return rest
}))
