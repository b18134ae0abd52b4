import { INT_RANGE } from '../../engine/typesys.js'
import { pin, t } from '../define.js'

/** CV is an INT, so counting stops at its limits (IEC PVmax / PVmin). */
export const [CV_MIN, CV_MAX] = INT_RANGE.INT

export const PV = pin('PV', 'INT', 0, { description: t('Preset value.', '预设值。') })
export const CV = pin('CV', 'INT', 0, { description: t('Current count.', '当前计数值。') })
export const EDGE_NOTE = t(
  'Counting inputs are edge-triggered with their memory starting FALSE, so an input TRUE on the first scan counts once (IEC R_EDGE).',
  '计数输入为上升沿触发，边沿记忆初值为 FALSE，因此首次扫描时为 TRUE 的输入计数一次（IEC R_EDGE）。',
)
