/**
 * `blocks/<NAME>.fb.json`: a user function block defined as an FBD network. Its interface lists typed input and
 * output pins; inside the network, `FB_IN` blocks read an input pin and `FB_OUT` blocks write an output pin (param
 * `pin`), as TAG_IN / TAG_OUT read and write tags in a program. The block appears in the palette under its name
 * and is used in programs (and in other function blocks) like any library block; the compiler expands each
 * instance inline (engine/inline.ts).
 *
 * @example
 * {
 *   "format": 1, "name": "MOTOR_START",
 *   "interface": { "inputs": [{ "name": "START", "type": "BOOL" }], "outputs": [{ "name": "RUN", "type": "BOOL" }] },
 *   "blocks": [{ "id": "start", "type": "FB_IN", "params": { "pin": "START" } },
 *              { "id": "run", "type": "FB_OUT", "params": { "pin": "RUN" } }],
 *   "wires": [{ "from": "start.OUT", "to": "run.IN" }]
 * }
 */
import { z } from 'zod'
import type { BlockDef, ConcreteType, ParamDef } from '../engine/types.js'
import { pin, t } from '../library/define.js'
import { FORMAT_VERSION, LocalText } from './common.js'
import { FbBlock, FbWire } from './program.js'

/** Folder and file name ending of FBD function blocks in an APP. */
export const FB_BLOCK_DIR = 'blocks'
export const FB_BLOCK_SUFFIX = '.fb.json'

/** `MOTOR_START` -> `blocks/MOTOR_START.fb.json`. */
export function fbBlockFile(name: string): string {
  return `${FB_BLOCK_DIR}/${name}${FB_BLOCK_SUFFIX}`
}

/** Pin types of a user function block: those that travel unchanged through the engine's Float64 signals (as for ST user blocks). */
export const FB_PIN_TYPES = ['BOOL', 'INT', 'DINT', 'REAL', 'LREAL', 'TIME'] as const satisfies readonly ConcreteType[]

/** A function block's name is its block type: upper case, as programs write it. */
export const FbTypeName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,63}$/, 'upper case letters, digits and _, like a block type (MOTOR_START)')
/** Pin names appear in wires (`block.PIN`) and in ST-style monitoring paths: identifiers only. */
export const FbPinName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'letters, digits and _ only; starts with a letter or _')

export const FbInputPin = z.object({
  name: FbPinName,
  type: z.enum(FB_PIN_TYPES),
  /** Value of the pin when an instance leaves it unwired and gives no constant (BOOL as boolean, TIME in ms). */
  default: z.union([z.number(), z.boolean()]).optional(),
  description: LocalText.optional(),
}).strict()
export type FbInputPin = z.infer<typeof FbInputPin>

export const FbOutputPin = z.object({
  name: FbPinName,
  type: z.enum(FB_PIN_TYPES),
  description: LocalText.optional(),
}).strict()
export type FbOutputPin = z.infer<typeof FbOutputPin>

export const FbInterface = z.object({
  inputs: z.array(FbInputPin).max(256).default([]),
  outputs: z.array(FbOutputPin).max(256).default([]),
}).strict()
export type FbInterface = z.infer<typeof FbInterface>

export const FbdBlockFile = z.object({
  format: z.literal(FORMAT_VERSION),
  name: FbTypeName,
  description: LocalText.optional(),
  interface: FbInterface,
  blocks: z.array(FbBlock).max(20_000),
  wires: z.array(FbWire).max(40_000),
}).strict()
export type FbdBlockFile = z.infer<typeof FbdBlockFile>

const PIN: ParamDef = {
  name: 'pin',
  type: 'string',
  required: true,
  pattern: /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  description: t('Name of the interface pin.', '接口引脚的名称。'),
}

/** Reads an input pin of the function block whose network holds it. Its type is the pin's type in the interface. */
export const FB_IN: BlockDef = {
  type: 'FB_IN',
  family: 'io',
  symbol: 'IN',
  description: t('Reads an input pin of this function block\'s interface.', '读取本功能块接口的一个输入引脚。'),
  inputs: [],
  outputs: [pin('OUT', 'ANY', 0)],
  params: [PIN],
  fbPin: 'in',
  stateSize: 0,
  kernel: null,
}

/** Writes an output pin of the function block whose network holds it. */
export const FB_OUT: BlockDef = {
  type: 'FB_OUT',
  family: 'io',
  symbol: 'OUT',
  description: t('Writes an output pin of this function block\'s interface.', '写入本功能块接口的一个输出引脚。'),
  inputs: [pin('IN', 'ANY', 0)],
  outputs: [],
  params: [PIN],
  fbPin: 'out',
  stateSize: 0,
  kernel: null,
}
