import { BlockLibrary } from '../engine/registry.js'
import type { BlockDef } from '../engine/types.js'
import { ABS, ADD, DIV, LIMIT, MAX, MIN, MOD, MOVE, MUL, SQRT, SUB } from './arith/index.js'
import { RS, SR } from './bistable/sr-rs.js'
import { EQ, GE, GT, LE, LT, NE } from './compare/compare.js'
import { FILTER, HYSTERESIS, PID, RAMP, SCALE } from './control/index.js'
import { TO_BOOL, TO_DINT, TO_INT, TO_LREAL, TO_REAL, TO_TIME } from './convert/convert.js'
import { CTD, CTU, CTUD } from './counters/index.js'
import { F_TRIG, R_TRIG } from './edge/triggers.js'
import { TAG_IN, TAG_OUT } from './io/tag.js'
import { AND, NOT, OR, XOR } from './logic/index.js'
import { MUX, SEL } from './select/index.js'
import { TOF, TON, TP } from './timers/index.js'

/** Every standard block, family by family, in palette order. */
export const STANDARD_BLOCKS: readonly BlockDef[] = [
  TAG_IN, TAG_OUT,
  AND, OR, XOR, NOT,
  GT, GE, EQ, NE, LE, LT,
  ADD, SUB, MUL, DIV, MOD, ABS, SQRT, MIN, MAX, LIMIT, MOVE,
  SEL, MUX,
  SR, RS,
  R_TRIG, F_TRIG,
  TON, TOF, TP,
  CTU, CTD, CTUD,
  PID, SCALE, RAMP, FILTER, HYSTERESIS,
  TO_BOOL, TO_INT, TO_DINT, TO_REAL, TO_LREAL, TO_TIME,
]

/** The library programs compile against unless told otherwise. */
export const defaultLibrary = new BlockLibrary(STANDARD_BLOCKS)

/** All standard block definitions, for the studio palette. */
export function listBlocks(): BlockDef[] {
  return defaultLibrary.list()
}

/** The standard definition of a block type, or undefined. */
export function getBlock(type: string): BlockDef | undefined {
  return defaultLibrary.get(type)
}
