/**
 * @takt/blocks — the language and engine shared by studio and runtime. Pure TypeScript: no DOM, no Node.
 * Each area keeps an explicit export list in its own index; this file only gathers them.
 */
export { ErrorMessages, TaktError, formatDiagnostic } from './errors.js'
export type { ErrorCode, Diagnostic } from './errors.js'
export { Status, qualityOf } from './quality.js'
export type { Quality, TagScalar, TagValue } from './quality.js'
export { PROTOCOL_VERSION, CLIENT_MESSAGE_TYPES, DEFAULT_LIMITS, PROGRAM_PIN_PREFIX } from './wire/protocol.js'
export type * from './wire/protocol.js'
export type * from './wire/history.js'
export * from './format/index.js'
export * from './engine/index.js'
export * from './expr/index.js'
export * from './alarms/index.js'
export * from './testing/index.js'
export * from './st/index.js'
export * from './plcopen/index.js'
