/**
 * Puts compiler diagnostics where they belong: a JSON path into the program file (`$.blocks[2].inputs.PT`,
 * `$.wires[4].to`) becomes a block (and the field of it) or a wire. Also computes the execution order to show,
 * even while the program has errors (see `executionOrder`).
 */
import { parseJsonPath } from '@takt/blocks'
import { compileAny } from './compat'
import { logicLibrary } from './library'
import type { CompileResult, Diagnostic, FbdProgram } from '@takt/blocks'
import { parseRef, wireKey } from './model'

export type DiagTarget =
  | { kind: 'block'; id: string; index: number; /** `inputs.PT`, `params.tag`, `type`, `id`; undefined: the block. */ field?: string }
  | { kind: 'wire'; index: number; key: string; end?: 'from' | 'to' }
  | { kind: 'program' }

/** Where a diagnostic's path points in `program`. */
export function diagTarget(program: FbdProgram, path: string | undefined): DiagTarget {
  const segs = path === undefined ? null : parseJsonPath(path)
  if (!segs || segs.length < 2) return { kind: 'program' }
  const [top, idx, ...rest] = segs
  if (typeof idx !== 'number') return { kind: 'program' }
  if (top === 'blocks') {
    const b = program.blocks[idx]
    if (!b) return { kind: 'program' }
    const field = rest.length > 0 ? rest.map(String).join('.') : undefined
    return { kind: 'block', id: b.id, index: idx, ...(field !== undefined ? { field } : {}) }
  }
  if (top === 'wires') {
    const w = program.wires[idx]
    if (!w) return { kind: 'program' }
    const end = rest[0] === 'from' || rest[0] === 'to' ? rest[0] : undefined
    return { kind: 'wire', index: idx, key: wireKey(w), ...(end ? { end } : {}) }
  }
  return { kind: 'program' }
}

export interface PlacedDiagnostic { diag: Diagnostic; target: DiagTarget }

/** Problems grouped by what they mark. A wire whose end cannot be drawn marks the block at its other end too. */
export interface DiagIndex {
  all: PlacedDiagnostic[]
  byBlock: Map<string, PlacedDiagnostic[]>
  byWire: Map<string, PlacedDiagnostic[]>
}

export function indexDiagnostics(program: FbdProgram, diags: readonly Diagnostic[]): DiagIndex {
  const out: DiagIndex = { all: [], byBlock: new Map(), byWire: new Map() }
  const push = <K>(m: Map<K, PlacedDiagnostic[]>, k: K, p: PlacedDiagnostic): void => {
    const list = m.get(k)
    if (list) list.push(p)
    else m.set(k, [p])
  }
  for (const diag of diags) {
    const target = diagTarget(program, diag.path)
    const placed = { diag, target }
    out.all.push(placed)
    if (target.kind === 'block') push(out.byBlock, target.id, placed)
    else if (target.kind === 'wire') {
      push(out.byWire, target.key, placed)
      const w = program.wires[target.index]!
      if (target.end) {
        // The named end is the broken one; the block at the other end is where the engineer sees the wire.
        const other = parseRef(target.end === 'from' ? w.to : w.from)
        if (other) push(out.byBlock, other.block, placed)
      }
    }
  }
  return out
}

/** Problems the compiler cannot see: TAG_IN/TAG_OUT naming a tag the APP does not define. */
export function tagDiagnostics(program: FbdProgram, isTag: (path: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = []
  program.blocks.forEach((b, i) => {
    if (b.type !== 'TAG_IN' && b.type !== 'TAG_OUT') return
    const tag = b.params?.['tag']
    if (typeof tag === 'string' && tag !== '' && !isTag(tag)) {
      out.push({ code: 'E_REFERENCE', severity: 'error', message: `tag ${tag} does not exist`, path: `$.blocks[${i}].params.tag` })
    }
  })
  return out
}

export interface OrderInfo {
  /** Block id -> 1-based position in the execution order. */
  order: Map<string, number>
  /** True when computed from the program minus its broken parts (the real plan does not exist yet). */
  provisional: boolean
  feedbackWires: Set<string>
}

/**
 * Execution order to show as badges. With errors the compiler gives no plan, yet the engineer still wants to see
 * the order of everything that is fine: drop what the errors name (constants, blocks, wires) and compile again,
 * a few rounds at most.
 */
export function executionOrder(program: FbdProgram, result: CompileResult): OrderInfo | null {
  let prog = program
  let r = result
  for (let round = 0; round < 4; round++) {
    if (r.plan) {
      return {
        // Blocks inside inlined function block instances (`<instance>/<block>`) run too, but are not drawn here.
        order: new Map(r.plan.order.filter((id) => !id.includes('/')).map((id, i) => [id, i + 1])),
        provisional: round > 0,
        feedbackWires: new Set(r.plan.feedbackWires.map((j) => wireKey(prog.wires[j]!))),
      }
    }
    prog = withoutErrors(prog, r.diagnostics)
    r = compileAny(prog, logicLibrary())
  }
  return null
}

function withoutErrors(p: FbdProgram, diags: readonly Diagnostic[]): FbdProgram {
  const dropBlocks = new Set<number>()
  const dropWires = new Set<number>()
  const dropInputs = new Map<number, Set<string>>()
  for (const d of diags) {
    if (d.severity !== 'error') continue
    const t = diagTarget(p, d.path)
    if (t.kind === 'wire') dropWires.add(t.index)
    else if (t.kind === 'block') {
      const m = /^inputs\.(.+)$/.exec(t.field ?? '')
      if (m) {
        const s = dropInputs.get(t.index) ?? new Set<string>()
        s.add(m[1]!)
        dropInputs.set(t.index, s)
      } else dropBlocks.add(t.index)
    }
  }
  const goneIds = new Set([...dropBlocks].map((i) => p.blocks[i]!.id))
  const blocks = p.blocks.flatMap((b, i) => {
    if (dropBlocks.has(i)) return []
    const gone = dropInputs.get(i)
    if (!gone || !b.inputs) return [b]
    return [{ ...b, inputs: Object.fromEntries(Object.entries(b.inputs).filter(([k]) => !gone.has(k))) }]
  })
  const wires = p.wires.filter((w, j) => {
    if (dropWires.has(j)) return false
    const f = parseRef(w.from)
    const t = parseRef(w.to)
    return !(f && goneIds.has(f.block)) && !(t && goneIds.has(t.block))
  })
  return { ...p, blocks, wires }
}
