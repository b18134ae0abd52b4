/**
 * Stable error codes, shared by the APP loader, the engine, the runtime and the wire protocol.
 * A code never changes meaning once released; the message table is the user-facing default text.
 * Documented for users in README.md ("Error codes").
 */
export const ErrorMessages = {
  // wire protocol
  E_PARSE: 'Message is not valid JSON',
  E_BAD_MESSAGE: 'Message does not match the protocol schema',
  E_UNKNOWN_TYPE: 'Unknown message type',
  E_TOO_LARGE: 'Message exceeds the size limit',
  E_RATE_LIMIT: 'Too many messages; slow down',
  E_PROTOCOL_VERSION: 'Unsupported protocol version',
  E_AUTH_REQUIRED: 'Log in first',
  E_AUTH_FAILED: 'Wrong user name or password',
  E_SESSION_EXPIRED: 'Session expired; log in again',
  E_FORBIDDEN: 'Your role does not allow this',
  E_UNKNOWN_TAG: 'No such tag',
  E_UNKNOWN_SCREEN: 'No such screen',
  E_NOT_WRITABLE: 'Tag is read-only',
  E_CONFIRM_REQUIRED: 'This write needs confirmation',
  E_TYPE_MISMATCH: 'Value does not fit the tag data type',
  E_OUT_OF_RANGE: 'Value is outside the allowed range',
  E_WRITE_FAILED: 'The device rejected or did not complete the write',
  E_NOT_CONNECTED: 'Connection to the device is down',
  E_LIMIT: 'A configured limit was reached',
  E_INTERNAL: 'Internal error',
  E_CONFLICT: 'Someone else changed this file since you opened it',
  E_INVALID_APP: 'The APP has problems; fix them first',
  E_UNKNOWN_VERSION: 'No such version',
  E_BAD_PATH: 'Not an allowed file path',
  E_LOCKED_OUT: 'Too many failed logins; try again later',
  E_PASSWORD_CHANGE_REQUIRED: 'Set a new password first',
  E_WEAK_PASSWORD: 'The password is too short',
  E_REASON_REQUIRED: 'This write needs a reason',
  // APP format and loading
  E_FILE_READ: 'File cannot be read',
  E_FILE_JSON: 'File is not valid JSON',
  E_FORMAT_VERSION: 'Unsupported format version',
  E_SCHEMA: 'Value does not match the schema',
  E_DUPLICATE: 'Duplicate name',
  E_REFERENCE: 'Reference to something that does not exist',
  E_EXPR_SYNTAX: 'Expression syntax error',
  E_EXPR_UNKNOWN_FUNCTION: 'Unknown function in expression',
  E_EXPR_UNKNOWN_TAG: 'Unknown tag in expression',
  E_EXPR_ARITY: 'Wrong number of arguments',
  E_UNSUPPORTED: 'Not supported in this version',
  // engine / compiler
  E_FB_UNKNOWN_BLOCK: 'Unknown block type',
  E_FB_UNKNOWN_PIN: 'Unknown pin',
  E_FB_TYPE_MISMATCH: 'Connected pins have incompatible types',
  E_FB_MULTIPLE_DRIVERS: 'Input is driven by more than one wire',
  E_FB_BAD_PARAM: 'Invalid block parameter',
  E_FB_NOT_ALLOWED: 'Block not allowed here (tag I/O inside a function block, or FB_IN / FB_OUT in a program)',
  E_FB_RECURSION: 'A function block uses itself, directly or through other blocks',
  // Structured Text compiler and runtime
  E_ST_SYNTAX: 'Structured Text syntax error',
  E_ST_TYPE: 'Structured Text type error',
  E_ST_UNDECLARED: 'Undeclared variable, type or function',
  E_ST_READONLY: 'This variable cannot be written here',
  E_ST_RECURSION: 'Recursive call or recursive type',
  E_ST_LIMIT: 'Program exceeds a compiler limit (size or nesting)',
  E_ST_UNUSED: 'Declared but never used',
  E_ST_RUNTIME: 'Structured Text runtime fault',
  E_ST_DIV_ZERO: 'Integer division by zero',
  E_ST_INDEX: 'Array index out of bounds',
  E_ST_LOOP_BUDGET: 'Loop iteration budget of one scan exceeded',
  // site / CLI
  E_SITE: 'Site file is invalid',
  E_CONNECTION_UNMAPPED: 'APP connection has no site mapping',
  E_USAGE: 'Wrong command-line usage',
  // client side (studio wire client; never sent by the runtime)
  E_TIMEOUT: 'No reply from the runtime in time',
  E_OFFLINE: 'Not connected to the runtime',
  // historian (runtime/src/historian): faults stop recording, never live data
  E_HISTORY_UNWRITABLE: 'History folder is missing or not writable; history is not being recorded',
  E_HISTORY_DISK_FULL: 'History disk is full; history is not being recorded',
  E_HISTORY_CORRUPT: 'History database file is damaged or not a Takt history file; history is not being recorded',
  E_HISTORY_VERSION: 'History database was written by a newer Takt version',
  E_HISTORY_WRITE: 'Writing history failed; history is not being recorded',
  E_HISTORY_UNAVAILABLE: 'History is not available (not open or faulted at open)',
  // certificates of site connections
  E_UNKNOWN_CERTIFICATE: 'No such certificate in the certificate store of this connection',
  // PLCopen XML (TC6 v2.01) import and export (blocks/src/plcopen)
  E_PLCOPEN_XML: 'The file is not well-formed XML',
  E_PLCOPEN_DOCTYPE: 'XML with a DOCTYPE or entity declarations is refused',
  E_PLCOPEN_LIMIT: 'The XML file exceeds a size or nesting limit',
  E_PLCOPEN_FORMAT: 'The XML file is not a PLCopen TC6 project or breaks its schema',
  E_PLCOPEN_UNSUPPORTED: 'PLCopen content that Takt cannot represent was skipped or changed',
  E_PLCOPEN_EXPORT: 'The APP cannot be exported to PLCopen XML',
} as const

export type ErrorCode = keyof typeof ErrorMessages

/** An error with a stable code. `path` locates the cause (file + JSON path, or pin). */
export class TaktError extends Error {
  readonly code: ErrorCode
  readonly file?: string
  readonly path?: string
  /** Structured detail for the client (e.g. the conflicting files of E_CONFLICT, the diagnostics of E_INVALID_APP). */
  readonly detail?: unknown
  constructor(code: ErrorCode, message?: string, where?: { file?: string; path?: string }, detail?: unknown) {
    super(message ?? ErrorMessages[code])
    this.name = 'TaktError'
    this.code = code
    if (where?.file !== undefined) this.file = where.file
    if (where?.path !== undefined) this.path = where.path
    if (detail !== undefined) this.detail = detail
  }
}

/** One validation or compile problem. `path` is a JSON path like `$.tags[3].range.min`. */
export interface Diagnostic {
  code: ErrorCode
  severity: 'error' | 'warning'
  message: string
  file?: string
  path?: string
  line?: number
  column?: number
  /** End of the marked source range (exclusive column), when the producer knows it (ST compiler). */
  endLine?: number
  endColumn?: number
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.path].filter(Boolean).join(' ')
  const pos = d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''
  return `${where}${pos}: ${d.severity} ${d.code}: ${d.message}`
}
