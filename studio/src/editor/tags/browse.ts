/**
 * OPC UA browse through the runtime (the studio never talks to equipment): `browse {connection, address?}` returns
 * the children of a node (the root's when no address). One small function type, so the panel is tested with a fake.
 */
import type { BrowseNodeInfo, ServerMessage } from '@takt/blocks'
import type { TaktClient } from '../../wire/client'

export type BrowseFn = (connection: string, address?: string) => Promise<BrowseNodeInfo[]>

type Req = (msg: { type: string; [k: string]: unknown }) => Promise<ServerMessage>

/** Browse over the page's client. Its typed `request` knows the viewer's replies only, so the reply is checked here. */
export function clientBrowse(client: TaktClient): BrowseFn {
  const req = client.request.bind(client) as unknown as Req
  return async (connection, address) => {
    const r = await req(address === undefined ? { type: 'browse', connection } : { type: 'browse', connection, address })
    if (r.type !== 'browseResult' || !Array.isArray(r.nodes)) throw new Error(`unexpected reply ${r.type} to browse`)
    return r.nodes.filter((n) => typeof n?.address === 'string' && typeof n.name === 'string')
  }
}

/** Drag payload when browse nodes are dragged onto a folder. */
export const BROWSE_DRAG_TYPE = 'application/x-takt-browse'

export interface BrowseDrag { connection: string; nodes: BrowseNodeInfo[] }

export function parseBrowseDrag(text: string): BrowseDrag | null {
  try {
    const v = JSON.parse(text) as Partial<BrowseDrag>
    if (typeof v.connection !== 'string' || !Array.isArray(v.nodes)) return null
    return { connection: v.connection, nodes: v.nodes }
  } catch {
    return null
  }
}
