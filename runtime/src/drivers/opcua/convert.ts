/** Conversions between node-opcua values and Takt values: DataValue -> DriverValue, IEC DataType -> OPC UA Variant. */
import { DataType as UaType, VariantArrayType } from 'node-opcua'
import type { DataValue, Variant } from 'node-opcua'
import type { DataType, TagScalar } from '@takt/blocks'
import type { DriverValue } from '../types.js'

export const BadTypeMismatch = 0x80740000
export const BadOutOfRange = 0x803c0000
export const BadNodeIdInvalid = 0x80330000
export const BadTimeout = 0x800a0000
export const BadWaitingForInitialData = 0x80320000

const TWO32 = 4294967296

/** node-opcua carries 64-bit integers as [high, low] unsigned 32-bit halves (two's complement for Int64). */
function int64ToNumber(v: unknown, signed: boolean): number | null {
  if (typeof v === 'number') return v
  if (!Array.isArray(v) || v.length !== 2) return null
  const hi = Number(v[0])
  const lo = Number(v[1])
  return (signed && hi >= 0x80000000 ? hi - TWO32 : hi) * TWO32 + lo
}

function numberToInt64(n: number, signed: boolean): [number, number] {
  const b = signed ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
  return [Number(b >> 32n), Number(b & 0xffffffffn)]
}

/** A Variant as a tag scalar; `undefined` when it has no scalar form (arrays, structures). */
export function variantToScalar(v: Variant | null | undefined): TagScalar | undefined {
  if (!v || v.dataType === UaType.Null) return null
  if (v.arrayType !== VariantArrayType.Scalar) return undefined
  const x = v.value as unknown
  if (x === null || x === undefined) return null
  switch (v.dataType) {
    case UaType.Boolean: return Boolean(x)
    case UaType.SByte: case UaType.Byte: case UaType.Int16: case UaType.UInt16: case UaType.Int32: case UaType.UInt32:
    case UaType.Float: case UaType.Double:
      return x as number
    case UaType.Int64: return int64ToNumber(x, true)
    case UaType.UInt64: return int64ToNumber(x, false)
    case UaType.String: case UaType.XmlElement: return String(x)
    case UaType.DateTime: return x instanceof Date ? x.getTime() : null
    case UaType.LocalizedText: return (x as { text?: string | null }).text ?? ''
    case UaType.QualifiedName: return (x as { name?: string | null }).name ?? ''
    case UaType.ByteString: return Buffer.isBuffer(x) ? x.toString('base64') : null
    case UaType.StatusCode: return (x as { value: number }).value
    case UaType.NodeId: case UaType.ExpandedNodeId: case UaType.Guid: return String(x)
    default: return undefined
  }
}

/** One notification or read result as a DriverValue; the timestamp falls back to server time, then receive time. */
export function toDriverValue(handle: number, dv: DataValue, receivedAt: number): DriverValue {
  let status = dv.statusCode ? dv.statusCode.value >>> 0 : 0
  let value = variantToScalar(dv.value)
  if (value === undefined) {
    value = null
    // A value Takt cannot hold must not look like a good null.
    if (status >>> 30 === 0) status = BadTypeMismatch
  }
  const sourceTime = dv.sourceTimestamp?.getTime() ?? dv.serverTimestamp?.getTime() ?? receivedAt
  return { handle, value, status, sourceTime: Number.isFinite(sourceTime) ? sourceTime : receivedAt }
}

/** The OPC UA built-in type an IEC tag type is written as when the node's own type is unknown. */
export const IEC_TO_UA: Record<DataType, UaType> = {
  BOOL: UaType.Boolean,
  SINT: UaType.SByte,
  INT: UaType.Int16,
  DINT: UaType.Int32,
  LINT: UaType.Int64,
  USINT: UaType.Byte,
  UINT: UaType.UInt16,
  UDINT: UaType.UInt32,
  ULINT: UaType.UInt64,
  REAL: UaType.Float,
  LREAL: UaType.Double,
  STRING: UaType.String,
  // IEC TIME is a duration in ms; OPC UA Duration is a Double in ms.
  TIME: UaType.Double,
}

/** The IEC type a browsed variable of this OPC UA built-in type maps to, if any. */
export function uaToIec(t: UaType): DataType | undefined {
  switch (t) {
    case UaType.Boolean: return 'BOOL'
    case UaType.SByte: return 'SINT'
    case UaType.Int16: return 'INT'
    case UaType.Int32: return 'DINT'
    case UaType.Int64: return 'LINT'
    case UaType.Byte: return 'USINT'
    case UaType.UInt16: return 'UINT'
    case UaType.UInt32: return 'UDINT'
    case UaType.UInt64: return 'ULINT'
    case UaType.Float: return 'REAL'
    case UaType.Double: return 'LREAL'
    case UaType.String: case UaType.LocalizedText: return 'STRING'
    default: return undefined
  }
}

const INT_RANGE: Partial<Record<UaType, [number, number]>> = {
  [UaType.SByte]: [-128, 127],
  [UaType.Byte]: [0, 255],
  [UaType.Int16]: [-32768, 32767],
  [UaType.UInt16]: [0, 65535],
  [UaType.Int32]: [-2147483648, 2147483647],
  [UaType.UInt32]: [0, 4294967295],
  [UaType.Int64]: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [UaType.UInt64]: [0, Number.MAX_SAFE_INTEGER],
}

export type Encoded = { ok: true; variant: { dataType: UaType; arrayType: VariantArrayType; value: unknown } } | { ok: false; status: number; message: string }

function toNumber(v: TagScalar): number {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v)
  return v ?? NaN
}

/** Encode a tag value for a write as the given OPC UA type; refuses values that do not fit instead of wrapping. */
export function encodeValue(v: TagScalar, t: UaType): Encoded {
  const scalar = (value: unknown): Encoded => ({ ok: true, variant: { dataType: t, arrayType: VariantArrayType.Scalar, value } })
  if (v === null) return { ok: false, status: BadTypeMismatch, message: 'cannot write null' }
  switch (t) {
    case UaType.Boolean:
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase()
        if (s === 'true' || s === '1') return scalar(true)
        if (s === 'false' || s === '0') return scalar(false)
        return { ok: false, status: BadTypeMismatch, message: `not a boolean: ${v}` }
      }
      return scalar(typeof v === 'number' ? v !== 0 : v)
    case UaType.Float: case UaType.Double: {
      const n = toNumber(v)
      return Number.isNaN(n) && typeof v === 'string' ? { ok: false, status: BadTypeMismatch, message: `not a number: ${v}` } : scalar(n)
    }
    case UaType.String: return scalar(String(v))
    case UaType.LocalizedText: return scalar({ text: String(v) })
    default: {
      const range = INT_RANGE[t]
      if (!range) return { ok: false, status: BadTypeMismatch, message: `cannot write to a node of type ${UaType[t]}` }
      const n = toNumber(v)
      if (!Number.isFinite(n)) return { ok: false, status: BadTypeMismatch, message: `not a number: ${String(v)}` }
      const i = Math.round(n)
      if (i < range[0] || i > range[1]) return { ok: false, status: BadOutOfRange, message: `${i} is out of range for ${UaType[t]}` }
      if (t === UaType.Int64 || t === UaType.UInt64) return scalar(numberToInt64(i, t === UaType.Int64))
      return scalar(i)
    }
  }
}
