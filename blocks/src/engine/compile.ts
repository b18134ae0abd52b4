import type { Diagnostic, ErrorCode } from '../errors.js'
import type { FbdProgram } from '../format/program.js'
import { defaultLibrary } from '../library/index.js'
import { pinIndex } from './pins.js'
import { findFeedback, levels, topoOrder, type Graph } from './graph.js'
import { flatten } from './inline.js'
import { buildPlan, inType, type Edge, type Node } from './layout.js'
import type { Plan } from './plan.js'
import type { BlockLibrary } from './registry.js'
import { assignable, CONCRETE_TYPES, constantProblem, isGeneric, join } from './typesys.js'
import type { ConcreteType, PinDef, ResolvedType } from './types.js'

export interface CompileResult {
  /** Null when any diagnostic is an error. */
  plan: Plan | null
  diagnostics: Diagnostic[]
}

/**
 * What a network is: a program (the default), or the body of a function block defined as an FBD network, which
 * reaches the outside only through its interface: `FB_IN` / `FB_OUT` blocks instead of `TAG_IN` / `TAG_OUT`.
 */
export interface NetworkContext {
  fb?: { readonly inputs: readonly PinDef[]; readonly outputs: readonly PinDef[] }
}

/** @internal A network after its checks and before layout: what an FBD function block keeps of its body. */
export interface CheckedProgram {
  /** Per block: null when the block failed its own checks. */
  nodes: (Node | null)[]
  edges: Edge[]
  graph: Graph
  feedback: Uint8Array
  diagnostics: Diagnostic[]
}

/**
 * Compiles an FB network to a flat, executable plan. Checks block types, pins, pin types, drivers and params;
 * every diagnostic carries a JSON path into the program file (e.g. `$.wires[4].to`, `$.blocks[2].inputs.PT`).
 * Execution order follows the data flow; feedback wires are chosen as described in graph.ts. Instances of FBD
 * function blocks (`BlockDef.network`) are expanded inline (see inline.ts), so the plan stays one flat pass.
 *
 * @example
 * const { plan, diagnostics } = compileNetwork(program)
 * if (plan) { const inst = createInstance(plan); inst.scan(clock.now()) }
 */
export function compileNetwork(program: FbdProgram, library: BlockLibrary = defaultLibrary): CompileResult {
  return layoutNetwork(program.name, checkNetwork(program, library))
}

/** @internal Checks a network without laying it out; `context.fb` checks it as a function block's body. */
export function checkNetwork(program: FbdProgram, library: BlockLibrary, context: NetworkContext = {}): CheckedProgram {
  const diags: Diagnostic[] = []
  const report = (code: ErrorCode, path: string, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    diags.push({ code, severity, message, path })
  }

  const nodes = checkBlocks(program, library, context, report)
  checkTagWriters(nodes, report)
  const edges = checkWires(program, nodes, report)

  const graph: Graph = {
    blockCount: nodes.length,
    edgeSrc: Int32Array.from(edges, (e) => e.src),
    edgeDst: Int32Array.from(edges, (e) => e.dst),
  }
  const feedback = findFeedback(graph)
  resolveTypes(nodes, edges, topoOrder(graph, feedback), context)
  checkTypes(program, nodes, edges, report)
  return { nodes, edges, graph, feedback, diagnostics: diags }
}

