import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

// IEC comparisons are extensible (GT(a, b, c) = a > b AND b > c); here they take two inputs, the common case.

const gt: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! > sig[slot[k + 1]!]! ? 1 : 0
}
const ge: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! >= sig[slot[k + 1]!]! ? 1 : 0
}
const eq: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! === sig[slot[k + 1]!]! ? 1 : 0
}
const ne: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! !== sig[slot[k + 1]!]! ? 1 : 0
}
const le: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! <= sig[slot[k + 1]!]! ? 1 : 0
}
const lt: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! < sig[slot[k + 1]!]! ? 1 : 0
}

function compare(type: string, symbol: string, kernel: Kernel, en: string, zh: string): BlockDef {
  return {
    type,
    family: 'compare',
    symbol,
    description: t(`OUT is TRUE when IN1 ${en} IN2.`, `IN1 ${zh} IN2 时 OUT 为 TRUE。`),
    inputs: [pin('IN1', 'ANY', 0), pin('IN2', 'ANY', 0)],
    outputs: [pin('OUT', 'BOOL', false)],
    stateSize: 0,
    kernel,
    notes: t('Two inputs only (IEC allows more).', '仅两个输入（IEC 允许更多）。'),
  }
}

export const GT = compare('GT', '>', gt, 'is greater than', '大于')
export const GE = compare('GE', '>=', ge, 'is greater than or equal to', '大于或等于')
export const EQ = compare('EQ', '=', eq, 'equals', '等于')
export const NE = compare('NE', '<>', ne, 'differs from', '不等于')
export const LE = compare('LE', '<=', le, 'is less than or equal to', '小于或等于')
export const LT = compare('LT', '<', lt, 'is less than', '小于')
