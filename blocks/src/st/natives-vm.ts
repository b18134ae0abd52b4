import { bit64 } from './arith.js'
import { fromStr, shiftOp, strFns, toStr } from './natives.js'
import { intInfo } from './types.js'
import type { Vm } from './vm.js'

const toInt = (x: number): number => Math.trunc(x)

/**
 * Rare operations behind the NAT instruction: string functions, conversions to and from STRING, shifts and 64-bit
 * bit operations. Operands as in ops.ts `Nat`; `e` is a type index where one is needed.
 */
export function nat(vm: Vm, id: number, d: number, a: number, b: number, c: number, e: number): void {
  const { m, s } = vm
  switch (id) {
    case 0: m[d] = s[a]!.length; return
    case 1: s[d] = strFns.left(s[a]!, toInt(m[b]!)); return
    case 2: s[d] = strFns.right(s[a]!, toInt(m[b]!)); return
    case 3: s[d] = strFns.mid(s[a]!, toInt(m[b]!), toInt(m[c]!)); return
    case 4: s[d] = s[a]! + s[b]!; return
    case 5: m[d] = strFns.find(s[a]!, s[b]!); return
    case 6: s[d] = strFns.insert(s[a]!, s[b]!, toInt(m[c]!)); return
    case 7: s[d] = strFns.del(s[a]!, toInt(m[b]!), toInt(m[c]!)); return
    case 8: s[d] = strFns.replace(s[a]!, s[b]!, toInt(m[c]!), toInt(m[e]!)); return
    case 9: s[d] = toStr(m[a]!, vm.types[e]!); return
    case 10: m[d] = fromStr(s[a]!, vm.types[e]!); return
    case 11: m[d] = shiftOp('shl', m[a]!, m[b]!, vm.types[e]!); return
    case 12: m[d] = shiftOp('shr', m[a]!, m[b]!, vm.types[e]!); return
    case 13: m[d] = shiftOp('rol', m[a]!, m[b]!, vm.types[e]!); return
    case 14: m[d] = shiftOp('ror', m[a]!, m[b]!, vm.types[e]!); return
    case 15:
    case 16:
    case 17:
    case 18: {
      const op = id === 15 ? 'and' : id === 16 ? 'or' : id === 17 ? 'xor' : 'not'
      m[d] = bit64(op, m[a]!, m[b]!, intInfo(vm.types[e]!)!.signed)
      return
    }
  }
}
