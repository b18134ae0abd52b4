/**
 * Published versions: immutable copies of the draft under `<dataDir>/apps/<appId>/versions/<version>/`, each with
 * a `version.json`, and the pointer to the deployed one in `deployed.json`. A version id is the manifest's semver
 * plus a publish counter as build metadata (`1.0.0+3`), so publishing never needs a manual version bump.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TaktError, type DraftFile, type VersionInfo } from '@takt/blocks'
import { checkAppPath, contentHash } from './paths.js'

const VERSION_RE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\+\d+$/

export class VersionStore {
  readonly dir: string
  constructor(dataDir: string, readonly appId: string) {
    this.dir = join(dataDir, 'apps', appId)
  }

  async list(): Promise<VersionInfo[]> {
    const names = await readdir(join(this.dir, 'versions')).catch(() => [] as string[])
    const infos = await Promise.all(names.filter((n) => VERSION_RE.test(n)).map(async (n) => {
      try {
        return JSON.parse(await readFile(join(this.dir, 'versions', n, 'version.json'), 'utf8')) as VersionInfo
      } catch {
        return null
      }
    }))
    return infos.filter((i): i is VersionInfo => i !== null).sort((a, b) => a.publishedAt - b.publishedAt)
  }

  /** Write a new version from the given files (already validated by the caller). */
  async publish(files: DraftFile[], semver: string, by: string, note: string | undefined): Promise<VersionInfo> {
    const existing = await this.list()
    const n = existing.reduce((m, v) => Math.max(m, Number(v.version.split('+')[1] ?? 0)), 0) + 1
    const version = `${semver}+${n}`
    const final = join(this.dir, 'versions', version)
    const tmp = `${final}.tmp`
    await rm(tmp, { recursive: true, force: true })
    for (const f of files) {
      checkAppPath(f.path)
      const full = join(tmp, f.path)
      await mkdir(join(full, '..'), { recursive: true })
      await writeFile(full, f.content, 'utf8')
    }
    const info: VersionInfo = {
      version, publishedAt: Date.now(), by, ...(note ? { note: note.slice(0, 1000) } : {}),
      hash: contentHash(files.map((f) => `${f.path}\0${f.hash}`).sort().join('\n')),
    }
    await writeFile(join(tmp, 'version.json'), JSON.stringify(info, null, 2) + '\n')
    await rename(tmp, final)
    return info
  }

  /** Folder of a published version, or E_UNKNOWN_VERSION. */
  async folder(version: string): Promise<string> {
    if (!VERSION_RE.test(version)) throw new TaktError('E_UNKNOWN_VERSION', `no version ${version.slice(0, 64)}`)
    const all = await this.list()
    if (!all.some((v) => v.version === version)) throw new TaktError('E_UNKNOWN_VERSION', `no version ${version}`)
    return join(this.dir, 'versions', version)
  }

  async deployed(): Promise<string | null> {
    try {
      const d = JSON.parse(await readFile(join(this.dir, 'deployed.json'), 'utf8')) as { version?: unknown }
      return typeof d.version === 'string' ? d.version : null
    } catch {
      return null
    }
  }

  async setDeployed(version: string, by: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const tmp = join(this.dir, 'deployed.json.tmp')
    await writeFile(tmp, JSON.stringify({ version, by, at: Date.now() }, null, 2) + '\n')
    await rename(tmp, join(this.dir, 'deployed.json'))
  }
}

