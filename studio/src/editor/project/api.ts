/**
 * The engineering requests the editor needs, as one small interface (STYLE.md 7), so that project sync is tested
 * with a fake and the real one is a thin layer over the page's TaktClient.
 */
import type {
  DeployedMsg, Diagnostic, DraftChange, DraftChangedMsg, DraftFile, DraftMsg, PublishedMsg, SavedMsg, ServerMessage,
  VersionInfo, VersionsMsg,
} from '@takt/blocks'
import type { TaktClient } from '../../wire/client'
import type { Emitter } from '../../wire/emitter'

export interface DraftApi {
  openDraft(): Promise<{ appId: string; files: DraftFile[] }>
  /** Rejects with a WireError; E_CONFLICT carries `detail.conflicts: DraftFile[]`. */
  saveDraft(changes: DraftChange[]): Promise<{ path: string; hash: string | null }[]>
  validateDraft(): Promise<Diagnostic[]>
  /** Rejects with E_INVALID_APP carrying `detail.diagnostics`. */
  publish(note?: string): Promise<VersionInfo>
  listVersions(): Promise<{ versions: VersionInfo[]; deployed: string | null }>
  deploy(version: string): Promise<{ version: string; kept: string[]; reset: string[] }>
  /** Another editor saved the draft. Returns the remover. */
  onDraftChanged(fn: (msg: DraftChangedMsg) => void): () => void
}

type Req = (msg: { type: string; [k: string]: unknown }) => Promise<ServerMessage>

/**
 * The DraftApi over the page's client. The client's typed `request` only knows the viewer's replies, so engineering
 * replies are narrowed here by their `type`.
 */
export function clientDraftApi(client: TaktClient): DraftApi {
  const req = client.request.bind(client) as unknown as Req
  const expect = async <T extends ServerMessage['type']>(msg: { type: string; [k: string]: unknown }, type: T) => {
    const r = await req(msg)
    if (r.type !== type) throw new Error(`unexpected reply ${r.type} to ${msg.type}`)
    return r as Extract<ServerMessage, { type: T }>
  }
  return {
    async openDraft() {
      const r: DraftMsg = await expect({ type: 'openDraft' }, 'draft')
      return { appId: r.appId, files: r.files }
    },
    async saveDraft(changes) {
      const r: SavedMsg = await expect({ type: 'saveDraft', changes }, 'saved')
      return r.files
    },
    async validateDraft() {
      return (await expect({ type: 'validateDraft' }, 'diagnostics')).diagnostics
    },
    async publish(note) {
      const r: PublishedMsg = await expect(note ? { type: 'publish', note } : { type: 'publish' }, 'published')
      return r.version
    },
    async listVersions() {
      const r: VersionsMsg = await expect({ type: 'listVersions' }, 'versions')
      return { versions: r.versions, deployed: r.deployed }
    },
    async deploy(version) {
      const r: DeployedMsg = await expect({ type: 'deploy', version }, 'deployed')
      return { version: r.version, kept: r.kept, reset: r.reset }
    },
    onDraftChanged(fn) {
      // The push needs the client to surface it (an `onDraftChanged` emitter); without it, conflicts are still
      // caught by the next save's E_CONFLICT.
      const em = (client as unknown as { onDraftChanged?: Emitter<DraftChangedMsg> }).onDraftChanged
      return em ? em.on(fn) : () => {}
    },
  }
}