/** @internal Lays out a checked network as a plan; no plan when the checks found errors. */
export function layoutNetwork(name: string, c: CheckedProgram): CompileResult {
  const diagnostics = c.diagnostics
  if (diagnostics.some((d) => d.severity === 'error')) return { plan: null, diagnostics }
  const nodes = c.nodes as Node[]
  const weigh = (list: readonly Node[]): Uint8Array => Uint8Array.from(list, (n) => (n.def.kernel ? 1 : 0))
  if (!nodes.some((n) => n.def.network)) {
    return { plan: buildPlan(name, nodes, c.edges, c.feedback, levels(c.graph, c.feedback, weigh(nodes))), diagnostics }
  }
  const flat = flatten(nodes, c.edges, c.feedback)
  const graph: Graph = {
    blockCount: flat.nodes.length,
    edgeSrc: Int32Array.from(flat.edges, (e) => e.src),
    edgeDst: Int32Array.from(flat.edges, (e) => e.dst),
  }
  let level: Int32Array
  try {
    level = levels(graph, flat.feedback, weigh(flat.nodes))
  } catch (err) {
    // inline.ts argues why this cannot happen; if it does, say so rather than throw at the caller.
    const why = err instanceof Error ? err.message : String(err)
    return { plan: null, diagnostics: [...diagnostics, { code: 'E_INTERNAL', severity: 'error', message: `inlining function blocks failed: ${why}` }] }
  }
  const feedbackWires = c.edges.flatMap((e, j) => (c.feedback[j] ? [e.wire] : []))
  const plan = buildPlan(name, flat.nodes, flat.edges, flat.feedback, level, { views: flat.views, feedbackWires })
  return { plan, diagnostics }
}

type Report = (code: ErrorCode, path: string, message: string, severity?: Diagnostic['severity']) => void

