/**
 * Value quality, kept as the OPC UA 32-bit status code so nothing is lost between device and screen.
 * The top two bits give the severity: 00 good, 01 uncertain, 10/11 bad.
 */
export type Quality = 'good' | 'uncertain' | 'bad'

export const Status = {
  Good: 0x00000000,
  Uncertain: 0x40000000,
  UncertainLastUsableValue: 0x40900000,
  Bad: 0x80000000,
  BadNotConnected: 0x808a0000,
  BadCommunicationError: 0x80050000,
  BadWaitingForInitialData: 0x80320000,
  BadConfigurationError: 0x80890000,
  BadNodeIdUnknown: 0x80340000,
  BadOutOfService: 0x808d0000,
} as const

export function qualityOf(status: number): Quality {
  const sev = status >>> 30
  return sev === 0 ? 'good' : sev === 1 ? 'uncertain' : 'bad'
}

/** A scalar value of a tag. IEC BOOL travels as boolean, numeric types as number, STRING as string. */
export type TagScalar = boolean | number | string | null

/** A value with its quality and the device's source timestamp (ms since epoch). */
export interface TagValue {
  value: TagScalar
  status: number
  sourceTime: number
}
