import type { Kernel } from '../engine/types.js'
import { idiv, imod, imul, wrap } from './arith.js'
import { convNum, math1 } from './natives.js'
import { kCTD, kCTU, kCTUD, kFILTER, kFTRIG, kHYST, kPID, kRAMP, kRS, kRTRIG, kSR, kTOF, kTON, kTP } from './hot.js'
import { nat } from './natives-vm.js'
import { StFault } from './ops.js'
import type { StType } from './types.js'

/** Everything one running instance executes against. `m` and `s` are its own; the rest is shared. */
export interface Vm {
  code: Int32Array
  m: Float64Array
  s: string[]
  /** Slot layouts of library FB instances (signal index of each pin, then the state offset), as kernels expect. */
  slots: Int32Array
  kfn: readonly Kernel[]
  kstride: Int32Array
  kkoff: Int32Array
  ktoff: Int32Array
  /** Types referred to by NAT instructions (string conversions, 64-bit bit operations). */
  types: readonly StType[]
  stack: Int32Array
}

const fault = (site: number, code: 'E_ST_DIV_ZERO' | 'E_ST_INDEX' | 'E_ST_LOOP_BUDGET' | 'E_ST_RUNTIME', msg: string): StFault =>
  new StFault(site, code, msg)

/**
 * Runs code from `entry` to HALT. `now` is the scan time (library timers measure from it), `budget` the loop
 * iterations still allowed; returns what is left. Throws StFault on a runtime fault. Case labels are the Op
 * numbers of ops.ts.
 */
