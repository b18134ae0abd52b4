import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

/**
 * Exact discretisation of a first-order lag, OUT += (IN - OUT) * (1 - exp(-dt / T)): stable for any scan time,
 * and a step reaches 63.2 % after T whatever the scan period. State: [OUT, initialised].
 */
const filter: Kernel = (sig, st, slot, start, end, stride, dt) => {
  const dts = dt * 0.001
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 3]!
    const x = sig[slot[k]!]!
    const tau = sig[slot[k + 1]!]!
    let out = st[s]!
    if (st[s + 1] === 0 || !(tau > 0)) out = x
    else if (dts > 0) out += (x - out) * (1 - Math.exp(-dts / tau))
    st[s] = out
    st[s + 1] = 1
    sig[slot[k + 2]!] = out
  }
}

export const FILTER: BlockDef = {
  type: 'FILTER',
  family: 'control',
  symbol: 'PT1',
  description: t(
    'First-order lag (PT1) with time constant T in seconds. The first scan sets OUT = IN; T <= 0 passes IN through.',
    '一阶惯性滤波（PT1），时间常数 T（s）。首次扫描 OUT = IN；T <= 0 时直接输出 IN。',
  ),
  inputs: [pin('IN', 'REAL', 0), pin('T', 'REAL', 1, { unit: 's', description: t('Time constant in s.', '时间常数（s）。') })],
  outputs: [pin('OUT', 'REAL', 0)],
  stateSize: 2,
  kernel: filter,
}
