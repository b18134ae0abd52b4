import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

// Q1 := S1 OR (NOT R AND Q1)
const sr: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 3]!
    const q = sig[slot[k]!] !== 0 || (sig[slot[k + 1]!] === 0 && st[s] !== 0) ? 1 : 0
    st[s] = q
    sig[slot[k + 2]!] = q
  }
}

// Q1 := NOT R1 AND (S OR Q1)
const rs: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 3]!
    const q = sig[slot[k + 1]!] === 0 && (sig[slot[k]!] !== 0 || st[s] !== 0) ? 1 : 0
    st[s] = q
    sig[slot[k + 2]!] = q
  }
}

export const SR: BlockDef = {
  type: 'SR',
  family: 'bistable',
  symbol: 'SR',
  description: t('Set-dominant latch: S1 sets Q1, R resets it; S1 wins when both are TRUE.', '置位优先触发器：S1 置位 Q1，R 复位；两者同时为 TRUE 时置位优先。'),
  inputs: [pin('S1', 'BOOL', false), pin('R', 'BOOL', false)],
  outputs: [pin('Q1', 'BOOL', false)],
  stateSize: 1,
  kernel: sr,
}

export const RS: BlockDef = {
  type: 'RS',
  family: 'bistable',
  symbol: 'RS',
  description: t('Reset-dominant latch: S sets Q1, R1 resets it; R1 wins when both are TRUE.', '复位优先触发器：S 置位 Q1，R1 复位；两者同时为 TRUE 时复位优先。'),
  inputs: [pin('S', 'BOOL', false), pin('R1', 'BOOL', false)],
  outputs: [pin('Q1', 'BOOL', false)],
  stateSize: 1,
  kernel: rs,
}