export function run(vm: Vm, entry: number, now: number, budget: number): number {
  const { code, m, s, slots, kfn, kstride, kkoff, ktoff, stack } = vm
  let pc = entry
  let sp = 0
  for (;;) {
    switch (code[pc]!) {
      case 0: return budget
      case 1: m[code[pc + 1]!] = m[code[pc + 2]!]!; pc += 3; break
      case 3: m[code[pc + 1]!] = m[code[pc + 2]!]! + m[code[pc + 3]!]!; pc += 4; break
      case 4: m[code[pc + 1]!] = m[code[pc + 2]!]! - m[code[pc + 3]!]!; pc += 4; break
      case 5: m[code[pc + 1]!] = m[code[pc + 2]!]! * m[code[pc + 3]!]!; pc += 4; break
      case 6: m[code[pc + 1]!] = m[code[pc + 2]!]! / m[code[pc + 3]!]!; pc += 4; break
      case 7: m[code[pc + 1]!] = -m[code[pc + 2]!]!; pc += 3; break
      case 8: m[code[pc + 1]!] = wrap(m[code[pc + 2]!]!, code[pc + 3]!); pc += 4; break
      case 9: m[code[pc + 1]!] = imul(m[code[pc + 2]!]!, m[code[pc + 3]!]!, code[pc + 4]!); pc += 5; break
      case 10: {
        const b = m[code[pc + 3]!]!
        if (b === 0) throw fault(code[pc + 5]!, 'E_ST_DIV_ZERO', 'integer division by zero')
        m[code[pc + 1]!] = wrap(idiv(m[code[pc + 2]!]!, b), code[pc + 4]!)
        pc += 6
        break
      }
      case 11: {
        const b = m[code[pc + 3]!]!
        if (b === 0) throw fault(code[pc + 4]!, 'E_ST_DIV_ZERO', 'MOD by zero')
        m[code[pc + 1]!] = imod(m[code[pc + 2]!]!, b)
        pc += 5
        break
      }
      case 12: m[code[pc + 1]!] = Math.pow(m[code[pc + 2]!]!, m[code[pc + 3]!]!); pc += 4; break
      case 13: m[code[pc + 1]!] = m[code[pc + 2]!] === m[code[pc + 3]!] ? 1 : 0; pc += 4; break
      case 14: m[code[pc + 1]!] = m[code[pc + 2]!] !== m[code[pc + 3]!] ? 1 : 0; pc += 4; break
      case 15: m[code[pc + 1]!] = m[code[pc + 2]!]! < m[code[pc + 3]!]! ? 1 : 0; pc += 4; break
      case 16: m[code[pc + 1]!] = m[code[pc + 2]!]! <= m[code[pc + 3]!]! ? 1 : 0; pc += 4; break
      case 17: m[code[pc + 1]!] = m[code[pc + 2]!]! > m[code[pc + 3]!]! ? 1 : 0; pc += 4; break
      case 18: m[code[pc + 1]!] = m[code[pc + 2]!]! >= m[code[pc + 3]!]! ? 1 : 0; pc += 4; break
      case 19: m[code[pc + 1]!] = m[code[pc + 2]!] !== 0 && m[code[pc + 3]!] !== 0 ? 1 : 0; pc += 4; break
      case 20: m[code[pc + 1]!] = m[code[pc + 2]!] !== 0 || m[code[pc + 3]!] !== 0 ? 1 : 0; pc += 4; break
      case 21: m[code[pc + 1]!] = (m[code[pc + 2]!] !== 0) !== (m[code[pc + 3]!] !== 0) ? 1 : 0; pc += 4; break
      case 22: m[code[pc + 1]!] = m[code[pc + 2]!] === 0 ? 1 : 0; pc += 3; break
      case 23: m[code[pc + 1]!] = wrap(m[code[pc + 2]!]! & m[code[pc + 3]!]!, code[pc + 4]!); pc += 5; break
      case 24: m[code[pc + 1]!] = wrap(m[code[pc + 2]!]! | m[code[pc + 3]!]!, code[pc + 4]!); pc += 5; break
      case 25: m[code[pc + 1]!] = wrap(m[code[pc + 2]!]! ^ m[code[pc + 3]!]!, code[pc + 4]!); pc += 5; break
      case 26: m[code[pc + 1]!] = wrap(~m[code[pc + 2]!]!, code[pc + 3]!); pc += 4; break
      case 27: pc = code[pc + 1]!; break
      case 28: pc = m[code[pc + 1]!] === 0 ? code[pc + 2]! : pc + 3; break
      case 29: pc = m[code[pc + 1]!] !== 0 ? code[pc + 2]! : pc + 3; break
      case 30:
        if (--budget < 0) throw fault(code[pc + 2]!, 'E_ST_LOOP_BUDGET', 'loop iteration budget of this scan exceeded')
        pc = code[pc + 1]!
        break
      case 32: {
        const n = code[pc + 2]!
        let q = pc + 3
        for (let i = 0; i < n; i++, q += 2) m[code[q]!] = m[code[q + 1]!]!
        if (sp === stack.length) throw fault(-1, 'E_ST_RUNTIME', 'calls nested too deep')
        stack[sp++] = q
        pc = code[pc + 1]!
        break
      }
      case 33: {
        if (sp === stack.length) throw fault(-1, 'E_ST_RUNTIME', 'calls nested too deep')
        stack[sp++] = pc + 4
        pc = m[code[pc + 1]! + m[code[pc + 2]!]! + code[pc + 3]!]!
        break
      }
      case 34: pc = stack[--sp]!; break
      case 35: {
        const ki = code[pc + 1]!
        const k = code[pc + 2]!
        const ts = code[pc + 3]!
        const n = code[pc + 4]!
        let q = pc + 5
        for (let i = 0; i < n; i++, q += 2) m[code[q]!] = m[code[q + 1]!]!
        let dt = now - m[ts]!
        if (!(dt > 0)) dt = 0
        m[ts] = now
        const stride = kstride[ki]!
        kfn[ki]!(m, m, slots, k, k + stride, stride, dt)
        pc = q
        break
      }
      case 36: {
        const ki = code[pc + 1]!
        const base = code[pc + 2]! + m[code[pc + 3]!]!
        const k = m[base + kkoff[ki]!]!
        const ts = base + ktoff[ki]!
        let dt = now - m[ts]!
        if (!(dt > 0)) dt = 0
        m[ts] = now
        const stride = kstride[ki]!
        kfn[ki]!(m, m, slots, k, k + stride, stride, dt)
        pc += 4
        break
      }
      case 37: m[code[pc + 1]!] = m[code[pc + 2]! + m[code[pc + 3]!]!]!; pc += 4; break
      case 38: m[code[pc + 1]! + m[code[pc + 2]!]!] = m[code[pc + 3]!]!; pc += 4; break
      case 39: {
        const i = m[code[pc + 2]!]! - code[pc + 3]!
        if (!(i >= 0 && i < code[pc + 4]!)) {
          throw fault(code[pc + 6]!, 'E_ST_INDEX', `index ${m[code[pc + 2]!]} is outside ${code[pc + 3]}..${code[pc + 3]! + code[pc + 4]! - 1}`)
        }
        m[code[pc + 1]!] = i * code[pc + 5]!
        pc += 7
        break
      }
      case 40: {
        const d = code[pc + 1]! + m[code[pc + 2]!]!
        const a = code[pc + 3]! + m[code[pc + 4]!]!
        m.copyWithin(d, a, a + code[pc + 5]!)
        pc += 6
        break
      }
      case 41: {
        const d = code[pc + 1]! + m[code[pc + 2]!]!
        const a = code[pc + 3]! + m[code[pc + 4]!]!
        const n = code[pc + 5]!
        if (d !== a) for (let i = 0; i < n; i++) s[d + i] = s[a + i]!
        pc += 6
        break
      }
      case 42: {
        const v = s[code[pc + 2]!]!
        const max = code[pc + 3]!
        s[code[pc + 1]!] = v.length > max ? v.slice(0, max) : v
        pc += 4
        break
      }
      case 43: s[code[pc + 1]!] = s[code[pc + 2]! + m[code[pc + 3]!]!]!; pc += 4; break
      case 44: {
        const v = s[code[pc + 3]!]!
        const max = code[pc + 4]!
        s[code[pc + 1]! + m[code[pc + 2]!]!] = v.length > max ? v.slice(0, max) : v
        pc += 5
        break
      }
      case 45: {
        const a = s[code[pc + 2]!]!
        const b = s[code[pc + 3]!]!
        let r: boolean
        switch (code[pc + 4]) {
          case 0: r = a === b; break
          case 1: r = a !== b; break
          case 2: r = a < b; break
          case 3: r = a > b; break
          case 4: r = a <= b; break
          default: r = a >= b
        }
        m[code[pc + 1]!] = r ? 1 : 0
        pc += 5
        break
      }
      case 46: m[code[pc + 1]!] = math1(code[pc + 3]!, m[code[pc + 2]!]!); pc += 4; break
      case 47: {
        const a = m[code[pc + 2]!]!
        const b = m[code[pc + 3]!]!
        m[code[pc + 1]!] = b < a ? b : a
        pc += 4
        break
      }
      case 48: {
        const a = m[code[pc + 2]!]!
        const b = m[code[pc + 3]!]!
        m[code[pc + 1]!] = b > a ? b : a
        pc += 4
        break
      }
      case 49: {
        const mn = m[code[pc + 2]!]!
        const mx = m[code[pc + 4]!]!
        let v = m[code[pc + 3]!]!
        if (v < mn) v = mn
        if (v > mx) v = mx
        m[code[pc + 1]!] = v
        pc += 5
        break
      }
      case 50: m[code[pc + 1]!] = m[code[pc + (m[code[pc + 2]!] !== 0 ? 4 : 3)]!]!; pc += 5; break
      case 51: {
        const n = code[pc + 3]!
        let i = Math.trunc(m[code[pc + 2]!]!)
        if (!(i >= 0)) i = 0
        else if (i >= n) i = n - 1
        m[code[pc + 1]!] = m[code[pc + 4 + i]!]!
        pc += 4 + n
        break
      }
      case 52:
        m[code[pc + 1]!] = convNum(m[code[pc + 2]!]!, code[pc + 3]!, code[pc + 4]!, m[code[pc + 5]!]!, m[code[pc + 6]!]!)
        pc += 7
        break
      case 53:
        nat(vm, code[pc + 1]!, code[pc + 2]!, code[pc + 3]!, code[pc + 4]!, code[pc + 5]!, code[pc + 6]!)
        pc += 7
        break
      case 54: pc = m[code[pc + 1]!] === m[code[pc + 2]!] ? code[pc + 3]! : pc + 4; break
      case 55: {
        const v = m[code[pc + 1]!]!
        pc = v >= m[code[pc + 2]!]! && v <= m[code[pc + 3]!]! ? code[pc + 4]! : pc + 5
        break
      }
      case 56: {
        const i = m[code[pc + 1]!]! - code[pc + 2]!
        const n = code[pc + 3]!
        pc = i >= 0 && i < n && i === Math.floor(i) ? code[pc + 5 + i]! : code[pc + 4]!
        break
      }
      case 57: {
        const v = code[pc + 1]!
        m[v] = wrap(m[v]! + m[code[pc + 2]!]!, code[pc + 3]!)
        if (--budget < 0) throw fault(code[pc + 5]!, 'E_ST_LOOP_BUDGET', 'loop iteration budget of this scan exceeded')
        pc = code[pc + 4]!
        break
      }
      case 58: {
        const v = m[code[pc + 1]!]!
        const e = m[code[pc + 2]!]!
        const st = m[code[pc + 3]!]!
        pc = (st > 0 && v > e) || (st < 0 && v < e) ? code[pc + 4]! : pc + 5
        break
      }
      case 59: pc = m[code[pc + 1]!] === m[code[pc + 2]!] ? pc + 4 : code[pc + 3]!; break
      case 60: pc = m[code[pc + 1]!] !== m[code[pc + 2]!] ? pc + 4 : code[pc + 3]!; break
      case 61: pc = m[code[pc + 1]!]! < m[code[pc + 2]!]! ? pc + 4 : code[pc + 3]!; break
      case 62: pc = m[code[pc + 1]!]! <= m[code[pc + 2]!]! ? pc + 4 : code[pc + 3]!; break
      case 63: pc = m[code[pc + 1]!]! > m[code[pc + 2]!]! ? pc + 4 : code[pc + 3]!; break
      case 64: pc = m[code[pc + 1]!]! >= m[code[pc + 2]!]! ? pc + 4 : code[pc + 3]!; break
      case 65: m[code[pc + 1]!] = code[pc + 2]! + m[code[pc + 3]!]!; pc += 4; break
      case 66: {
        const k = code[pc + 2]!
        const ts = code[pc + 3]!
        const stride = code[pc + 4]!
        const n = code[pc + 5]!
        let q = pc + 6
        for (let i = 0; i < n; i++, q += 2) m[code[q]!] = m[code[q + 1]!]!
        let dt = now - m[ts]!
        if (!(dt > 0)) dt = 0
        m[ts] = now
        const e = k + stride
        switch (code[pc + 1]) {
          case 0: kTON(m, m, slots, k, e, stride, dt); break
          case 1: kTOF(m, m, slots, k, e, stride, dt); break
          case 2: kTP(m, m, slots, k, e, stride, dt); break
          case 3: kRTRIG(m, m, slots, k, e, stride, dt); break
          case 4: kFTRIG(m, m, slots, k, e, stride, dt); break
          case 5: kCTU(m, m, slots, k, e, stride, dt); break
          case 6: kCTD(m, m, slots, k, e, stride, dt); break
          case 7: kCTUD(m, m, slots, k, e, stride, dt); break
          case 8: kSR(m, m, slots, k, e, stride, dt); break
          case 9: kRS(m, m, slots, k, e, stride, dt); break
          case 10: kPID(m, m, slots, k, e, stride, dt); break
          case 11: kRAMP(m, m, slots, k, e, stride, dt); break
          case 12: kFILTER(m, m, slots, k, e, stride, dt); break
          default: kHYST(m, m, slots, k, e, stride, dt)
        }
        pc = q
        break
      }
      case 67: pc = vec(code, m, pc); break
      case 68: pc = kcallv(vm, pc, now); break
      default:
        throw fault(-1, 'E_ST_RUNTIME', `bad instruction ${code[pc]} at ${pc}`)
    }
  }
}

