/**
 * The draft's tags, derived from the parsed `tags/*.json` files with template instances expanded (blocks'
 * tagFileTags, the loader's own rule). Cached per file object: the document shares untouched files between
 * versions, so a screen edit costs nothing here and a tag edit re-resolves one file. A template edit re-resolves
 * every file, since any instance may use it.
 */
import { tagFileTags } from '@takt/blocks'
import type { ResolvedTag, TagFile } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'

export interface TagIndex {
  readonly list: readonly ResolvedTag[]
  readonly byPath: ReadonlyMap<string, ResolvedTag>
  /** Tag files by folder, in path order. */
  readonly folders: readonly { folder: string; path: string; count: number }[]
}

export const EMPTY_INDEX: TagIndex = { list: [], byPath: new Map(), folders: [] }

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Builds tag indexes, reusing the previous one when no tag or template file changed. */
export function createTagIndexer(): (doc: ReadonlyDoc) => TagIndex {
  let lastFiles: unknown[] = []
  let lastTypes: unknown[] = []
  let perFile = new WeakMap<object, ResolvedTag[]>()
  let last: TagIndex = EMPTY_INDEX
  return (doc) => {
    const all = doc.paths()
    const paths = all.filter((p) => p.startsWith('tags/') && p.endsWith('.json')).sort()
    const typePaths = all.filter((p) => p.startsWith('types/') && p.endsWith('.json')).sort()
    const files = paths.map((p) => doc.get(p))
    const types = typePaths.map((p) => doc.get(p))
    const typesSame = same(types, lastTypes)
    if (typesSame && same(files, lastFiles)) return last
    if (!typesSame) perFile = new WeakMap()
    lastFiles = files
    lastTypes = types
    const template = (name: string) => doc.get(`types/${name}.json`)
    const list: ResolvedTag[] = []
    const folders: { folder: string; path: string; count: number }[] = []
    files.forEach((f, i) => {
      if (typeof f !== 'object' || f === null) return
      let tags = perFile.get(f)
      if (!tags) {
        tags = tagFileTags(f as Partial<TagFile>, template)
        perFile.set(f, tags)
      }
      folders.push({ folder: String((f as TagFile).folder), path: paths[i] as string, count: tags.length })
      for (const t of tags) list.push(t)
    })
    last = { list, byPath: new Map(list.map((t) => [t.path, t])), folders }
    return last
  }
}
