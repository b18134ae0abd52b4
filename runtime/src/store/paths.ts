/**
 * Which files an APP folder may hold, and the check every path from a client passes before it touches the disk:
 * a fixed set of folders and extensions, plain names, no traversal. Anything else is E_BAD_PATH.
 */
import { createHash } from 'node:crypto'
import { TaktError } from '@takt/blocks'

const FOLDERS: Record<string, RegExp> = {
  tags: /^[A-Za-z0-9_-]{1,64}\.json$/,
  types: /^[A-Za-z0-9_-]{1,64}\.json$/,
  programs: /^[A-Za-z0-9_-]{1,64}\.(fbd\.json|st)$/,
  blocks: /^[A-Za-z0-9_-]{1,64}\.fb\.json$/,
  screens: /^[A-Za-z0-9_-]{1,64}\.json$/,
  tests: /^[A-Za-z0-9_-]{1,64}\.test\.json$/,
}
export const APP_FOLDERS = Object.keys(FOLDERS)

/** Largest single file and largest whole draft accepted (bytes). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024
export const MAX_DRAFT_FILES = 5000

export function checkAppPath(path: string): void {
  if (path === 'app.json') return
  const parts = path.split('/')
  const rule = parts.length === 2 ? FOLDERS[parts[0]!] : undefined
  if (!rule || !rule.test(parts[1]!)) {
    throw new TaktError('E_BAD_PATH', `"${path.slice(0, 200)}" is not a file an APP may hold (app.json, or ${APP_FOLDERS.map((f) => `${f}/<name>`).join(', ')})`)
  }
}

export function isAppPath(path: string): boolean {
  try {
    checkAppPath(path)
    return true
  } catch {
    return false
  }
}

/** Content hash used for conflict detection (not a security boundary). */
export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32)
}
