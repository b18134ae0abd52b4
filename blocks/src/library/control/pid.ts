import type { BlockDef, Kernel } from '../../engine/types.js'
import { pin, t } from '../define.js'

/**
 * Positional ISA ("standard") PID: OUT = KP * (e + 1/TI * integral(e dt) + TD * de/dt), limited to OUT_MIN..OUT_MAX.
 * - e = SP - PV (reverse acting, DIRECT = FALSE: OUT rises when PV falls below SP) or PV - SP (DIRECT = TRUE).
 * - The integral is kept in output units (I += KP * dt / TI * e), so changing KP online does not bump OUT.
 *   TI <= 0 freezes it: it then acts as a manual reset (bias).
 * - Derivative on the measurement, not the error, so a setpoint step gives no derivative kick. No derivative
 *   filter: put a FILTER on PV if it is noisy.
 * - Anti-windup by conditional integration: a step that would push a saturated OUT further out is skipped.
 * - Manual (MAN = TRUE): OUT = MV_MAN (limited) and the integral tracks OUT - P - D, so returning to auto starts
 *   from the manual output (bumpless). Auto -> manual jumps to MV_MAN; have the HMI track OUT for bumpless there.
 * - dt is the time since the previous scan; on the first scan, and on a scan with dt = 0, nothing integrates and
 *   D keeps its last value.
 * State: [I, previous PV, initialised, D].
 */
const pid: Kernel = (sig, st, slot, start, end, stride, dt) => {
  const dts = dt * 0.001
  for (let k = start; k < end; k += stride) {
    const s = slot[k + 12]!
    const pv = sig[slot[k]!]!
    const sp = sig[slot[k + 1]!]!
    const kp = sig[slot[k + 2]!]!
    const ti = sig[slot[k + 3]!]!
    const td = sig[slot[k + 4]!]!
    const lo = sig[slot[k + 7]!]!
    const hi = sig[slot[k + 8]!]!
    const direct = sig[slot[k + 9]!] !== 0
    const e = direct ? pv - sp : sp - pv
    const init = st[s + 2] !== 0
    let d = st[s + 3]!
    if (!init) d = 0
    else if (dts > 0) d = td > 0 ? (kp * td * (direct ? pv - st[s + 1]! : st[s + 1]! - pv)) / dts : 0
    const p = kp * e
    let i = st[s]!
    let out: number
    if (sig[slot[k + 5]!] !== 0) {
      out = sig[slot[k + 6]!]!
      if (out > hi) out = hi
      if (out < lo) out = lo
      i = out - p - d
    } else {
      if (init && dts > 0 && ti > 0) {
        const inc = (kp * dts * e) / ti
        const u = p + i + inc + d
        if (!((u > hi && inc > 0) || (u < lo && inc < 0))) i += inc
      }
      out = p + i + d
      if (out > hi) out = hi
      if (out < lo) out = lo
    }
    st[s] = i
    st[s + 1] = pv
    st[s + 2] = 1
    st[s + 3] = d
    sig[slot[k + 10]!] = out
    sig[slot[k + 11]!] = e
  }
}

export const PID: BlockDef = {
  type: 'PID',
  family: 'control',
  symbol: 'PID',
  description: t(
    'PID controller with manual mode, bumpless transfer, output limits and anti-windup. DIRECT = FALSE (default) is reverse acting: error = SP - PV.',
    'PID 控制器，带手动模式、无扰切换、输出限幅和抗积分饱和。DIRECT = FALSE（默认）为反作用：偏差 = SP - PV。',
  ),
  inputs: [
    pin('PV', 'REAL', 0, { description: t('Process value.', '过程值。') }),
    pin('SP', 'REAL', 0, { description: t('Setpoint.', '设定值。') }),
    pin('KP', 'REAL', 1, { description: t('Proportional gain.', '比例增益。') }),
    pin('TI', 'REAL', 0, { unit: 's', description: t('Integral time in s; 0 = no integral action.', '积分时间（s）；0 表示无积分作用。') }),
    pin('TD', 'REAL', 0, { unit: 's', description: t('Derivative time in s.', '微分时间（s）。') }),
    pin('MAN', 'BOOL', false, { description: t('Manual mode: OUT = MV_MAN.', '手动模式：OUT = MV_MAN。') }),
    pin('MV_MAN', 'REAL', 0, { description: t('Output in manual mode.', '手动模式下的输出。') }),
    pin('OUT_MIN', 'REAL', 0),
    pin('OUT_MAX', 'REAL', 100),
    pin('DIRECT', 'BOOL', false, { description: t('Direct acting: error = PV - SP.', '正作用：偏差 = PV - SP。') }),
  ],
  outputs: [pin('OUT', 'REAL', 0), pin('ERR', 'REAL', 0, { description: t('Control error.', '控制偏差。') })],
  stateSize: 4,
  kernel: pid,
  notes: t(
    'Not an IEC 61131-3 standard block (the old Annex PID is gone from ed.3); the algorithm is described in the source.',
    '非 IEC 61131-3 标准块（第 3 版已删除旧附录中的 PID）；算法说明见源码。',
  ),
}
