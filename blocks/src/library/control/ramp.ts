import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

/** State: [OUT, initialised]. */
const ramp: Kernel = (sig, st, slot, start, end, stride, dt) => {
  const dts = dt * 0.001
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 5]!
    const target = sig[slot[k]!]!
    let out = st[s]!
    if (st[s + 1] === 0 || sig[slot[k + 2]!] !== 0) out = target
    else {
      let rate = sig[slot[k + 1]!]!
      if (!(rate > 0)) rate = 0
      const step = rate * dts
      if (target > out + step) out += step
      else if (target < out - step) out -= step
      else out = target
    }
    st[s] = out
    st[s + 1] = 1
    sig[slot[k + 3]!] = out
    sig[slot[k + 4]!] = out !== target ? 1 : 0
  }
}

export const RAMP: BlockDef = {
  type: 'RAMP',
  family: 'control',
  symbol: 'RAMP',
  description: t(
    'Rate limiter: OUT moves towards IN by at most RATE units per second. RESET (and the first scan) sets OUT = IN. BUSY is TRUE while OUT differs from IN.',
    '速率限制：OUT 以每秒不超过 RATE 的速度趋近 IN。RESET（以及首次扫描）使 OUT = IN。OUT 与 IN 不同时 BUSY 为 TRUE。',
  ),
  inputs: [
    pin('IN', 'REAL', 0),
    pin('RATE', 'REAL', 1, { unit: '1/s', description: t('Maximum change per second; 0 or less holds OUT.', '每秒最大变化量；小于等于 0 时 OUT 保持不变。') }),
    pin('RESET', 'BOOL', false),
  ],
  outputs: [pin('OUT', 'REAL', 0), pin('BUSY', 'BOOL', false)],
  stateSize: 2,
  kernel: ramp,
}
