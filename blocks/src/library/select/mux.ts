import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const mux: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 2
  for (let k = start; k < end; k += stride) {
    let i = Math.trunc(sig[slot[k]!]!)
    // Out-of-range K is an error in IEC; clamping keeps the output defined.
    if (!(i >= 0)) i = 0
    else if (i >= n) i = n - 1
    sig[slot[k + 1 + n]!] = sig[slot[k + 1 + i]!]!
  }
}

export const MUX: BlockDef = {
  type: 'MUX',
  family: 'select',
  symbol: 'MUX',
  description: t('Multiplexer: OUT = IN<K> for K = 0..3.', '多路选择：OUT = IN<K>，K = 0..3。'),
  inputs: [
    pin('K', 'INT', 0),
    pin('IN0', 'ANY', 0),
    pin('IN1', 'ANY', 0),
    pin('IN2', 'ANY', 0, { optional: true }),
    pin('IN3', 'ANY', 0, { optional: true }),
  ],
  outputs: [pin('OUT', 'ANY', 0)],
  stateSize: 0,
  kernel: mux,
  notes: t('K outside 0..3 is clamped to the nearest input (IEC: error).', 'K 超出 0..3 时取最近的输入（IEC 中为错误）。'),
}