/** VEC op n tuples: one dispatch, then a tight loop per kind (case labels are Op numbers). */
function vec(code: Int32Array, m: Float64Array, pc: number): number {
  const n = code[pc + 2]!
  let q = pc + 3
  switch (code[pc + 1]) {
    case 1: for (let i = 0; i < n; i++, q += 2) m[code[q]!] = m[code[q + 1]!]!; break
    case 3: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! + m[code[q + 2]!]!; break
    case 4: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! - m[code[q + 2]!]!; break
    case 5: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! * m[code[q + 2]!]!; break
    case 6: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! / m[code[q + 2]!]!; break
    case 7: for (let i = 0; i < n; i++, q += 2) m[code[q]!] = -m[code[q + 1]!]!; break
    case 13: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!] === m[code[q + 2]!] ? 1 : 0; break
    case 14: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!] !== m[code[q + 2]!] ? 1 : 0; break
    case 15: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! < m[code[q + 2]!]! ? 1 : 0; break
    case 16: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! <= m[code[q + 2]!]! ? 1 : 0; break
    case 17: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! > m[code[q + 2]!]! ? 1 : 0; break
    case 18: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!]! >= m[code[q + 2]!]! ? 1 : 0; break
    case 19: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!] !== 0 && m[code[q + 2]!] !== 0 ? 1 : 0; break
    case 20: for (let i = 0; i < n; i++, q += 3) m[code[q]!] = m[code[q + 1]!] !== 0 || m[code[q + 2]!] !== 0 ? 1 : 0; break
    case 22: for (let i = 0; i < n; i++, q += 2) m[code[q]!] = m[code[q + 1]!] === 0 ? 1 : 0; break
    case 47:
      for (let i = 0; i < n; i++, q += 3) {
        const a = m[code[q + 1]!]!
        const b = m[code[q + 2]!]!
        m[code[q]!] = b < a ? b : a
      }
      break
    case 48:
      for (let i = 0; i < n; i++, q += 3) {
        const a = m[code[q + 1]!]!
        const b = m[code[q + 2]!]!
        m[code[q]!] = b > a ? b : a
      }
      break
    case 49:
      for (let i = 0; i < n; i++, q += 4) {
        const mn = m[code[q + 1]!]!
        const mx = m[code[q + 3]!]!
        let v = m[code[q + 2]!]!
        if (v < mn) v = mn
        if (v > mx) v = mx
        m[code[q]!] = v
      }
      break
    case 50: for (let i = 0; i < n; i++, q += 4) m[code[q]!] = m[code[q + (m[code[q + 1]!] !== 0 ? 3 : 2)]!]!; break
    default: throw fault(-1, 'E_ST_RUNTIME', `no vector form of instruction ${code[pc + 1]}`)
  }
  return q
}

