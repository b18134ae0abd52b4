/**
 * User blocks: each Structured Text FUNCTION_BLOCK of an APP's unit as an FBD block. Its VAR_INPUTs become input
 * pins and its VAR_OUTPUTs output pins; each block instance runs its own `createStInstance` of the FB, kept as the
 * block's per-instance object, so an FB behaves in a network exactly as it does when called from ST.
 */
import { defaultLibrary } from '../library/index.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, BlockObjects, ConcreteType, Kernel, KernelContext, PinDef } from '../engine/types.js'
import type { StPou } from '../st/compile.js'
import { createStInstance, type StInstance } from '../st/instance.js'
import { carryStState } from './st-carry.js'
import type { StUnit } from './st-unit.js'

// Only types that travel unchanged through a Float64 signal; others (SINT, STRING, arrays, ...) keep the FB out.
const PIN_TYPES: ReadonlySet<string> = new Set<ConcreteType>(['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'TIME'])

/**
 * The FUNCTION_BLOCKs of `unit` as block definitions (type = FB name upper-cased), or [] when the unit has errors.
 * An FB is left out when it has a VAR_IN_OUT, a pin of a type other than BOOL, INT, DINT, REAL, LREAL or TIME,
 * or a name a library block already uses.
 * @example
 * const library = defaultLibrary.with(...userBlocksFromSt(unit))
 * const { plan } = compileNetwork(program, library)
 */
export function userBlocksFromSt(unit: StUnit, library: BlockLibrary = defaultLibrary): BlockDef[] {
  if (!unit.ok) return []
  const out: BlockDef[] = []
  const seen = new Set<string>()
  for (const pou of unit.pous) {
    const type = pou.name.toUpperCase()
    if (pou.kind !== 'FUNCTION_BLOCK' || !pou.exec || library.get(type) || seen.has(type)) continue
    const def = userBlock(pou, type)
    if (def) {
      seen.add(type)
      out.push(def)
    }
  }
  return out
}

/** `library` (default: the standard one) plus the user blocks of `unit`; `library` itself when there are none. */
export function libraryWithSt(unit: StUnit | null | undefined, library: BlockLibrary = defaultLibrary): BlockLibrary {
  const user = unit ? userBlocksFromSt(unit, library) : []
  return user.length ? library.with(...user) : library
}

function userBlock(pou: StPou, type: string): BlockDef | null {
  if (pou.variables.some((v) => v.section === 'VAR_IN_OUT')) return null
  const ins = pou.variables.filter((v) => v.section === 'VAR_INPUT')
  const outs = pou.variables.filter((v) => v.section === 'VAR_OUTPUT')
  if (![...ins, ...outs].every((v) => PIN_TYPES.has(v.type.toUpperCase()))) return null
  // Memory layout is per compiled FB, so one probe instance gives every instance's slots and initial values.
  const probe = createStInstance(pou)
  const pin = (name: string, t: string): PinDef => {
    const v = probe.get(name)
    return { name, type: t.toUpperCase() as ConcreteType, default: typeof v === 'boolean' || typeof v === 'number' ? v : 0 }
  }
  const slotOf = (name: string): number => probe.locate(name)!.slot
  const inSlots = Int32Array.from(ins, (v) => slotOf(v.name))
  const outSlots = Int32Array.from(outs, (v) => slotOf(v.name))
  const nIn = ins.length
  const nOut = outs.length
  const kernel: Kernel = (sig, _st, slot, start, end, stride, _dt, ctx?: KernelContext) => {
    if (!ctx) return
    for (let i = start; i < end; i += stride) {
      const fb = ctx.objects[slot[i + nIn + nOut]!] as StInstance
      // Reached only after the network's fault was cleared, so the FB may run again too.
      if (fb.fault) fb.clearFault()
      const m = fb.memory
      for (let k = 0; k < nIn; k++) m[inSlots[k]!] = sig[slot[i + k]!]!
      if (!fb.scan(ctx.nowMs)) {
        ctx.fault ??= fb.fault
        return
      }
      for (let k = 0; k < nOut; k++) sig[slot[i + nIn + k]!] = m[outSlots[k]!]!
    }
  }
  const objects: BlockObjects = {
    create: () => createStInstance(pou),
    carry: (from, to) => {
      if (isStInstance(from) && isStInstance(to)) carryStState(from, to)
    },
  }
  const text = `User function block ${pou.name}${pou.file ? ` (${pou.file})` : ''}`
  return {
    type,
    family: 'user',
    description: { en: text, 'zh-CN': `用户功能块 ${pou.name}${pou.file ? `（${pou.file}）` : ''}` },
    inputs: ins.map((v) => pin(v.name, v.type)),
    outputs: outs.map((v) => pin(v.name, v.type)),
    stateSize: 0,
    kernel,
    objects,
  }
}

function isStInstance(x: unknown): x is StInstance {
  return typeof x === 'object' && x !== null && 'memory' in x && 'pou' in x
}
