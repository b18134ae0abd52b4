/** IEC 61131-3 Structured Text: compile POUs, run them scan by scan with the FB library's semantics. */
export { compileSt } from './compile.js'
export type { StCompileOptions, StCompileResult, StPou, StVariable } from './compile.js'
export { createStInstance, DEFAULT_LOOP_BUDGET } from './instance.js'
export type { StBinding, StInstance, StInstanceOptions, StRetainSnapshot, StValue } from './instance.js'
export { formatTime, parseTime } from './literals.js'
