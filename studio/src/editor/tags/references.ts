/**
 * Where tags are used: screen bindings and actions, TAG_IN/TAG_OUT blocks of programs, and expressions (screen
 * bindings and derived tags). Deleting a used tag warns with this list; renaming a tag or folder rewrites it,
 * so a rename never loses a binding.
 */
import { parseExpression } from '@takt/blocks'
import type { ExprNode, FbdProgram, Screen, TagFile, TagNode } from '@takt/blocks'
import type { FileChanges, ReadonlyDoc } from '../doc/command'
import { isTagFilePath } from './model'

export type RefKind = 'binding' | 'expression' | 'action' | 'program' | 'tagExpression'

export interface TagReference {
  tag: string
  file: string
  /** JSON path inside the file, e.g. `$.widgets[3].bindings.value.tag`. */
  where: string
  kind: RefKind
}

function tagNodes(node: ExprNode, out: TagNode[]): void {
  switch (node.type) {
    case 'tag': out.push(node); break
    case 'unary': tagNodes(node.operand, out); break
    case 'binary': tagNodes(node.left, out); tagNodes(node.right, out); break
    case 'conditional': tagNodes(node.test, out); tagNodes(node.consequent, out); tagNodes(node.alternate, out); break
    case 'call': for (const a of node.args) tagNodes(a, out); break
    default: break
  }
}

/** Tag references in an expression (an unparsable one has none we can trust). */
export function exprTags(src: string): TagNode[] {
  const r = parseExpression(src)
  if (!r.ok) return []
  const out: TagNode[] = []
  tagNodes(r.ast, out)
  return out
}

/** Rewrites the tag references of an expression; unchanged text when nothing matches. */
export function renameInExpr(src: string, rename: (path: string) => string | undefined): string {
  const nodes = exprTags(src).sort((a, b) => b.start - a.start)
  let out = src
  for (const n of nodes) {
    const to = rename(n.path)
    if (to !== undefined && to !== n.path) out = `${out.slice(0, n.start)}{${to}}${out.slice(n.end)}`
  }
  return out
}

type Visit = (tag: string, where: string, kind: RefKind) => void

function visitScreen(s: Screen, visit: Visit): void {
  s.widgets?.forEach((w, i) => {
    for (const [prop, b] of Object.entries(w.bindings ?? {})) {
      if ('tag' in b) visit(b.tag, `$.widgets[${i}].bindings.${prop}.tag`, 'binding')
      else for (const n of exprTags(b.expr)) visit(n.path, `$.widgets[${i}].bindings.${prop}.expr`, 'expression')
    }
    for (const [ev, actions] of Object.entries(w.events ?? {})) {
      actions.forEach((a, k) => { if ('tag' in a) visit(a.tag, `$.widgets[${i}].events.${ev}[${k}].tag`, 'action') })
    }
  })
}

function visitProgram(p: FbdProgram, visit: Visit): void {
  p.blocks?.forEach((b, i) => {
    const tag = b.params?.['tag']
    if ((b.type === 'TAG_IN' || b.type === 'TAG_OUT') && typeof tag === 'string') visit(tag, `$.blocks[${i}].params.tag`, 'program')
  })
}

function visitTags(f: TagFile, visit: Visit): void {
  f.tags?.forEach((t, i) => {
    if (t.source?.kind === 'expression') for (const n of exprTags(t.source.expr)) visit(n.path, `$.tags[${i}].source.expr`, 'tagExpression')
  })
}

function visitFile(doc: ReadonlyDoc, path: string, visit: Visit): void {
  const v = doc.get(path)
  if (!v || typeof v !== 'object') return
  if (path.startsWith('screens/') && path.endsWith('.json')) visitScreen(v as Screen, visit)
  else if (path.startsWith('programs/') && path.endsWith('.fbd.json')) visitProgram(v as FbdProgram, visit)
  else if (isTagFilePath(path)) visitTags(v as TagFile, visit)
}

