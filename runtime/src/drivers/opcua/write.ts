/** Writes: the value is encoded as the node's own DataType (looked up once per address), else the tag's IEC type. */
import { AttributeIds, DataType as UaType, findBasicDataType, resolveNodeId } from 'node-opcua'
import type { ClientSession, NodeId } from 'node-opcua'
import { Status, type DataType, type TagScalar } from '@takt/blocks'
import type { WriteResult } from '../types.js'
import { BadNodeIdInvalid, IEC_TO_UA, encodeValue } from './convert.js'

/** Built-in types a Takt value can be written as; anything else (abstract, structures) falls back to the tag type. */
const WRITABLE = new Set<number>([
  UaType.Boolean, UaType.SByte, UaType.Byte, UaType.Int16, UaType.UInt16, UaType.Int32, UaType.UInt32,
  UaType.Int64, UaType.UInt64, UaType.Float, UaType.Double, UaType.String, UaType.LocalizedText,
])

async function nodeType(session: ClientSession, nodeId: NodeId): Promise<number | undefined> {
  const dv = await session.read({ nodeId, attributeId: AttributeIds.DataType })
  const typeId = dv.statusCode.isGood() ? (dv.value.value as NodeId | null) : null
  if (!typeId) return undefined
  // Built-in types have NodeIds ns=0;i=1..25 equal to their DataType enum value; subtypes (Duration, UtcTime, ...)
  // are resolved by walking up the type hierarchy.
  const direct = typeId.namespace === 0 && typeof typeId.value === 'number' && typeId.value <= 25 ? typeId.value : undefined
  const t = direct ?? (await findBasicDataType(session, typeId))
  return WRITABLE.has(t) ? t : undefined
}

/** `cache` maps address -> OPC UA built-in type; the caller clears it when the server may have changed. */
export async function writeValue(
  session: ClientSession, cache: Map<string, number>, address: string, value: TagScalar, dataType: DataType,
): Promise<WriteResult> {
  let nodeId: NodeId
  try {
    nodeId = resolveNodeId(address)
  } catch (err) {
    return { ok: false, status: BadNodeIdInvalid, message: `invalid NodeId "${address}": ${(err as Error).message}` }
  }
  try {
    let t = cache.get(address)
    if (t === undefined) {
      t = await nodeType(session, nodeId)
      if (t !== undefined) cache.set(address, t)
    }
    const enc = encodeValue(value, t ?? IEC_TO_UA[dataType])
    if (!enc.ok) return { ok: false, status: enc.status, message: enc.message }
    const sc = await session.write({ nodeId, attributeId: AttributeIds.Value, value: { value: enc.variant } })
    const status = sc.value >>> 0
    return status >>> 30 === 0 ? { ok: true, status } : { ok: false, status, message: `${sc.name}: ${sc.description}` }
  } catch (err) {
    // A broken channel or a timeout is not a refusal by the device, but the write did not happen either.
    return { ok: false, status: Status.BadCommunicationError, message: (err as Error).message }
  }
}
