import type { BlockDef, Kernel } from '../../engine/types.js'
import { t } from '../define.js'
import { TIMER_INPUTS, TIMER_OUTPUTS } from './pins.js'

/**
 * State: [elapsed since IN rose (unclamped), running]. Keeping elapsed unclamped makes ET = min(elapsed, PT) and
 * Q = elapsed >= PT, which is what a start-time implementation gives when PT changes while the timer runs.
 */
const ton: Kernel = (sig, st, slot, start, end, stride, dt) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 4]!
    if (sig[slot[k]!] !== 0) {
      const el = st[s + 1] !== 0 ? st[s]! + dt : 0
      st[s] = el
      st[s + 1] = 1
      let pt = sig[slot[k + 1]!]!
      if (!(pt > 0)) pt = 0
      sig[slot[k + 2]!] = el >= pt ? 1 : 0
      sig[slot[k + 3]!] = el < pt ? el : pt
    } else {
      st[s] = 0
      st[s + 1] = 0
      sig[slot[k + 2]!] = 0
      sig[slot[k + 3]!] = 0
    }
  }
}

export const TON: BlockDef = {
  type: 'TON',
  family: 'timers',
  symbol: 'TON',
  description: t(
    'On-delay: Q turns TRUE once IN has been TRUE for PT; ET counts while IN is TRUE. IN FALSE resets Q and ET.',
    '接通延时：IN 持续为 TRUE 达到 PT 后 Q 变为 TRUE；IN 为 TRUE 时 ET 计时。IN 为 FALSE 时 Q 和 ET 复位。',
  ),
  inputs: TIMER_INPUTS,
  outputs: TIMER_OUTPUTS,
  stateSize: 2,
  kernel: ton,
  notes: t(
    'Time advances by whole scans: Q rises on the first scan at or after PT. A negative PT counts as 0.',
    '时间按扫描推进：Q 在达到或超过 PT 的第一个扫描周期变为 TRUE。负的 PT 视为 0。',
  ),
}
