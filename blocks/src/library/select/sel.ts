import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const sel: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 3]!] = sig[slot[k + (sig[slot[k]!] !== 0 ? 2 : 1)]!]!
}

export const SEL: BlockDef = {
  type: 'SEL',
  family: 'select',
  symbol: 'SEL',
  description: t('Binary selection: OUT = IN0 when G is FALSE, IN1 when G is TRUE.', '二选一：G 为 FALSE 时 OUT = IN0，为 TRUE 时 OUT = IN1。'),
  inputs: [pin('G', 'BOOL', false), pin('IN0', 'ANY', 0), pin('IN1', 'ANY', 0)],
  outputs: [pin('OUT', 'ANY', 0)],
  stateSize: 0,
  kernel: sel,
}