/** Every reference to a tag for which `match` holds. */
export function findReferences(doc: ReadonlyDoc, match: (tag: string) => boolean): TagReference[] {
  const out: TagReference[] = []
  for (const file of doc.paths()) {
    visitFile(doc, file, (tag, where, kind) => { if (match(tag)) out.push({ tag, file, where, kind }) })
  }
  return out
}

/**
 * File changes that rename tag references everywhere (`rename` returns the new path, or undefined to keep).
 * `base` overrides files already changed by the same command (e.g. the tag file holding the renamed tag).
 */
export function renameReferences(doc: ReadonlyDoc, rename: (path: string) => string | undefined, base: FileChanges = {}): FileChanges {
  const out: FileChanges = {}
  const get = (p: string): unknown => (p in base ? base[p] : doc.get(p))
  const paths = new Set([...doc.paths(), ...Object.keys(base)])
  for (const path of paths) {
    const v = get(path)
    if (!v || typeof v !== 'object') continue
    let next: unknown = v
    if (path.startsWith('screens/') && path.endsWith('.json')) next = renameScreen(v as Screen, rename)
    else if (path.startsWith('programs/') && path.endsWith('.fbd.json')) next = renameProgram(v as FbdProgram, rename)
    else if (isTagFilePath(path)) next = renameTagExprs(v as TagFile, rename)
    if (next !== v) out[path] = next
  }
  return out
}

function renameScreen(s: Screen, rename: (p: string) => string | undefined): Screen {
  let changed = false
  const widgets = (s.widgets ?? []).map((w) => {
    let wChanged = false
    let bindings = w.bindings
    if (w.bindings) {
      const nb: typeof w.bindings = {}
      for (const [prop, b] of Object.entries(w.bindings)) {
        if ('tag' in b) {
          const to = rename(b.tag)
          nb[prop] = to !== undefined && to !== b.tag ? { tag: to } : b
        } else {
          const expr = renameInExpr(b.expr, rename)
          nb[prop] = expr !== b.expr ? { expr } : b
        }
        if (nb[prop] !== b) wChanged = true
      }
      if (wChanged) bindings = nb
    }
    let events = w.events
    if (w.events) {
      let eChanged = false
      const ne: typeof w.events = {}
      for (const [ev, actions] of Object.entries(w.events)) {
        ne[ev] = actions.map((a) => {
          if (!('tag' in a)) return a
          const to = rename(a.tag)
          if (to === undefined || to === a.tag) return a
          eChanged = true
          return { ...a, tag: to }
        })
      }
      if (eChanged) {
        events = ne
        wChanged = true
      }
    }
    if (!wChanged) return w
    changed = true
    return { ...w, ...(bindings ? { bindings } : {}), ...(events ? { events } : {}) }
  })
  return changed ? { ...s, widgets } : s
}

function renameProgram(p: FbdProgram, rename: (p: string) => string | undefined): FbdProgram {
  let changed = false
  const blocks = (p.blocks ?? []).map((b) => {
    const tag = b.params?.['tag']
    if ((b.type !== 'TAG_IN' && b.type !== 'TAG_OUT') || typeof tag !== 'string') return b
    const to = rename(tag)
    if (to === undefined || to === tag) return b
    changed = true
    return { ...b, params: { ...b.params, tag: to } }
  })
  return changed ? { ...p, blocks } : p
}

function renameTagExprs(f: TagFile, rename: (p: string) => string | undefined): TagFile {
  let changed = false
  const tags = (f.tags ?? []).map((t) => {
    if (t.source?.kind !== 'expression') return t
    const expr = renameInExpr(t.source.expr, rename)
    if (expr === t.source.expr) return t
    changed = true
    return { ...t, source: { ...t.source, expr } }
  })
  return changed ? { ...f, tags } : f
}

/** A short human list of references for a warning (`screens/overview.json $.widgets[2]...`), at most `max` lines. */
export function describeReferences(refs: readonly TagReference[], max = 10): string {
  const lines = refs.slice(0, max).map((r) => `${r.tag} ← ${r.file} ${r.where}`)
  if (refs.length > max) lines.push(`… +${refs.length - max}`)
  return lines.join('\n')
}
