import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

/** State: [Q]. */
const hysteresis: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 4]!
    const x = sig[slot[k]!]!
    let q = st[s]!
    if (x > sig[slot[k + 1]!]!) q = 1
    else if (x < sig[slot[k + 2]!]!) q = 0
    st[s] = q
    sig[slot[k + 3]!] = q
  }
}

export const HYSTERESIS: BlockDef = {
  type: 'HYSTERESIS',
  family: 'control',
  symbol: 'HYST',
  description: t(
    'Two-point switch: Q is set when IN > HIGH and reset when IN < LOW; in between it holds. Q starts FALSE.',
    '两点开关：IN > HIGH 时 Q 置位，IN < LOW 时复位，介于两者之间时保持。Q 初值为 FALSE。',
  ),
  inputs: [pin('IN', 'REAL', 0), pin('HIGH', 'REAL', 1), pin('LOW', 'REAL', 0)],
  outputs: [pin('Q', 'BOOL', false)],
  stateSize: 1,
  kernel: hysteresis,
}
