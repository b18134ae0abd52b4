import type { BlockDef, Kernel } from '../../engine/types.js'
import { t } from '../define.js'
import { TIMER_INPUTS, TIMER_OUTPUTS } from './pins.js'

/** State: [elapsed since the pulse began, pulsing, previous IN]. */
const tp: Kernel = (sig, st, slot, start, end, stride, dt) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 4]!
    const inp = sig[slot[k]!] !== 0 ? 1 : 0
    let pt = sig[slot[k + 1]!]!
    if (!(pt > 0)) pt = 0
    let el = st[s]!
    let pulsing = st[s + 1]!
    if (pulsing !== 0) el += dt
    else if (inp === 1 && st[s + 2] === 0) {
      pulsing = 1 // rising edge; edges during a pulse are ignored (not retriggerable)
      el = 0
    }
    if (pulsing !== 0 && el >= pt) pulsing = 0
    st[s] = el
    st[s + 1] = pulsing
    st[s + 2] = inp
    sig[slot[k + 2]!] = pulsing
    // After the pulse ET holds PT while IN stays TRUE and returns to 0 once IN is FALSE.
    sig[slot[k + 3]!] = pulsing !== 0 ? el : inp === 1 ? pt : 0
  }
}

export const TP: BlockDef = {
  type: 'TP',
  family: 'timers',
  symbol: 'TP',
  description: t(
    'Pulse: a rising edge of IN gives Q TRUE for exactly PT; edges during the pulse are ignored. ET counts during the pulse, then holds PT while IN stays TRUE.',
    '脉冲：IN 的上升沿使 Q 为 TRUE 持续 PT；脉冲期间的上升沿被忽略（不可重触发）。脉冲期间 ET 计时，之后在 IN 保持 TRUE 时保持为 PT。',
  ),
  inputs: TIMER_INPUTS,
  outputs: TIMER_OUTPUTS,
  stateSize: 3,
  kernel: tp,
  notes: t('IN TRUE on the first scan starts a pulse (the edge memory starts FALSE, as in R_TRIG).', '首次扫描时 IN 为 TRUE 会启动脉冲（边沿记忆初值为 FALSE，与 R_TRIG 一致）。'),
}
