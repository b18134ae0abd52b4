/**
 * Engineering requests (engineer or admin): the draft, versions, deploy and browse. The runtime implements
 * `Engineering`; the gateway only checks the role, calls it and maps the outcome to a reply.
 */
import type { BrowseNodeInfo, ClientMessage, DraftChange, DraftFile, Diagnostic, ServerMessage, VersionInfo } from '@takt/blocks'

export interface Engineering {
  openDraft(): Promise<{ appId: string; files: DraftFile[] }>
  saveDraft(changes: DraftChange[], user: string): Promise<{ path: string; hash: string | null }[]>
  validateDraft(): Promise<Diagnostic[]>
  publish(user: string, note: string | undefined): Promise<VersionInfo>
  listVersions(): Promise<{ versions: VersionInfo[]; deployed: string | null }>
  deploy(version: string, user: string): Promise<{ version: string; kept: string[]; reset: string[] }>
  browse(connection: string, address: string | undefined): Promise<BrowseNodeInfo[]>
}

export const ENGINEERING_TYPES = new Set(['openDraft', 'saveDraft', 'validateDraft', 'publish', 'listVersions', 'deploy', 'browse'])

/** Run one engineering request; throws TaktError for refusals (mapped to `error` by the gateway). */
export async function runEngineering(eng: Engineering, m: ClientMessage, user: string): Promise<ServerMessage> {
  switch (m.type) {
    case 'openDraft': {
      const d = await eng.openDraft()
      return { type: 'draft', id: m.id, appId: d.appId, files: d.files }
    }
    case 'saveDraft':
      return { type: 'saved', id: m.id, files: await eng.saveDraft(m.changes, user) }
    case 'validateDraft':
      return { type: 'diagnostics', id: m.id, diagnostics: await eng.validateDraft() }
    case 'publish':
      return { type: 'published', id: m.id, version: await eng.publish(user, m.note) }
    case 'listVersions': {
      const v = await eng.listVersions()
      return { type: 'versions', id: m.id, versions: v.versions, deployed: v.deployed }
    }
    case 'deploy': {
      const r = await eng.deploy(m.version, user)
      return { type: 'deployed', id: m.id, ...r }
    }
    case 'browse':
      return { type: 'browseResult', id: m.id, nodes: await eng.browse(m.connection, m.address) }
    default:
      throw new Error(`not an engineering message: ${m.type}`)
  }
}
