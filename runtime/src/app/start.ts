/**
 * Which APP a runtime starts with: the deployed version when one is recorded for this APP id, else the draft
 * folder itself (a fresh site, or an integrator running straight from a git checkout).
 */
import { resolve } from 'node:path'
import { TaktError } from '@takt/blocks'
import { describeDiagnostics, loadAppDir, type CompiledApp } from './load.js'
import { VersionStore } from '../store/versions.js'

export interface StartApp { compiled: CompiledApp; from: string }

export async function loadStartApp(draftDir: string, dataDir: string): Promise<StartApp> {
  const draft = await loadAppDir(draftDir)
  if (!draft.compiled) throw new TaktError('E_INVALID_APP', `${draftDir}:\n${describeDiagnostics(draft.diagnostics)}`)
  const versions = new VersionStore(resolve(dataDir), draft.compiled.app.manifest.id)
  const deployed = await versions.deployed()
  if (!deployed) return { compiled: draft.compiled, from: 'draft' }
  const r = await loadAppDir(await versions.folder(deployed))
  if (!r.compiled) throw new TaktError('E_INVALID_APP', `deployed version ${deployed}:\n${describeDiagnostics(r.diagnostics)}`)
  return { compiled: r.compiled, from: `version ${deployed}` }
}
