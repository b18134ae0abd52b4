/** Browse one level of the server's address space for the studio tag browser. */
import { AttributeIds, BrowseDirection, DataType as UaType, NodeClass, NodeClassMask, findBasicDataType, resolveNodeId } from 'node-opcua'
import type { BrowseResult, ClientSession, NodeId, ReferenceDescription } from 'node-opcua'
import type { BrowseNode } from '../types.js'
import { uaToIec } from './convert.js'

/** Bound on the children returned for one node (a folder of 10,000 load tags is fine; millions are not). */
const MAX_CHILDREN = 50_000

function browseDesc(nodeId: NodeId) {
  return {
    nodeId,
    browseDirection: BrowseDirection.Forward,
    referenceTypeId: 'HierarchicalReferences',
    includeSubtypes: true,
    nodeClassMask: NodeClassMask.Object | NodeClassMask.Variable,
    resultMask: 0x3f,
  }
}

async function allReferences(session: ClientSession, nodeId: NodeId): Promise<ReferenceDescription[]> {
  let res: BrowseResult = await session.browse(browseDesc(nodeId))
  const refs = [...(res.references ?? [])]
  while (res.continuationPoint && refs.length < MAX_CHILDREN) {
    res = await session.browseNext(res.continuationPoint, false)
    refs.push(...(res.references ?? []))
  }
  if (res.continuationPoint) await session.browseNext(res.continuationPoint, true)
  return refs.slice(0, MAX_CHILDREN)
}

async function dataTypeNames(session: ClientSession, vars: NodeId[], batch: number): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = []
  const cache = new Map<string, string | undefined>()
  for (let i = 0; i < vars.length; i += batch) {
    const dvs = await session.read(vars.slice(i, i + batch).map((nodeId) => ({ nodeId, attributeId: AttributeIds.DataType })))
    for (const dv of dvs) {
      const typeId = dv.statusCode.isGood() ? (dv.value.value as NodeId | null) : null
      if (!typeId) {
        out.push(undefined)
        continue
      }
      const key = typeId.toString()
      if (!cache.has(key)) {
        const t = typeId.namespace === 0 && typeof typeId.value === 'number' && typeId.value <= 25
          ? typeId.value
          : await findBasicDataType(session, typeId).catch(() => UaType.Null)
        // IEC name when a tag can hold it directly, else the OPC UA type name.
        cache.set(key, uaToIec(t) ?? UaType[t])
      }
      out.push(cache.get(key))
    }
  }
  return out
}

async function childFlags(session: ClientSession, nodes: NodeId[], batch: number): Promise<boolean[]> {
  const out: boolean[] = []
  for (let i = 0; i < nodes.length; i += batch) {
    const results = await session.browse(nodes.slice(i, i + batch).map(browseDesc))
    const cps = results.map((r) => r.continuationPoint).filter((cp): cp is Buffer => !!cp)
    if (cps.length) await session.browseNext(cps, true)
    for (const r of results) out.push((r.references?.length ?? 0) > 0)
  }
  return out
}

/** Children (objects and variables) of `address`, or of the Objects folder. Addresses are NodeId strings. */
export async function browseChildren(session: ClientSession, address: string | undefined, batch: number): Promise<BrowseNode[]> {
  const refs = await allReferences(session, resolveNodeId(address ?? 'ObjectsFolder'))
  const ids = refs.map((r) => r.nodeId as unknown as NodeId)
  const varIdx = refs.flatMap((r, i) => (r.nodeClass === NodeClass.Variable ? [i] : []))
  const types = await dataTypeNames(session, varIdx.map((i) => ids[i]!), batch)
  const typeOf = new Map(varIdx.map((i, k) => [i, types[k]]))
  const hasChildren = await childFlags(session, ids, batch)
  return refs.map((r, i) => {
    const dataType = typeOf.get(i)
    return {
      address: ids[i]!.toString(),
      name: r.browseName?.name ?? r.displayName?.text ?? ids[i]!.toString(),
      nodeClass: NodeClass[r.nodeClass] ?? String(r.nodeClass),
      ...(dataType ? { dataType } : {}),
      hasChildren: hasChildren[i] ?? false,
    }
  })
}
