import { pin, t } from '../define.js'

export const TIMER_INPUTS = [
  pin('IN', 'BOOL', false),
  pin('PT', 'TIME', 0, { unit: 'ms', description: t('Preset time in ms; may change while the timer runs.', '预设时间（ms），运行中可修改。') }),
]
export const TIMER_OUTPUTS = [
  pin('Q', 'BOOL', false),
  pin('ET', 'TIME', 0, { unit: 'ms', description: t('Elapsed time, never above PT.', '已计时间，不超过 PT。') }),
]
