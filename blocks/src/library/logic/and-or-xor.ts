import type { BlockDef, Kernel } from '../../engine/types.js'
import { extensible, pin, t } from '../define.js'

// Full kernels take the input count from the stride (n inputs + 1 output); compact kernels are the 2-input case.

const and: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = 1
    for (let j = 0; j < n; j++) if (sig[slot[k + j]!] === 0) v = 0
    sig[slot[k + n]!] = v
  }
}
const and2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!] !== 0 && sig[slot[k + 1]!] !== 0 ? 1 : 0
}

const or: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = 0
    for (let j = 0; j < n; j++) if (sig[slot[k + j]!] !== 0) v = 1
    sig[slot[k + n]!] = v
  }
}
const or2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!] !== 0 || sig[slot[k + 1]!] !== 0 ? 1 : 0
}

const xor: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = 0
    for (let j = 0; j < n; j++) if (sig[slot[k + j]!] !== 0) v ^= 1
    sig[slot[k + n]!] = v
  }
}
const xor2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = (sig[slot[k]!] !== 0) !== (sig[slot[k + 1]!] !== 0) ? 1 : 0
}

const OUT = [pin('OUT', 'BOOL', false)]

export const AND: BlockDef = {
  type: 'AND',
  family: 'logic',
  symbol: '&',
  description: t('Logical AND: OUT is TRUE when every connected input is TRUE.', '逻辑与：所有已连接的输入都为 TRUE 时 OUT 为 TRUE。'),
  inputs: extensible('BOOL', false, true),
  outputs: OUT,
  stateSize: 0,
  kernel: and,
  kernels: { compact: and2 },
}

export const OR: BlockDef = {
  type: 'OR',
  family: 'logic',
  symbol: '>=1',
  description: t('Logical OR: OUT is TRUE when any input is TRUE.', '逻辑或：任一输入为 TRUE 时 OUT 为 TRUE。'),
  inputs: extensible('BOOL', false, false),
  outputs: OUT,
  stateSize: 0,
  kernel: or,
  kernels: { compact: or2 },
}

export const XOR: BlockDef = {
  type: 'XOR',
  family: 'logic',
  symbol: '=2k+1',
  description: t(
    'Exclusive OR: OUT is TRUE when an odd number of inputs is TRUE (IEC extensible XOR).',
    '异或：为 TRUE 的输入个数为奇数时 OUT 为 TRUE（IEC 可扩展 XOR）。',
  ),
  inputs: extensible('BOOL', false, false),
  outputs: OUT,
  stateSize: 0,
  kernel: xor,
  kernels: { compact: xor2 },
}
