/** The runtime's engineering services: draft files, validation, publish, versions, deploy, browse. */
import { TaktError, type BrowseNodeInfo, type DraftChange, type DraftFile, type Diagnostic, type VersionInfo } from '@takt/blocks'
import type { Logger } from '../drivers/types.js'
import type { Engineering } from '../gateway/engineering.js'
import { loadAppDir, type CompiledApp } from '../app/load.js'
import type { DraftStore } from './draft.js'
import type { VersionStore } from './versions.js'

export interface DeployTarget {
  appId: string
  swap(compiled: CompiledApp): Promise<{ kept: string[]; reset: string[] }>
  browse(connection: string, address: string | undefined): Promise<BrowseNodeInfo[]>
}

export class EngineeringService implements Engineering {
  // One publish or deploy at a time: a deploy must not run against a half-written version.
  private busy: Promise<unknown> = Promise.resolve()

  constructor(private readonly target: DeployTarget, private readonly draft: DraftStore, private readonly versions: VersionStore, private readonly log: Logger) {}

  async openDraft(): Promise<{ appId: string; files: DraftFile[] }> {
    return { appId: this.target.appId, files: await this.draft.readAll() }
  }

  saveDraft(changes: DraftChange[], user: string): Promise<{ path: string; hash: string | null }[]> {
    this.log.info('draft saved', { user, files: changes.map((c) => c.path) })
    return this.draft.save(changes)
  }

  async validateDraft(): Promise<Diagnostic[]> {
    return (await loadAppDir(this.draft.root)).diagnostics
  }

  publish(user: string, note: string | undefined): Promise<VersionInfo> {
    return this.serial(async () => {
      const r = await loadAppDir(this.draft.root)
      if (!r.compiled) throw new TaktError('E_INVALID_APP', `the draft has ${r.diagnostics.filter((d) => d.severity === 'error').length} problem(s)`, undefined, { diagnostics: r.diagnostics })
      const v = await this.versions.publish(await this.draft.readAll(), r.compiled.app.manifest.version, user, note)
      this.log.info('published', { user, version: v.version })
      return v
    })
  }

  async listVersions(): Promise<{ versions: VersionInfo[]; deployed: string | null }> {
    return { versions: await this.versions.list(), deployed: await this.versions.deployed() }
  }

  deploy(version: string, user: string): Promise<{ version: string; kept: string[]; reset: string[] }> {
    return this.serial(async () => {
      const folder = await this.versions.folder(version)
      const r = await loadAppDir(folder)
      if (!r.compiled) throw new TaktError('E_INVALID_APP', `version ${version} does not load`, undefined, { diagnostics: r.diagnostics })
      const change = await this.target.swap(r.compiled)
      await this.versions.setDeployed(version, user)
      this.log.info('deployed', { user, version, kept: change.kept.length, reset: change.reset.length })
      return { version, ...change }
    })
  }

  browse(connection: string, address: string | undefined): Promise<BrowseNodeInfo[]> {
    return this.target.browse(connection, address)
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.busy.then(f)
    this.busy = run.catch(() => undefined)
    return run
  }
}
