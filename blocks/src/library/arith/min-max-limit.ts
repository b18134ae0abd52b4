import type { BlockDef, Kernel } from '../../engine/types.js'
import { extensible, pin, t } from '../define.js'

const min: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = sig[slot[k]!]!
    for (let j = 1; j < n; j++) {
      const x = sig[slot[k + j]!]!
      if (x < v) v = x
    }
    sig[slot[k + n]!] = v
  }
}
const min2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const a = sig[slot[k]!]!
    const b = sig[slot[k + 1]!]!
    sig[slot[k + 2]!] = b < a ? b : a
  }
}

const max: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = sig[slot[k]!]!
    for (let j = 1; j < n; j++) {
      const x = sig[slot[k + j]!]!
      if (x > v) v = x
    }
    sig[slot[k + n]!] = v
  }
}
const max2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const a = sig[slot[k]!]!
    const b = sig[slot[k + 1]!]!
    sig[slot[k + 2]!] = b > a ? b : a
  }
}

// IEC: LIMIT(MN, IN, MX) = MIN(MAX(IN, MN), MX), so MX wins when MN > MX.
const limit: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const mn = sig[slot[k]!]!
    const mx = sig[slot[k + 2]!]!
    let v = sig[slot[k + 1]!]!
    if (v < mn) v = mn
    if (v > mx) v = mx
    sig[slot[k + 3]!] = v
  }
}

export const MIN: BlockDef = {
  type: 'MIN',
  family: 'arith',
  symbol: 'MIN',
  description: t('Smallest input. Extensible up to IN8.', '最小的输入。可扩展至 IN8。'),
  inputs: extensible('ANY_NUM', 0, Infinity),
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: min,
  kernels: { compact: min2 },
}

export const MAX: BlockDef = {
  type: 'MAX',
  family: 'arith',
  symbol: 'MAX',
  description: t('Largest input. Extensible up to IN8.', '最大的输入。可扩展至 IN8。'),
  inputs: extensible('ANY_NUM', 0, -Infinity),
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: max,
  kernels: { compact: max2 },
}

export const LIMIT: BlockDef = {
  type: 'LIMIT',
  family: 'arith',
  symbol: 'LIMIT',
  description: t('IN clamped to the range MN..MX.', '将 IN 限制在 MN..MX 范围内。'),
  inputs: [pin('MN', 'ANY_NUM', 0), pin('IN', 'ANY_NUM', 0), pin('MX', 'ANY_NUM', 0)],
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: limit,
}
