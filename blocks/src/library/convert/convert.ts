import type { BlockDef, ConcreteType, Kernel } from '../../engine/types.js'
import { INT_RANGE } from '../../engine/typesys.js'
import { pin, t } from '../define.js'

const copy: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = sig[slot[k]!]!
}

const toBool: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 1]!] = sig[slot[k]!] !== 0 ? 1 : 0
}

/** Round half to even (IEC 60559 default rounding), then saturate; NaN gives 0. */
function toInteger(lo: number, hi: number): Kernel {
  return (sig, _st, slot, start, end, stride) => {
    for (let k = start; k < end; k += stride) {
      const x = sig[slot[k]!]!
      let r = Math.round(x)
      if (r - x === 0.5 && r % 2 !== 0) r -= 1
      sig[slot[k + 1]!] = r > hi ? hi : r < lo ? lo : r === r ? r : 0
    }
  }
}

function convert(to: ConcreteType, kernel: Kernel, en: string, zh: string): BlockDef {
  return {
    type: `TO_${to}`,
    family: 'convert',
    symbol: `TO_${to}`,
    description: t(en, zh),
    inputs: [pin('IN', 'ANY', 0)],
    outputs: [pin('OUT', to, to === 'BOOL' ? false : 0)],
    stateSize: 0,
    kernel,
  }
}

const ROUND = t(
  'REAL rounds to the nearest integer, halves to even (2.5 -> 2); out-of-range values saturate (IEC: error).',
  'REAL 四舍六入五成双（2.5 -> 2）；超出范围时取极限值（IEC 中为错误）。',
)

export const TO_BOOL = convert('BOOL', toBool, 'Converts to BOOL: TRUE when IN is not 0.', '转换为 BOOL：IN 不为 0 时为 TRUE。')
export const TO_INT: BlockDef = {
  ...convert('INT', toInteger(...INT_RANGE.INT), 'Converts to INT (rounding).', '转换为 INT（舍入）。'),
  notes: ROUND,
}
export const TO_DINT: BlockDef = {
  ...convert('DINT', toInteger(...INT_RANGE.DINT), 'Converts to DINT (rounding).', '转换为 DINT（舍入）。'),
  notes: ROUND,
}
export const TO_REAL = convert('REAL', copy, 'Converts to REAL.', '转换为 REAL。')
export const TO_LREAL = convert('LREAL', copy, 'Converts to LREAL.', '转换为 LREAL。')
export const TO_TIME = convert('TIME', copy, 'Converts a number of ms to TIME.', '将毫秒数转换为 TIME。')
