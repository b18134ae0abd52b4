import type { Expr, Init } from './ast.js'
import type { Emitter } from './emit.js'
import type { PouInfo } from './symbols.js'
import type { ArrayType, LibFb, StType } from './types.js'

/** True when a value of this type starts as all zeros and empty strings, so the image needs no writes. */
function zeroDefault(t: StType): boolean {
  switch (t.kind) {
    case 'elem':
    case 'lit':
    case 'void': return true
    case 'enum': return t.first === 0
    case 'array': return zeroDefault(t.elem)
    case 'struct': return t.order.every((f) => !f.init && zeroDefault(f.type))
    case 'fb': return false
  }
}

function expandArray(init: Init & { k: 'array' }): (Init | undefined)[] {
  const out: (Init | undefined)[] = []
  for (const item of init.items) {
    const n = item.count ? (item.count.cv as number) : 1
    for (let i = 0; i < n; i++) out.push(item.value)
  }
  return out
}

/**
 * Writes the initial value of a variable of type `t` at number slot `nb` / string slot `sb` into the memory image,
 * and registers the FB instances it contains: a library FB gets its slot layout, a user FB is queued for code.
 */
export function initValue(E: Emitter, t: StType, nb: number, sb: number, init: Init | undefined): void {
  if (!init && zeroDefault(t)) return
  switch (t.kind) {
    case 'elem':
    case 'lit': {
      const v = init?.k === 'expr' ? init.x.cv : undefined
      if (typeof v === 'string' && t.kind === 'elem') E.simg[sb] = v.length > t.maxLen ? v.slice(0, t.maxLen) : v
      else if (typeof v === 'number') E.img[nb] = v
      return
    }
    case 'enum': {
      const v = init?.k === 'expr' ? init.x.cv : undefined
      E.img[nb] = typeof v === 'number' ? v : t.first
      return
    }
    case 'array': {
      const items = init?.k === 'array' ? expandArray(init) : []
      const { elem } = t
      for (let i = 0; i < t.count; i++) initValue(E, elem, nb + i * elem.size, sb + i * elem.ssize, items[i])
      return
    }
    case 'struct': {
      const given = new Map(init?.k === 'struct' ? init.fields.map((f) => [f.name, f.value] as const) : [])
      for (const f of t.order) initValue(E, f.type, nb + f.off, sb + f.soff, given.get(f.name) ?? f.init)
      return
    }
    case 'fb': {
      const given = new Map(init?.k === 'struct' ? init.fields.map((f) => [f.name, f.value] as const) : [])
      if (t.lib) return initLibFb(E, t.lib, nb, given)
      const pou = t.pou!
      initFrame(E, pou, nb, sb, given)
      const entry = E.label()
      E.instances.push({ pou, nb, sb, entry })
      E.instanceAt.set(nb, entry)
      return
    }
    case 'void': return
  }
}

/** Variables of a POU frame at `nb` / `sb` (in-out address cells stay 0 until a call binds them). */
export function initFrame(E: Emitter, pou: PouInfo, nb: number, sb: number, given: ReadonlyMap<string, Init> = new Map()): void {
  for (const s of pou.order) {
    if (s.vk === 'inout') continue
    const init = given.get(s.name) ?? s.decl?.init
    const wires = pou.wiring?.get(s)
    if (wires && s.type.kind === 'fb' && s.type.lib) {
      const fields = new Map(init?.k === 'struct' ? init.fields.map((f) => [f.name, f.value] as const) : [])
      initLibFb(E, s.type.lib, nb + s.off, fields, (name) => {
        const x = wires.get(name)
        return x ? staticSlot(E, nb, x) : undefined
      })
    } else initValue(E, s.type, nb + s.off, sb + s.soff, init)
  }
}

/** The slot of a static argument (wiring.ts guarantees it is one) in the frame at `base`. */
function staticSlot(E: Emitter, base: number, x: Expr): number {
  if (typeof x.cv === 'number') return E.konst(x.cv)
  switch (x.k) {
    case 'name': return base + x.sym!.off
    case 'member': {
      const o = staticSlot(E, base, x.obj)
      const t = x.obj.ty!
      const m = t.kind === 'struct' ? t.fields.get(x.name)! : t.kind === 'fb' ? t.members.get(x.name)! : null
      return o + m!.off
    }
    case 'index': {
      const t = x.obj.ty as ArrayType
      let o = staticSlot(E, base, x.obj)
      x.idx.forEach((i, k) => {
        o += ((i.cv as number) - t.dims[k]!.lo) * t.dims[k]!.stride
      })
      return o
    }
    default: throw new Error(`internal: ${x.k} is not a static argument`)
  }
}

function initLibFb(E: Emitter, lib: LibFb, nb: number, given: ReadonlyMap<string, Init>, wired: (pin: string) => number | undefined = () => undefined): void {
  const { def, nIn, nOut, stateOff, timeOff, kOff, stride } = lib
  const num = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v)
  def.inputs.forEach((p, i) => {
    const g = given.get(p.name)
    const v = g?.k === 'expr' ? g.x.cv : undefined
    E.img[nb + i] = typeof v === 'number' ? v : num(p.default)
  })
  def.outputs.forEach((p, j) => {
    E.img[nb + nIn + j] = num(p.default)
  })
  for (let k = 0; k < def.stateSize; k++) E.img[nb + stateOff + k] = def.initialState?.[k] ?? 0
  // NaN: never called, so the first call sees dt = 0 as the FBD engine's first scan does.
  E.img[nb + timeOff] = NaN
  const k = E.slots.length
  def.inputs.forEach((p, i) => {
    const src = wired(p.name)
    if (src !== undefined) E.aliases.set(nb + i, src)
    E.slots.push(src ?? nb + i)
  })
  for (let j = 0; j < nOut; j++) E.slots.push(nb + nIn + j)
  if (def.stateSize > 0) E.slots.push(nb + stateOff)
  E.img[nb + kOff] = k
  E.kernel(def, stride, kOff, timeOff)
}
