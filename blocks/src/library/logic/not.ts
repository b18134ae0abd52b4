import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const not: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = sig[slot[k]!] === 0 ? 1 : 0
}

export const NOT: BlockDef = {
  type: 'NOT',
  family: 'logic',
  symbol: 'NOT',
  description: t('Logical negation: OUT is TRUE when IN is FALSE.', '逻辑非：IN 为 FALSE 时 OUT 为 TRUE。'),
  inputs: [pin('IN', 'BOOL', false)],
  outputs: [pin('OUT', 'BOOL', false)],
  stateSize: 0,
  kernel: not,
}