/**
 * KCALLV: arguments of all n instances first (they are independent), then the kernel once over their contiguous
 * slot run when every instance sees the same dt (the usual case: all called every scan), else one by one. With a
 * `shared` time cell (instances called from this instruction only) the per-instance cells are not consulted.
 */
function kcallv(vm: Vm, pc: number, now: number): number {
  const { code, m, slots } = vm
  const fn = vm.kfn[code[pc + 1]!]!
  const stride = code[pc + 2]!
  const n = code[pc + 3]!
  const kStart = code[pc + 4]!
  const shared = code[pc + 5]!
  const inst = pc + 6
  let q = inst + 2 * n
  const np = code[q++]!
  for (let i = 0; i < np; i++, q += 2) m[code[q]!] = m[code[q + 1]!]!
  if (shared >= 0) {
    let dt = now - m[shared]!
    if (!(dt > 0)) dt = 0
    m[shared] = now
    fn(m, m, slots, kStart, kStart + n * stride, stride, dt)
    return q
  }
  let dt0 = now - m[code[inst + 1]!]!
  if (!(dt0 > 0)) dt0 = 0
  let same = true
  for (let i = 1; i < n && same; i++) {
    let d = now - m[code[inst + 2 * i + 1]!]!
    if (!(d > 0)) d = 0
    same = d === dt0
  }
  if (same) {
    for (let i = 0; i < n; i++) m[code[inst + 2 * i + 1]!] = now
    fn(m, m, slots, kStart, kStart + n * stride, stride, dt0)
  } else {
    for (let i = 0; i < n; i++) {
      const k = code[inst + 2 * i]!
      const ts = code[inst + 2 * i + 1]!
      let d = now - m[ts]!
      if (!(d > 0)) d = 0
      m[ts] = now
      fn(m, m, slots, k, k + stride, stride, d)
    }
  }
  return q
}
