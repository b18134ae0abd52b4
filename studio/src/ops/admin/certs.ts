/** Certificate rows of the Certificates page: validity at a time, grouping and a readable thumbprint. */
import type { CertificateInfo } from '@takt/blocks'

export type Validity = 'valid' | 'expired' | 'notYetValid' | 'unknown'

export function validityAt(c: CertificateInfo, now: number): Validity {
  const from = c.validFrom ? Date.parse(c.validFrom) : NaN
  const to = c.validTo ? Date.parse(c.validTo) : NaN
  if (Number.isNaN(from) && Number.isNaN(to)) return 'unknown'
  if (!Number.isNaN(from) && now < from) return 'notYetValid'
  if (!Number.isNaN(to) && now > to) return 'expired'
  return 'valid'
}

/** Rejected first (they wait for a decision), then trusted; by subject within each. */
export function sortCertificates(list: readonly CertificateInfo[]): CertificateInfo[] {
  const rank = (c: CertificateInfo) => (c.status === 'rejected' ? 0 : 1)
  return [...list].sort((a, b) => rank(a) - rank(b) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
}

/** `AB12CD…` as `AB:12:CD:…`, the way OPC UA tools show thumbprints. */
export function formatThumbprint(tp: string): string {
  return tp.toUpperCase().replace(/[^0-9A-F]/g, '').replace(/(..)(?=.)/g, '$1:')
}
