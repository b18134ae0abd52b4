import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

// State M is the previous CLK for both blocks, initially FALSE.
const rTrig: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 2]!
    const clk = sig[slot[k]!] !== 0 ? 1 : 0
    sig[slot[k + 1]!] = clk === 1 && st[s] === 0 ? 1 : 0
    st[s] = clk
  }
}

const fTrig: Kernel = (sig, st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 2]!
    const clk = sig[slot[k]!] !== 0 ? 1 : 0
    sig[slot[k + 1]!] = clk === 0 && st[s] !== 0 ? 1 : 0
    st[s] = clk
  }
}

export const R_TRIG: BlockDef = {
  type: 'R_TRIG',
  family: 'edge',
  symbol: 'R_TRIG',
  description: t(
    'Rising edge: Q is TRUE for one scan when CLK goes from FALSE to TRUE. As in IEC, CLK TRUE on the first scan counts as an edge.',
    '上升沿：CLK 由 FALSE 变为 TRUE 时 Q 为 TRUE 一个扫描周期。与 IEC 一致，首次扫描时 CLK 为 TRUE 也算一个上升沿。',
  ),
  inputs: [pin('CLK', 'BOOL', false)],
  outputs: [pin('Q', 'BOOL', false)],
  stateSize: 1,
  kernel: rTrig,
}

export const F_TRIG: BlockDef = {
  type: 'F_TRIG',
  family: 'edge',
  symbol: 'F_TRIG',
  description: t(
    'Falling edge: Q is TRUE for one scan when CLK goes from TRUE to FALSE.',
    '下降沿：CLK 由 TRUE 变为 FALSE 时 Q 为 TRUE 一个扫描周期。',
  ),
  inputs: [pin('CLK', 'BOOL', false)],
  outputs: [pin('Q', 'BOOL', false)],
  stateSize: 1,
  kernel: fTrig,
  notes: t(
    'The literal IEC text (Q := NOT CLK AND NOT M, M initially FALSE) pulses on the first scan when CLK is FALSE. '
      + 'Like CODESYS and MATIEC, this block pulses only on a real TRUE -> FALSE change.',
    'IEC 原文（Q := NOT CLK AND NOT M，M 初值 FALSE）在首次扫描且 CLK 为 FALSE 时会输出脉冲。'
      + '本块与 CODESYS、MATIEC 一致，仅在真实的 TRUE -> FALSE 变化时输出脉冲。',
  ),
}
