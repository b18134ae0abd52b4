import { z } from 'zod'
import { FORMAT_VERSION, Name, TagPath } from './common.js'

/**
 * `programs/<name>.fbd.json`: a function-block network.
 * Tag I/O is explicit: a `TAG_IN` block reads a tag (output pin `OUT`), a `TAG_OUT` block writes one (input `IN`);
 * both name the tag in `params.tag`. Unwired inputs take `inputs[pin]` as a constant, else the pin default.
 */
export const FbBlock = z.object({
  id: Name,
  type: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'block types are upper case, e.g. TON'),
  /** Constant values for unwired input pins (BOOL as boolean, others as number; TIME in ms). */
  inputs: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  /** Non-pin parameters (e.g. `tag` for TAG_IN/TAG_OUT). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Editor layout only; ignored by the engine. */
  x: z.number().optional(),
  y: z.number().optional(),
}).strict()
export type FbBlock = z.infer<typeof FbBlock>

/** A wire from an output pin to an input pin, written `blockId.PIN`. A wire that closes a cycle is chosen as feedback by the compiler and reads the previous scan. */
export const FbWire = z.object({
  from: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_]*$/),
  to: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_]*$/),
}).strict()
export type FbWire = z.infer<typeof FbWire>

export const FbdProgram = z.object({
  format: z.literal(FORMAT_VERSION),
  name: Name,
  description: z.string().optional(),
  blocks: z.array(FbBlock).max(200_000),
  wires: z.array(FbWire).max(400_000),
}).strict()
export type FbdProgram = z.infer<typeof FbdProgram>

export { TagPath }
