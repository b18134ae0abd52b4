/** Function-block engine: compile an FBD program to a flat plan, run it scan by scan, change it online. */
export { compileNetwork } from './compile.js'
export type { CompileResult } from './compile.js'
export { createInstance } from './instance.js'
export type { ProgramInstance, InstanceOptions, OnlineChange } from './instance.js'
export type { Plan, TagBinding } from './plan.js'
export { BlockLibrary } from './registry.js'
export { FakeClock } from './clock.js'
export type { Clock } from './clock.js'
export type {
  BlockDef, BlockFamily, BlockObjects, ConcreteType, Kernel, KernelContext, LocalizedText, ParamDef, PinDef, PinType, ResolvedType,
} from './types.js'
export { defaultLibrary, listBlocks, getBlock, STANDARD_BLOCKS } from '../library/index.js'
export { libraryWithSt, userBlocksFromSt } from '../format/st-blocks.js'
