/** How the operations pages show a refusal: the localized text of its code, the runtime's own reason, the code. */
import { ErrorMessages } from '@takt/blocks'
import { errorText } from '../i18n'
import { errorCodeOf } from '../wire/errors'

export function refusalText(e: unknown): string {
  const code = errorCodeOf(e)
  const own = e instanceof Error ? e.message : ''
  // The runtime's message says which rule refused (e.g. "the last admin cannot lose the admin role").
  const why = own && own !== code && own !== (ErrorMessages as Record<string, string>)[code] ? ` – ${own}` : ''
  return `${errorText(code)}${why} (${code})`
}