function prop(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

function checkBlocks(program: FbdProgram, library: BlockLibrary, context: NetworkContext, report: Report): (Node | null)[] {
  const seen = new Set<string>()
  const fbOut = new Map<string, string>()
  return program.blocks.map((b, i) => {
    const at = `$.blocks[${i}]`
    if (seen.has(b.id)) {
      report('E_DUPLICATE', `${at}.id`, `block id '${b.id}' is used more than once`)
      return null
    }
    seen.add(b.id)
    const def = library.get(b.type)
    if (!def) {
      report('E_FB_UNKNOWN_BLOCK', `${at}.type`, `unknown block type '${b.type}'`)
      return null
    }
    if (def.tagIo && context.fb) {
      report('E_FB_NOT_ALLOWED', `${at}.type`, `${b.type} cannot be used in a function block: it reaches only its interface (use FB_IN / FB_OUT)`)
      return null
    }
    if (def.fbPin && !context.fb) {
      report('E_FB_NOT_ALLOWED', `${at}.type`, `${b.type} belongs in a function block's network (blocks/<NAME>.fb.json), not in a program`)
      return null
    }
    if (def.network === null) {
      report('E_REFERENCE', `${at}.type`, `function block ${b.type} has errors; fix its definition first`)
    }
    const params = b.params ?? {}
    for (const [k, v] of Object.entries(params)) {
      const pd = def.params?.find((p) => p.name === k)
      const where = prop(`${at}.params`, k)
      if (!pd) report('E_FB_BAD_PARAM', where, `${b.type} has no parameter '${k}'`)
      else if (typeof v !== pd.type) report('E_FB_BAD_PARAM', where, `'${k}' must be a ${pd.type}`)
      else if (typeof v === 'string' && pd.values && !pd.values.includes(v)) {
        report('E_FB_BAD_PARAM', where, `'${k}' must be one of ${pd.values.join(', ')}`)
      } else if (typeof v === 'string' && pd.pattern && !pd.pattern.test(v)) {
        report('E_FB_BAD_PARAM', where, `'${v}' is not a valid ${k}`)
      }
    }
    for (const pd of def.params ?? []) {
      if (pd.required && params[pd.name] === undefined) {
        report('E_FB_BAD_PARAM', prop(`${at}.params`, pd.name), `${b.type} needs parameter '${pd.name}'`)
      }
    }
    if (def.fbPin && context.fb) checkInterfacePin(b.id, b.params?.['pin'], def.fbPin, context.fb, fbOut, `${at}.params.pin`, report)
    const constants = b.inputs ?? {}
    const idx = pinIndex(def)
    for (const k of Object.keys(constants)) {
      if (idx.inputs.has(k)) continue
      const isOut = idx.outputs.has(k)
      report('E_FB_UNKNOWN_PIN', prop(`${at}.inputs`, k),
        isOut ? `${k} is an output of ${b.type}; only inputs take constants` : `${b.type} has no input '${k}'`)
    }
    const node: Node = {
      index: i, id: b.id, def, params, constants,
      driver: new Array<number>(def.inputs.length).fill(-1),
      generic: 'ANY',
    }
    return node
  })
}

/** An FB_IN / FB_OUT names a pin of the interface on its side; one FB_OUT per output pin. */
function checkInterfacePin(
  id: string, pin: unknown, side: 'in' | 'out', fb: NonNullable<NetworkContext['fb']>, fbOut: Map<string, string>, at: string, report: Report,
): void {
  if (typeof pin !== 'string') return // a missing or non-string pin is reported as a bad param
  const [mine, other] = side === 'in' ? [fb.inputs, fb.outputs] : [fb.outputs, fb.inputs]
  if (!mine.some((p) => p.name === pin)) {
    const what = side === 'in' ? 'input' : 'output'
    report('E_FB_UNKNOWN_PIN', at, other.some((p) => p.name === pin)
      ? `${pin} is an ${side === 'in' ? 'output' : 'input'} of the function block; FB_${side.toUpperCase()} ${side === 'in' ? 'reads an input' : 'writes an output'}`
      : `the function block has no ${what} '${pin}'; add it to the interface first`)
    return
  }
  if (side !== 'out') return
  const first = fbOut.get(pin)
  if (first === undefined) fbOut.set(pin, id)
  else report('E_FB_MULTIPLE_DRIVERS', at, `output ${pin} is already written by FB_OUT block '${first}'`)
}

/** The type a block's generic pins are fixed to: an FB_IN / FB_OUT takes its interface pin's type, TAG_IN its `type` param. */
function fixedType(n: Node, context: NetworkContext): unknown {
  if (n.def.fbPin && context.fb) {
    const pins = n.def.fbPin === 'in' ? context.fb.inputs : context.fb.outputs
    return pins.find((p) => p.name === n.params['pin'])?.type
  }
  return n.def.typeParam ? n.params[n.def.typeParam] : undefined
}

/** Two blocks writing one tag is legal (the later in execution order wins) but rarely meant. */
function checkTagWriters(nodes: (Node | null)[], report: Report): void {
  const writers = new Map<string, string>()
  for (const n of nodes) {
    const tag = n?.params['tag']
    if (!n || n.def.tagIo !== 'write' || typeof tag !== 'string') continue
    const first = writers.get(tag)
    if (first === undefined) writers.set(tag, n.id)
    else report('E_DUPLICATE', `$.blocks[${n.index}].params.tag`, `tag ${tag} is also written by block '${first}'`, 'warning')
  }
}

function checkWires(program: FbdProgram, nodes: (Node | null)[], report: Report): Edge[] {
  const byId = new Map<string, Node>()
  for (const n of nodes) if (n) byId.set(n.id, n)
  const declared = new Set(program.blocks.map((b) => b.id))
  const edges: Edge[] = []
  program.wires.forEach((w, j) => {
    const end = (ref: string, side: 'from' | 'to'): { node: Node; pin: number } | null => {
      const path = `$.wires[${j}].${side}`
      const dot = ref.indexOf('.')
      if (dot <= 0) {
        report('E_FB_UNKNOWN_PIN', path, `'${ref}' is not of the form block.PIN`)
        return null
      }
      const id = ref.slice(0, dot)
      const pinName = ref.slice(dot + 1)
      const node = byId.get(id)
      if (!node) {
        // A block that failed its own checks has already been reported.
        if (!declared.has(id)) report('E_REFERENCE', path, `no block '${id}'`)
        return null
      }
      const idx = pinIndex(node.def)
      const [mine, other] = side === 'from' ? [idx.outputs, idx.inputs] : [idx.inputs, idx.outputs]
      const pin = mine.get(pinName) ?? -1
      if (pin < 0) {
        const wrongSide = other.has(pinName)
        report('E_FB_UNKNOWN_PIN', path, wrongSide
          ? `${ref} is an ${side === 'from' ? 'input' : 'output'}; a wire runs from an output to an input`
          : `${node.def.type} has no pin '${pinName}'`)
        return null
      }
      return { node, pin }
    }
    const a = end(w.from, 'from')
    const b = end(w.to, 'to')
    if (!a || !b) return
    if (b.node.driver[b.pin] !== -1) {
      report('E_FB_MULTIPLE_DRIVERS', `$.wires[${j}].to`, `${w.to} is already driven by another wire`)
      return
    }
    b.node.driver[b.pin] = edges.length
    edges.push({ wire: j, src: a.node.index, srcPin: a.pin, dst: b.node.index, dstPin: b.pin })
  })
  return edges
}

/** The resolved type of an output pin, or null while its generic block is not resolved yet. */
function outType(n: Node, pin: number, done: Uint8Array | null): ResolvedType | null {
  const t = n.def.outputs[pin]!.type
  if (!isGeneric(t)) return t
  return done && !done[n.index] ? null : n.generic
}

/**
 * Gives each block with generic pins one type, in topological order: the common type of the typed values wired
 * into its generic inputs (IEC overloading: ADD of INT and REAL is a REAL ADD). Conflicts are left for checkTypes.
 */
function resolveTypes(nodes: (Node | null)[], edges: Edge[], order: Int32Array, context: NetworkContext): void {
  const done = new Uint8Array(nodes.length)
  for (const idx of order) {
    const n = nodes[idx]
    if (!n) continue
    done[idx] = 1
    const kind = pinIndex(n.def).generic
    if (!kind) continue
    const fixed = fixedType(n, context)
    if (typeof fixed === 'string' && (CONCRETE_TYPES as readonly string[]).includes(fixed)) {
      n.generic = fixed as ConcreteType
      continue
    }
    let t: ConcreteType | null = null
    let untyped = false
    const take = (s: ResolvedType | null): void => {
      if (s === null || s === 'ANY') return
      if (s === 'ANY_NUM') untyped = true
      else if (!(kind === 'ANY_NUM' && s === 'BOOL')) t = t === null ? s : (join(t, s) ?? t)
    }
    n.def.inputs.forEach((p, i) => {
      if (!isGeneric(p.type)) return
      const e = n.driver[i]!
      if (e >= 0) {
        const edge = edges[e]!
        take(outType(nodes[edge.src]!, edge.srcPin, done))
      } else {
        const c = n.constants[p.name]
        if (typeof c === 'boolean') take('BOOL')
        else if (typeof c === 'number') take('ANY_NUM')
      }
    })
    n.generic = t ?? (untyped || kind === 'ANY_NUM' ? 'ANY_NUM' : 'ANY')
  }
}

function checkTypes(program: FbdProgram, nodes: (Node | null)[], edges: Edge[], report: Report): void {
  for (const e of edges) {
    const src = nodes[e.src]!
    const dst = nodes[e.dst]!
    const s = outType(src, e.srcPin, null)!
    const d = inType(dst, e.dstPin)
    if (!assignable(s, d)) {
      const w = program.wires[e.wire]!
      report('E_FB_TYPE_MISMATCH', `$.wires[${e.wire}]`, `${w.from} (${s}) cannot drive ${w.to} (${d})`)
    }
  }
  for (const n of nodes) {
    if (!n) continue
    n.def.inputs.forEach((p, i) => {
      const c = n.constants[p.name]
      if (c === undefined) return
      const path = prop(`$.blocks[${n.index}].inputs`, p.name)
      if (n.driver[i] !== -1) {
        report('E_FB_MULTIPLE_DRIVERS', path, `${n.id}.${p.name} is wired; its constant is ignored`, 'warning')
        return
      }
      const problem = constantProblem(c, inType(n, i))
      if (problem) report('E_FB_TYPE_MISMATCH', path, `${n.id}.${p.name}: ${problem}`)
    })
  }
}
