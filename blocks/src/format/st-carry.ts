/**
 * Online change of a Structured Text PROGRAM: the new instance takes over the state of the one it replaces.
 * An identical compiled program takes the whole memory. Otherwise values move variable by variable by name,
 * where the types still match: elements of arrays (by index), members of STRUCTs and user FBs (by name), and a
 * library FB instance (TON, PID, ...) whole, internal state included, when it is still the same block.
 */
import type { StExec } from '../st/generate.js'
import type { StInstance } from '../st/instance.js'
import type { PouInfo, Sym } from '../st/symbols.js'
import type { StType } from '../st/types.js'

/** What an online change kept. `kept` / `reset` name top-level variables; both are empty when `identical`. */
export interface StCarryResult {
  identical: boolean
  kept: string[]
  reset: string[]
}

interface Mem { m: Float64Array; s: string[] }

/**
 * Copies the state of `from` into `to` (a fresh instance of the changed program). Run-time faults are not carried.
 * @example
 * const next = createStInstance(newPou)
 * const { kept, reset } = carryStState(previous, next)
 */
export function carryStState(from: StInstance, to: StInstance): StCarryResult {
  const a = from.pou.exec
  const b = to.pou.exec
  if (!a || !b) return { identical: false, kept: [], reset: to.pou.variables.map((v) => v.name) }
  if (a === b || sameExec(a, b)) {
    to.memory.set(from.memory)
    for (let i = 0; i < from.strings.length; i++) to.strings[i] = from.strings[i]!
    return { identical: true, kept: [], reset: [] }
  }
  const src: Mem = { m: from.memory, s: from.strings }
  const dst: Mem = { m: to.memory, s: to.strings }
  const result: StCarryResult = { identical: false, kept: [], reset: [] }
  for (const s of b.root.order) {
    if (!isState(s)) continue
    const old = a.root.vars.get(s.name)
    if (old && isState(old) && copy(old.type, old.off, old.soff, s.type, s.off, s.soff, src, dst, 0)) result.kept.push(s.raw)
    else result.reset.push(s.raw)
  }
  return result
}

/** Same code, same initial memory: the same program, whatever whitespace or comments changed around it. */
function sameExec(a: StExec, b: StExec): boolean {
  return equalArrays(a.code, b.code) && equalArrays(a.initNum, b.initNum) && a.initStr.length === b.initStr.length &&
    a.initStr.every((x, i) => x === b.initStr[i])
}

function equalArrays(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false
  return true
}

/** Variables that hold state between scans. Constants restart from their (possibly new) declared values. */
function isState(s: Sym): boolean {
  return s.vk !== 'temp' && s.vk !== 'inout' && s.vk !== 'return' && !s.constant
}

/**
 * Copies a value of type `ft` at (fnb, fsb) in `src` to one of type `tt` at (tnb, tsb) in `dst`. False when the
 * types no longer match (the variable restarts); inside a matching aggregate, what still matches is copied.
 */
function copy(ft: StType, fnb: number, fsb: number, tt: StType, tnb: number, tsb: number, src: Mem, dst: Mem, depth: number): boolean {
  if (depth > 40) return false
  switch (tt.kind) {
    case 'elem':
      if (ft.kind !== 'elem' || ft.name !== tt.name) return false
      if (tt.name === 'STRING') dst.s[tsb] = src.s[fsb]!.slice(0, tt.maxLen)
      else dst.m[tnb] = src.m[fnb]!
      return true
    case 'enum': {
      if (ft.kind !== 'enum' || ft.name !== tt.name) return false
      const v = src.m[fnb]!
      // An enumeration that lost the value keeps its new initial value.
      if ([...tt.values.values()].includes(v)) dst.m[tnb] = v
      return true
    }
    case 'array': {
      if (ft.kind !== 'array' || ft.dims.length !== tt.dims.length) return false
      if (tt.dims.length === 1) {
        // A resized array keeps the elements both sizes have.
        const fd = ft.dims[0]!
        const td = tt.dims[0]!
        for (let i = Math.max(fd.lo, td.lo); i <= Math.min(fd.hi, td.hi); i++) {
          const fo = i - fd.lo
          const to = i - td.lo
          copy(ft.elem, fnb + fo * ft.elem.size, fsb + fo * ft.elem.ssize, tt.elem, tnb + to * tt.elem.size, tsb + to * tt.elem.ssize, src, dst, depth + 1)
        }
        return true
      }
      if (!ft.dims.every((d, k) => d.lo === tt.dims[k]!.lo && d.hi === tt.dims[k]!.hi)) return false
      for (let i = 0; i < tt.count; i++) {
        copy(ft.elem, fnb + i * ft.elem.size, fsb + i * ft.elem.ssize, tt.elem, tnb + i * tt.elem.size, tsb + i * tt.elem.ssize, src, dst, depth + 1)
      }
      return true
    }
    case 'struct': {
      if (ft.kind !== 'struct') return false
      for (const f of tt.order) {
        const o = ft.fields.get(f.name)
        if (o) copy(o.type, fnb + o.off, fsb + o.soff, f.type, tnb + f.off, tsb + f.soff, src, dst, depth + 1)
      }
      return true
    }
    case 'fb': {
      if (ft.kind !== 'fb' || ft.name !== tt.name) return false
      if (tt.lib) {
        const fl = ft.lib
        if (!fl || fl.def.type !== tt.lib.def.type || fl.def.stateSize !== tt.lib.def.stateSize) return false
        for (const [name, s] of tt.members) {
          const o = ft.members.get(name)
          if (o) copy(o.type, fnb + o.off, 0, s.type, tnb + s.off, 0, src, dst, depth + 1)
        }
        // Internal state and the time of the last call, so timers keep timing; never the kernel index cell.
        for (let k = 0; k < tt.lib.def.stateSize; k++) dst.m[tnb + tt.lib.stateOff + k] = src.m[fnb + fl.stateOff + k]!
        dst.m[tnb + tt.lib.timeOff] = src.m[fnb + fl.timeOff]!
        return true
      }
      if (!tt.pou || !ft.pou) return false
      copyFrame(ft.pou, fnb, fsb, tt.pou, tnb, tsb, src, dst, depth)
      return true
    }
    default:
      return false
  }
}

/** A user FB instance, member by member (its hidden entry cell belongs to the new code and stays). */
function copyFrame(from: PouInfo, fnb: number, fsb: number, to: PouInfo, tnb: number, tsb: number, src: Mem, dst: Mem, depth: number): void {
  for (const s of to.order) {
    if (!isState(s)) continue
    const o = from.vars.get(s.name)
    if (o && isState(o)) copy(o.type, fnb + o.off, fsb + o.soff, s.type, tnb + s.off, tsb + s.soff, src, dst, depth + 1)
  }
}
