/** Classifies storage errors into stable fault codes; a fault stops recording, never live data. */
import type { ErrorCode } from '@takt/blocks'

export type HistoryFaultCode = Extract<ErrorCode, 'E_HISTORY_UNWRITABLE' | 'E_HISTORY_DISK_FULL' | 'E_HISTORY_CORRUPT' | 'E_HISTORY_VERSION' | 'E_HISTORY_WRITE'>

export interface HistoryFault {
  code: HistoryFaultCode
  /** The underlying error (SQLite or file system), for the log and the health view. */
  message: string
  /** Wall time the fault began (ms since epoch). */
  since: number
}

/** Thrown internally where a condition (not an SQLite error) decides the fault code, e.g. a newer schema. */
export class HistoryFaultError extends Error {
  constructor(readonly code: HistoryFaultCode, message: string) {
    super(message)
    this.name = 'HistoryFaultError'
  }
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOENT', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH'])
const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE_FULL'])
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB'])

/** Map an error from better-sqlite3 or node:fs to a history fault code. */
export function classifyFault(err: unknown): HistoryFaultCode {
  if (err instanceof HistoryFaultError) return err.code
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : ''
  if (FULL.has(code)) return 'E_HISTORY_DISK_FULL'
  if (UNWRITABLE.has(code) || code.startsWith('SQLITE_READONLY')) return 'E_HISTORY_UNWRITABLE'
  if (CORRUPT.has(code) || code.startsWith('SQLITE_CORRUPT')) return 'E_HISTORY_CORRUPT'
  return 'E_HISTORY_WRITE'
}

export function faultOf(err: unknown, now: number): HistoryFault {
  const message = err instanceof Error ? err.message : String(err)
  return { code: classifyFault(err), message, since: now }
}
