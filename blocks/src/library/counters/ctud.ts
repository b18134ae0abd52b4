import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'
import { CV, CV_MAX, CV_MIN, EDGE_NOTE, PV } from './limits.js'

/** State: [CV, previous CU, previous CD]. R beats LD beats counting; edges on CU and CD together cancel. */
const ctud: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 8]!
    const cu = sig[slot[k]!] !== 0 ? 1 : 0
    const cd = sig[slot[k + 1]!] !== 0 ? 1 : 0
    const up = cu === 1 && st[s + 1] === 0
    const down = cd === 1 && st[s + 2] === 0
    const pv = sig[slot[k + 4]!]!
    let cv = st[s]!
    if (sig[slot[k + 2]!] !== 0) cv = 0
    else if (sig[slot[k + 3]!] !== 0) cv = pv
    else if (up && !down) {
      if (cv < CV_MAX) cv++
    } else if (down && !up) {
      if (cv > CV_MIN) cv--
    }
    st[s] = cv
    st[s + 1] = cu
    st[s + 2] = cd
    sig[slot[k + 5]!] = cv >= pv ? 1 : 0
    sig[slot[k + 6]!] = cv <= 0 ? 1 : 0
    sig[slot[k + 7]!] = cv
  }
}

export const CTUD: BlockDef = {
  type: 'CTUD',
  family: 'counters',
  symbol: 'CTUD',
  description: t(
    'Up/down counter: CU edges count up, CD edges count down; R resets CV to 0, LD loads PV (R first). QU = CV >= PV, QD = CV <= 0.',
    '加减计数器：CU 上升沿加计数，CD 上升沿减计数；R 将 CV 清零，LD 装载 PV（R 优先）。QU = CV >= PV，QD = CV <= 0。',
  ),
  inputs: [pin('CU', 'BOOL', false), pin('CD', 'BOOL', false), pin('R', 'BOOL', false), pin('LD', 'BOOL', false), PV],
  outputs: [pin('QU', 'BOOL', false), pin('QD', 'BOOL', false), CV],
  stateSize: 3,
  kernel: ctud,
  notes: EDGE_NOTE,
}
