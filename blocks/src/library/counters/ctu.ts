import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'
import { CV, CV_MAX, EDGE_NOTE, PV } from './limits.js'

/** State: [CV, previous CU]. The edge memory updates even while R holds CV at 0, as with an IEC R_EDGE input. */
const ctu: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 5]!
    const cu = sig[slot[k]!] !== 0 ? 1 : 0
    let cv = st[s]!
    if (sig[slot[k + 1]!] !== 0) cv = 0
    else if (cu === 1 && st[s + 1] === 0 && cv < CV_MAX) cv++
    st[s] = cv
    st[s + 1] = cu
    sig[slot[k + 3]!] = cv >= sig[slot[k + 2]!]! ? 1 : 0
    sig[slot[k + 4]!] = cv
  }
}

export const CTU: BlockDef = {
  type: 'CTU',
  family: 'counters',
  symbol: 'CTU',
  description: t(
    'Up counter: each rising edge of CU adds 1 to CV; R sets CV to 0 (dominant). Q is TRUE when CV >= PV.',
    '加计数器：CU 每个上升沿使 CV 加 1；R 将 CV 清零（复位优先）。CV >= PV 时 Q 为 TRUE。',
  ),
  inputs: [pin('CU', 'BOOL', false), pin('R', 'BOOL', false), PV],
  outputs: [pin('Q', 'BOOL', false), CV],
  stateSize: 2,
  kernel: ctu,
  notes: EDGE_NOTE,
}
