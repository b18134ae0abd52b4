/**
 * APP test scenarios (`tests/<name>.test.json`): set inputs, advance virtual time, expect outputs and alarm states.
 * They run in the same engine as the runtime, with a virtual clock, so they need no plant and give the same
 * result on every machine.
 */
import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name, TagPath } from '../format/common.js'
import { ALARM_PHASES } from '../alarms/index.js'

const Scalar = z.union([z.boolean(), z.number(), z.string()])

/** An expected value: exact, or a number with an absolute tolerance, or a range. */
export const Expectation = z.union([
  Scalar,
  z.object({ value: z.number(), tolerance: z.number().min(0) }).strict(),
  z.object({ min: z.number().optional(), max: z.number().optional() }).strict(),
])
export type Expectation = z.infer<typeof Expectation>

export const Step = z.object({
  /** Virtual time of the step, ms from the start of the case. Steps run in time order. */
  at: z.number().int().min(0).max(7 * 86_400_000),
  /** Tag values forced from this time on (inputs, as a plant would deliver them). */
  set: z.record(TagPath, Scalar).optional(),
  /** Tag values checked at this time (after the scans due at it). */
  expect: z.record(TagPath, Expectation).optional(),
  /** Alarm phases checked at this time, by alarm id (`Tank1/Level:HI`). */
  expectAlarms: z.record(z.string().min(3).max(600), z.enum(ALARM_PHASES)).optional(),
  /** Operator actions on alarms at this time. */
  ack: z.array(z.string().min(3).max(600)).optional(),
  note: z.string().max(500).optional(),
}).strict()
export type Step = z.infer<typeof Step>

export const TestCase = z.object({
  name: z.string().min(1).max(200),
  description: LocalText.optional(),
  /** Values before the first scan. */
  initial: z.record(TagPath, Scalar).optional(),
  steps: z.array(Step).min(1).max(10_000),
}).strict()
export type TestCase = z.infer<typeof TestCase>

export const TestFile = z.object({
  format: z.literal(FORMAT_VERSION),
  name: Name,
  description: LocalText.optional(),
  cases: z.array(TestCase).min(1).max(1000),
}).strict()
export type TestFile = z.infer<typeof TestFile>
