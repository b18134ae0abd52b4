import type { Kernel } from '../engine/types.js'
import { RS, SR } from '../library/bistable/sr-rs.js'
import { FILTER, HYSTERESIS, PID, RAMP } from '../library/control/index.js'
import { CTD, CTU, CTUD } from '../library/counters/index.js'
import { F_TRIG, R_TRIG } from '../library/edge/triggers.js'
import { TOF, TON, TP } from '../library/timers/index.js'

/**
 * Library kernels the VM calls from call sites of their own (KCALLH), so each site stays monomorphic and V8 can call
 * or inline the kernel directly; one shared `kfn[i](...)` site is megamorphic and measured about twice as slow per
 * instance. The kernels are the library's own functions: ST and FBD run the same code.
 */
export const HOT_KERNELS: readonly Kernel[] = [
  TON.kernel!, TOF.kernel!, TP.kernel!, R_TRIG.kernel!, F_TRIG.kernel!, CTU.kernel!, CTD.kernel!, CTUD.kernel!,
  SR.kernel!, RS.kernel!, PID.kernel!, RAMP.kernel!, FILTER.kernel!, HYSTERESIS.kernel!,
]

export const kTON = HOT_KERNELS[0]!
export const kTOF = HOT_KERNELS[1]!
export const kTP = HOT_KERNELS[2]!
export const kRTRIG = HOT_KERNELS[3]!
export const kFTRIG = HOT_KERNELS[4]!
export const kCTU = HOT_KERNELS[5]!
export const kCTD = HOT_KERNELS[6]!
export const kCTUD = HOT_KERNELS[7]!
export const kSR = HOT_KERNELS[8]!
export const kRS = HOT_KERNELS[9]!
export const kPID = HOT_KERNELS[10]!
export const kRAMP = HOT_KERNELS[11]!
export const kFILTER = HOT_KERNELS[12]!
export const kHYST = HOT_KERNELS[13]!
