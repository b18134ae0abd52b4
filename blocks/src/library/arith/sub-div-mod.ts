import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

const sub: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! - sig[slot[k + 1]!]!
}

const div: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! / sig[slot[k + 1]!]!
}

const divInt: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const b = sig[slot[k + 1]!]!
    sig[slot[k + 2]!] = b === 0 ? 0 : Math.trunc(sig[slot[k]!]! / b)
  }
}

// IEC: IN1 MOD 0 = 0; otherwise the remainder takes the sign of IN1, as JS `%` does.
const mod: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) {
    const b = sig[slot[k + 1]!]!
    sig[slot[k + 2]!] = b === 0 ? 0 : sig[slot[k]!]! % b
  }
}

const BIN = [pin('IN1', 'ANY_NUM', 0), pin('IN2', 'ANY_NUM', 0)]
const OUT = [pin('OUT', 'ANY_NUM', 0)]

export const SUB: BlockDef = {
  type: 'SUB',
  family: 'arith',
  symbol: '-',
  description: t('Difference IN1 - IN2.', '差值 IN1 - IN2。'),
  inputs: BIN,
  outputs: OUT,
  stateSize: 0,
  kernel: sub,
}

export const DIV: BlockDef = {
  type: 'DIV',
  family: 'arith',
  symbol: '/',
  description: t(
    'Quotient IN1 / IN2. On INT/DINT it truncates towards zero.',
    '商 IN1 / IN2。INT/DINT 类型时向零截断。',
  ),
  inputs: BIN,
  outputs: OUT,
  stateSize: 0,
  kernel: div,
  kernels: { int: divInt },
  notes: t(
    'Division by zero, an error in IEC, gives 0 for INT/DINT and the IEEE 754 result (±Inf, NaN) for REAL.',
    '除以零在 IEC 中为错误：INT/DINT 结果为 0，REAL 结果按 IEEE 754（±Inf、NaN）。',
  ),
}

export const MOD: BlockDef = {
  type: 'MOD',
  family: 'arith',
  symbol: 'MOD',
  description: t('Remainder of IN1 / IN2 (sign of IN1); IN1 MOD 0 = 0.', 'IN1 / IN2 的余数（符号同 IN1）；IN1 MOD 0 = 0。'),
  inputs: BIN,
  outputs: OUT,
  stateSize: 0,
  kernel: mod,
  notes: t('Also accepts REAL operands (IEC: integers only).', '也接受 REAL 操作数（IEC 仅限整数）。'),
}
