import type { BlockDef, Kernel } from '../../engine/types.js'
import { t } from '../define.js'
import { TIMER_INPUTS, TIMER_OUTPUTS } from './pins.js'

/** State: [elapsed since IN fell, timing]; `timing` stays 1 after expiry so ET holds PT until IN rises again. */
const tof: Kernel = (sig, st, slot, start, end, stride, dt) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 4]!
    if (sig[slot[k]!] !== 0) {
      st[s] = 0
      st[s + 1] = 2 // IN is TRUE: the next FALSE starts the delay
      sig[slot[k + 2]!] = 1
      sig[slot[k + 3]!] = 0
      continue
    }
    const mode = st[s + 1]!
    if (mode === 0) {
      // Never switched on since start: Q stays FALSE, as in IEC's timing diagram.
      sig[slot[k + 2]!] = 0
      sig[slot[k + 3]!] = 0
      continue
    }
    const el = mode === 2 ? 0 : st[s]! + dt
    st[s] = el
    st[s + 1] = 1
    let pt = sig[slot[k + 1]!]!
    if (!(pt > 0)) pt = 0
    sig[slot[k + 2]!] = el < pt ? 1 : 0
    sig[slot[k + 3]!] = el < pt ? el : pt
  }
}

export const TOF: BlockDef = {
  type: 'TOF',
  family: 'timers',
  symbol: 'TOF',
  description: t(
    'Off-delay: Q follows IN TRUE at once and stays TRUE for PT after IN falls; ET counts during the delay and holds PT after it.',
    '断开延时：IN 为 TRUE 时 Q 立即为 TRUE，IN 变为 FALSE 后 Q 再保持 PT 时间；延时期间 ET 计时，结束后保持为 PT。',
  ),
  inputs: TIMER_INPUTS,
  outputs: TIMER_OUTPUTS,
  stateSize: 2,
  kernel: tof,
}
