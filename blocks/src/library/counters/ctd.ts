import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'
import { CV, CV_MIN, PV } from './limits.js'

/** State: [CV, previous CD]. */
const ctd: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 5]!
    const cd = sig[slot[k]!] !== 0 ? 1 : 0
    let cv = st[s]!
    if (sig[slot[k + 1]!] !== 0) cv = sig[slot[k + 2]!]!
    else if (cd === 1 && st[s + 1] === 0 && cv > CV_MIN) cv--
    st[s] = cv
    st[s + 1] = cd
    sig[slot[k + 3]!] = cv <= 0 ? 1 : 0
    sig[slot[k + 4]!] = cv
  }
}

export const CTD: BlockDef = {
  type: 'CTD',
  family: 'counters',
  symbol: 'CTD',
  description: t(
    'Down counter: LD loads PV into CV (dominant); each rising edge of CD subtracts 1. Q is TRUE when CV <= 0.',
    '减计数器：LD 将 PV 装入 CV（装载优先）；CD 每个上升沿使 CV 减 1。CV <= 0 时 Q 为 TRUE。',
  ),
  inputs: [pin('CD', 'BOOL', false), pin('LD', 'BOOL', false), PV],
  outputs: [pin('Q', 'BOOL', false), CV],
  stateSize: 2,
  kernel: ctd,
  notes: t(
    'As in IEC, CV starts at 0, so Q is TRUE until the first load. CD is edge-triggered (IEC R_EDGE).',
    '与 IEC 一致，CV 初值为 0，因此在首次装载前 Q 为 TRUE。CD 为上升沿触发（IEC R_EDGE）。',
  ),
}
