import type { BlockDef, Kernel } from '../../engine/types.js'
import { extensible, pin, t } from '../define.js'

const add: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = 0
    for (let j = 0; j < n; j++) v += sig[slot[k + j]!]!
    sig[slot[k + n]!] = v
  }
}
const add2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! + sig[slot[k + 1]!]!
}

const mul: Kernel = (sig, _st, slot, start, end, stride) => {
  const n = stride - 1
  for (let k = start; k < end; k += stride) {
    let v = 1
    for (let j = 0; j < n; j++) v *= sig[slot[k + j]!]!
    sig[slot[k + n]!] = v
  }
}
const mul2: Kernel = (sig, _st, slot, start, end, stride) => {
  for (let k = start; k < end; k += stride) sig[slot[k + 2]!] = sig[slot[k]!]! * sig[slot[k + 1]!]!
}

const NO_WRAP = t(
  'Integer results are not wrapped to the INT/DINT range (values are float64 inside the engine).',
  '整数结果不按 INT/DINT 范围回绕（引擎内部数值为 float64）。',
)

export const ADD: BlockDef = {
  type: 'ADD',
  family: 'arith',
  symbol: '+',
  description: t('Sum of the inputs. Extensible: IN3..IN8 add nothing while unwired.', '各输入之和。可扩展：未连接的 IN3..IN8 不参与运算。'),
  inputs: extensible('ANY_NUM', 0, 0),
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: add,
  kernels: { compact: add2 },
  notes: NO_WRAP,
}

export const MUL: BlockDef = {
  type: 'MUL',
  family: 'arith',
  symbol: '*',
  description: t('Product of the inputs. Extensible: IN3..IN8 default to 1.', '各输入之积。可扩展：IN3..IN8 默认为 1。'),
  inputs: extensible('ANY_NUM', 0, 1),
  outputs: [pin('OUT', 'ANY_NUM', 0)],
  stateSize: 0,
  kernel: mul,
  kernels: { compact: mul2 },
  notes: NO_WRAP,
}
