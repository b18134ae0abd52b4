/**
 * Inline expansion of function blocks defined as FBD networks (`BlockDef.network`). Each instance is replaced by
 * the blocks of its network, ids prefixed `<instance>/`, nested instances recursively; FB_IN and FB_OUT vanish:
 * a wire into an FB_IN continues at whatever drives the instance's input pin (a wire or its constant or the
 * interface default), a wire out of an instance continues at whatever drives the FB_OUT of that pin. The plan
 * stays one flat pass over typed arrays, exactly as if the engineer had drawn the blocks in the program.
 *
 * Types and feedback are kept from the function block's own compile: an FB behaves alike in every program.
 * A flat wire reads the previous scan when any wire on its way does. Why the result has no cycle left: project a
 * flat cycle onto the lowest network that holds all the wires it uses; there it is a closed walk over wires that
 * are not feedback, which that network's own compile broke up (graph.ts). So `levels` on the result cannot fail.
 */
import { pinIndex } from './pins.js'
import type { Edge, Node } from './layout.js'
import type { BlockDef } from './types.js'

/** An FB's network after its checks: blocks with resolved types, wires, and which wires are feedback. */
export interface CheckedNetwork {
  readonly nodes: readonly Node[]
  readonly edges: readonly Edge[]
  /** Per edge: 1 when it reads the previous scan's value. */
  readonly feedback: Uint8Array
}

/** Where a pin's value comes from after inlining: an output of a flat block, or a constant. */
export type PinSource = { node: number; pin: number } | { value: number }

/** An inlined FB instance, for monitoring and online change: its pins are other blocks' signals. */
export interface InstanceView {
  readonly id: string
  readonly def: BlockDef
  inputs: PinSource[]
  outputs: PinSource[]
  /** Flat blocks [first, end) are the ones inside it, nested instances' included. */
  readonly first: number
  end: number
  /** 0 for an instance in the program itself. */
  readonly depth: number
}

export interface Flattened {
  nodes: Node[]
  edges: Edge[]
  feedback: Uint8Array
  views: InstanceView[]
}

interface Scope {
  readonly prefix: string
  readonly net: CheckedNetwork
  /** The instance this scope is the network of; null for the program. */
  readonly parent: { scope: Scope; node: number } | null
  /** Per block of `net`: its flat index; -1 for FB_IN, FB_OUT and instances. */
  readonly flat: Int32Array
  readonly children: Map<number, Scope>
  /** Output pin name -> the FB_OUT block writing it. */
  readonly fbOut: Map<string, number>
}

type Resolved = { node: number; pin: number; feedback: boolean } | { value: number }

const num = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

/** Expands every instance of an FBD function block in a checked, error-free network. */
export function flatten(nodes: readonly Node[], edges: readonly Edge[], feedback: Uint8Array): Flattened {
  const flat: Node[] = []
  const scopes: Scope[] = []
  const views: { scope: Scope; node: number; view: InstanceView }[] = []
  let total = 0

  // Recursion depth is the nesting depth of function blocks, which has no cycles (the loader refuses them).
  const open = (net: CheckedNetwork, prefix: string, parent: Scope['parent'], depth: number): Scope => {
    const scope: Scope = { prefix, net, parent, flat: new Int32Array(net.nodes.length).fill(-1), children: new Map(), fbOut: new Map() }
    scopes.push(scope)
    total += net.nodes.length
    net.nodes.forEach((n, i) => {
      // FB_IN / FB_OUT of a network compiled on its own (the editor's view of a function block) stay as blocks.
      if (n.def.fbPin && parent) {
        if (n.def.fbPin === 'out') scope.fbOut.set(String(n.params['pin']), i)
        return
      }
      if (n.def.network) {
        const view: InstanceView = { id: prefix + n.id, def: n.def, inputs: [], outputs: [], first: flat.length, end: flat.length, depth }
        views.push({ scope, node: i, view })
        scope.children.set(i, open(n.def.network, `${prefix}${n.id}/`, { scope, node: i }, depth + 1))
        view.end = flat.length
        return
      }
      scope.flat[i] = flat.length
      flat.push({ ...n, index: flat.length, id: prefix + n.id, driver: new Array<number>(n.def.inputs.length).fill(-1) })
    })
    return scope
  }
  open({ nodes, edges, feedback }, '', null, 0)

  /** Follows a value from output `pin` of block `i` of `scope` to the flat block output or constant it is. */
  const resolve = (scope: Scope, i: number, pin: number, fb: boolean): Resolved => {
    let s = scope
    // Each step visits another (scope, block); more steps than blocks means a loop of pass-through pins.
    for (let steps = 0; steps <= total; steps++) {
      const fi = s.flat[i]!
      if (fi >= 0) return { node: fi, pin, feedback: fb }
      const n = s.net.nodes[i]!
      if (n.def.fbPin === 'in') {
        const up = s.parent!
        const owner = up.scope.net.nodes[up.node]!
        const name = String(n.params['pin'])
        const k = pinIndex(owner.def).inputs.get(name)!
        const e = owner.driver[k]!
        if (e < 0) return { value: num(owner.constants[name] ?? owner.def.inputs[k]!.default) }
        const edge = up.scope.net.edges[e]!
        fb ||= up.scope.net.feedback[e] === 1
        s = up.scope
        i = edge.src
        pin = edge.srcPin
        continue
      }
      const child = s.children.get(i)!
      const out = n.def.outputs[pin]!
      const j = child.fbOut.get(out.name)
      if (j === undefined) return { value: num(out.default) }
      const writer = child.net.nodes[j]!
      const e = writer.driver[0]!
      if (e < 0) return { value: num(writer.constants[writer.def.inputs[0]!.name] ?? out.default) }
      const edge = child.net.edges[e]!
      fb ||= child.net.feedback[e] === 1
      s = child
      i = edge.src
      pin = edge.srcPin
    }
    // Only a pin fed back to itself through pass-throughs gets here; nothing ever writes it.
    return { value: 0 }
  }

  const flatEdges: Edge[] = []
  const flatFeedback: number[] = []
  for (const scope of scopes) {
    scope.net.nodes.forEach((n, i) => {
      const fi = scope.flat[i]!
      if (fi < 0) return
      const node = flat[fi]!
      n.driver.forEach((e, k) => {
        if (e < 0) return
        const edge = scope.net.edges[e]!
        const src = resolve(scope, edge.src, edge.srcPin, scope.net.feedback[e] === 1)
        if ('value' in src) {
          node.constants = { ...node.constants, [n.def.inputs[k]!.name]: src.value }
          return
        }
        node.driver[k] = flatEdges.length
        flatEdges.push({ wire: scope.parent ? -1 : edge.wire, src: src.node, srcPin: src.pin, dst: fi, dstPin: k })
        flatFeedback.push(src.feedback ? 1 : 0)
      })
    })
  }

  const source = (r: Resolved): PinSource => ('value' in r ? { value: r.value } : { node: r.node, pin: r.pin })
  for (const { scope, node, view } of views) {
    const n = scope.net.nodes[node]!
    view.inputs = n.def.inputs.map((p, k) => {
      const e = n.driver[k]!
      if (e < 0) return { value: num(n.constants[p.name] ?? p.default) }
      const edge = scope.net.edges[e]!
      return source(resolve(scope, edge.src, edge.srcPin, false))
    })
    view.outputs = n.def.outputs.map((_, k) => source(resolve(scope, node, k, false)))
  }
  return { nodes: flat, edges: flatEdges, feedback: Uint8Array.from(flatFeedback), views: views.map((v) => v.view) }
}
