export { TON } from './ton.js'
export { TOF } from './tof.js'
export { TP } from './tp.js'
