/**
 * Derived tags (`source.kind === 'expression'`): recomputed inside the tag database's commit whenever a tag they
 * reference changes, in dependency order, so one batch carries both the cause and its effects.
 * Status: the worst status of the referenced tags; an expression that yields null (e.g. division by zero) is bad.
 */
import { compileExpression, qualityOf, Status, type TagScalar } from '@takt/blocks'
import type { TagDb } from './tagdb.js'

interface Derived { id: number; refs: number[]; evaluate: (get: (path: string) => TagScalar) => TagScalar }

export function attachDerivedTags(db: TagDb, now: () => number = Date.now): () => void {
  const derived: Derived[] = []
  for (const t of db.tags) {
    if (t.def.source.kind !== 'expression') continue
    const r = compileExpression(t.def.source.expr, { isTag: (p) => db.id(p) !== undefined })
    // The loader validated expressions; a failure here means the APP was not loaded through it: leave the tag bad.
    if (!r.ok) continue
    derived.push({ id: t.id, refs: r.expr.refs.map((p) => db.id(p)!), evaluate: (get) => r.expr.evaluate(get) })
  }
  if (derived.length === 0) return () => {}
  const order = topoOrder(derived)
  const dependents = new Map<number, Derived[]>()
  for (const d of derived) for (const ref of d.refs) dependents.set(ref, [...(dependents.get(ref) ?? []), d])
  const get = (path: string) => db.get(path)?.value ?? null

  const evaluate = (d: Derived) => {
    let status: number = Status.Good
    let sourceTime = 0
    for (const ref of d.refs) {
      const t = db.byId(ref)!
      if (qualityOf(t.status) === 'bad') status = t.status
      else if (qualityOf(t.status) === 'uncertain' && qualityOf(status) === 'good') status = t.status
      if (t.sourceTime > sourceTime) sourceTime = t.sourceTime
    }
    const v = d.evaluate(get)
    db.set(d.id, v, v === null && qualityOf(status) === 'good' ? Status.Bad : status, sourceTime || now())
  }
  for (const d of order) evaluate(d)
  db.commit()

  return db.addCommitHook((ids) => {
    const affected = new Set<Derived>()
    for (const id of ids) for (const d of dependents.get(id) ?? []) affected.add(d)
    if (affected.size === 0) return
    for (const d of order) if (affected.has(d)) evaluate(d)
  })
}

/** Dependency order among derived tags; a cycle is broken where it is found (its members read the last value). */
function topoOrder(list: Derived[]): Derived[] {
  const byId = new Map(list.map((d) => [d.id, d]))
  const seen = new Set<number>()
  const out: Derived[] = []
  const visit = (d: Derived, stack: Set<number>) => {
    if (seen.has(d.id) || stack.has(d.id)) return
    stack.add(d.id)
    for (const r of d.refs) {
      const dep = byId.get(r)
      if (dep) visit(dep, stack)
    }
    stack.delete(d.id)
    seen.add(d.id)
    out.push(d)
  }
  for (const d of list) visit(d, new Set())
  return out
}
