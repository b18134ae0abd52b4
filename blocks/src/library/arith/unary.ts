import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const abs: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const v = sig[slot[k]!]!
    sig[slot[k + 1]!] = v < 0 ? -v : v
  }
}

const sqrt: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = Math.sqrt(sig[slot[k]!]!)
}

const move: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = sig[slot[k]!]!
}

export const ABS: BlockDef = {
  type: 'ABS',
  family: 'arith',
  symbol: 'ABS',
  description: t('Absolute value of IN.', 'IN 的绝对值。'),
  inputs: [pin('IN', 'ANY_NUM', 0)],
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: abs,
}

export const SQRT: BlockDef = {
  type: 'SQRT',
  family: 'arith',
  symbol: 'SQRT',
  description: t('Square root of IN (REAL).', 'IN 的平方根（REAL）。'),
  inputs: [pin('IN', 'LREAL', 0)],
  outputs: [pin('OUT', 'LREAL', 0)],
  stateSize: 0,
  kernel: sqrt,
  notes: t('A negative IN gives NaN (an error in IEC).', '负的 IN 得到 NaN（IEC 中为错误）。'),
}

export const MOVE: BlockDef = {
  type: 'MOVE',
  family: 'arith',
  symbol: ':=',
  description: t('Copies IN to OUT.', '将 IN 复制到 OUT。'),
  inputs: [pin('IN', 'ANY', 0)],
  outputs: [pin('OUT', 'ANY', 0)],
  stateSize: 0,
  kernel: move,
}
