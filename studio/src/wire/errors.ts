import { ErrorMessages } from '@takt/blocks'
import type { ErrorCode } from '@takt/blocks'

/** A failed request: the runtime's `error` reply, a timeout (E_TIMEOUT) or a dropped connection (E_OFFLINE). */
export class WireError extends Error {
  readonly code: ErrorCode
  readonly detail?: unknown
  constructor(code: ErrorCode, message?: string, detail?: unknown) {
    super(message ?? ErrorMessages[code] ?? code)
    this.name = 'WireError'
    this.code = code
    if (detail !== undefined) this.detail = detail
  }
}

/** The stable code of any thrown value, for showing a localized message. */
export function errorCodeOf(e: unknown): ErrorCode {
  return e instanceof WireError ? e.code : 'E_INTERNAL'
}
