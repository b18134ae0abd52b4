/** Reads an APP folder from disk for the loader in blocks (which has no file system of its own). */
import { readdir, readFile, stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import type { AppSource } from '@takt/blocks'

/** Files larger than this are refused rather than read into memory. */
const MAX_FILE_BYTES = 32 * 1024 * 1024

export function fsSource(root: string): AppSource {
  const base = resolve(root)
  const inside = (rel: string) => {
    const full = resolve(base, rel)
    if (full !== base && !full.startsWith(base + sep)) throw new Error(`path escapes the APP folder: ${rel}`)
    return full
  }
  return {
    async list(dir: string) {
      try {
        const entries = await readdir(inside(dir), { withFileTypes: true })
        return entries.filter((e) => e.isFile()).map((e) => e.name).sort()
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw e
      }
    },
    async read(path: string) {
      const full = inside(path)
      const st = await stat(full)
      if (st.size > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`)
      return readFile(full, 'utf8')
    },
  }
}

