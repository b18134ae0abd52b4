import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const scale: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const inMin = sig[slot[k + 1]!]!
    const span = sig[slot[k + 2]!]! - inMin
    const outMin = sig[slot[k + 3]!]!
    // A zero input span has no line through it; OUT_MIN is the defined answer rather than NaN/Inf.
    sig[slot[k + 5]!] = span === 0 ? outMin : outMin + ((sig[slot[k]!]! - inMin) * (sig[slot[k + 4]!]! - outMin)) / span
  }
}

export const SCALE: BlockDef = {
  type: 'SCALE',
  family: 'control',
  symbol: 'SCALE',
  description: t(
    'Linear scaling of IN from IN_MIN..IN_MAX to OUT_MIN..OUT_MAX (not clamped; add LIMIT if needed). A zero input span gives OUT_MIN.',
    '将 IN 从 IN_MIN..IN_MAX 线性换算到 OUT_MIN..OUT_MAX（不限幅，需要时加 LIMIT）。输入量程为零时输出 OUT_MIN。',
  ),
  inputs: [
    pin('IN', 'REAL', 0),
    pin('IN_MIN', 'REAL', 0),
    pin('IN_MAX', 'REAL', 100),
    pin('OUT_MIN', 'REAL', 0),
    pin('OUT_MAX', 'REAL', 100),
  ],
  outputs: [pin('OUT', 'REAL', 0)],
  stateSize: 0,
  kernel: scale,
}
