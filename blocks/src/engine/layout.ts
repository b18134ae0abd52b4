import type { InstanceView, PinSource } from './inline.js'
import { CompiledPlan, type PlanBlock, type TagBinding } from './plan.js'
import { isGeneric, isIntType } from './typesys.js'
import type { BlockDef, BlockObjects, Kernel, ResolvedType } from './types.js'

/** A checked block on its way into a plan. */
export interface Node {
  /** Declaration index in `program.blocks` (after inlining: index in the flat block list). */
  index: number
  id: string
  def: BlockDef
  params: Record<string, string | number | boolean>
  constants: Record<string, number | boolean>
  /** Per input pin: index of the driving edge, or -1. */
  driver: number[]
  /** The type every generic pin of this block resolved to. */
  generic: ResolvedType
}

/** A checked wire: output `srcPin` of block `src` drives input `dstPin` of block `dst` (declaration indices). */
export interface Edge {
  /** Index in `program.wires`; -1 for a wire inside an inlined function block. */
  wire: number
  src: number
  srcPin: number
  dst: number
  dstPin: number
}

export function inType(n: Node, pin: number): ResolvedType {
  const t = n.def.inputs[pin]!.type
  return isGeneric(t) ? n.generic : t
}

export function outputType(n: Node, pin: number): ResolvedType {
  const t = n.def.outputs[pin]!.type
  return isGeneric(t) ? n.generic : t
}

interface Choice {
  kernel: Kernel | null
  /** Optional inputs left out of the slot layout. */
  compact: boolean
}

function chooseKernel(n: Node): Choice {
  const d = n.def
  if (!d.kernel) return { kernel: null, compact: false }
  if (d.kernels?.int && isIntType(n.generic)) return { kernel: d.kernels.int, compact: false }
  if (d.kernels?.compact) {
    const unused = d.inputs.every((p, i) => !p.optional || (n.driver[i] === -1 && n.constants[p.name] === undefined))
    if (unused) return { kernel: d.kernels.compact, compact: true }
  }
  return { kernel: d.kernel, compact: false }
}

const num = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

/**
 * Lays out a checked network. Execution order sorts blocks by (level, kernel, declaration index), so blocks of one
 * type on one level sit next to each other and run as one group: one kernel call over an Int32Array of their slots.
 * Any topological order would be correct, since a group runs its blocks in sequence; the sort only makes groups long.
 * Signals: shared constants first, then outputs in execution order (a group writes a contiguous range), then one
 * latch per feedback wire.
 */
export function buildPlan(
  name: string, nodes: Node[], edges: Edge[], feedback: Uint8Array, level: Int32Array, inlined?: Inlined,
): CompiledPlan {
  const choice = nodes.map(chooseKernel)
  const kernelKey = new Map<Kernel, number>()
  for (const c of choice) if (c.kernel && !kernelKey.has(c.kernel)) kernelKey.set(c.kernel, kernelKey.size)
  const key = choice.map((c) => (c.kernel ? kernelKey.get(c.kernel)! : -1))
  const order = nodes.map((_, i) => i).sort((a, b) => level[a]! - level[b]! || key[a]! - key[b]! || a - b)

  const values: number[] = []
  const constSlot = new Map<number, number>()
  const constant = (v: number): number => {
    let s = constSlot.get(v)
    if (s === undefined) {
      s = values.length
      values.push(v)
      constSlot.set(v, s)
    }
    return s
  }
  const inputs = nodes.map((n) => new Array<number>(n.def.inputs.length).fill(0))
  const outputs = nodes.map((n) => new Array<number>(n.def.outputs.length).fill(0))
  for (const i of order) {
    const n = nodes[i]!
    n.def.inputs.forEach((p, k) => {
      if (n.driver[k] === -1) inputs[i]![k] = constant(num(n.constants[p.name] ?? p.default))
    })
  }
  for (const i of order) {
    nodes[i]!.def.outputs.forEach((p, k) => {
      outputs[i]![k] = values.length
      values.push(num(p.default))
    })
  }
  const fbFrom: number[] = []
  const fbTo: number[] = []
  const feedbackWires: number[] = []
  edges.forEach((e, j) => {
    const from = outputs[e.src]![e.srcPin]!
    if (feedback[j]) {
      const latch = values.length
      values.push(values[from]!)
      fbFrom.push(from)
      fbTo.push(latch)
      if (!inlined) feedbackWires.push(e.wire)
      inputs[e.dst]![e.dstPin] = latch
    } else {
      inputs[e.dst]![e.dstPin] = from
    }
  })

  const stateOffset = new Int32Array(nodes.length)
  const stateInit: number[] = []
  for (const i of order) {
    const d = nodes[i]!.def
    stateOffset[i] = stateInit.length
    for (let k = 0; k < d.stateSize; k++) stateInit.push(d.initialState?.[k] ?? 0)
  }

  const objectIndex = new Int32Array(nodes.length).fill(-1)
  const objects: BlockObjects[] = []
  for (const i of order) {
    const o = nodes[i]!.def.objects
    if (!o) continue
    objectIndex[i] = objects.length
    objects.push(o)
  }

  const slots: number[] = []
  const kernels: Kernel[] = []
  const gStart: number[] = []
  const gEnd: number[] = []
  const gStride: number[] = []
  for (const i of order) {
    const { kernel, compact } = choice[i]!
    if (!kernel) continue
    const n = nodes[i]!
    const begin = slots.length
    n.def.inputs.forEach((p, k) => {
      if (!(compact && p.optional)) slots.push(inputs[i]![k]!)
    })
    for (const s of outputs[i]!) slots.push(s)
    if (n.def.stateSize > 0) slots.push(stateOffset[i]!)
    if (objectIndex[i]! >= 0) slots.push(objectIndex[i]!)
    const g = kernels.length - 1
    if (g >= 0 && kernels[g] === kernel && gStride[g] === slots.length - begin) {
      gEnd[g] = slots.length
    } else {
      kernels.push(kernel)
      gStart.push(begin)
      gEnd.push(slots.length)
      gStride.push(slots.length - begin)
    }
  }

  const tagInputs: TagBinding[] = []
  const tagOutputs: TagBinding[] = []
  const blocks = new Map<string, PlanBlock>()
  const blockTypes = new Map<string, string>()
  const signalOf = (s: PinSource): number => ('value' in s ? constant(s.value) : outputs[s.node]![s.pin]!)
  const views = [...(inlined?.views ?? [])].sort((a, b) => a.first - b.first || a.depth - b.depth)
  let nextView = 0
  const addViews = (upTo: number): void => {
    for (; nextView < views.length && views[nextView]!.first <= upTo; nextView++) {
      const v = views[nextView]!
      blockTypes.set(v.id, v.def.type)
      blocks.set(v.id, {
        id: v.id,
        def: v.def,
        inputs: v.inputs.map(signalOf),
        outputs: v.outputs.map(signalOf),
        inputTypes: v.def.inputs.map((p) => p.type),
        outputTypes: v.def.outputs.map((p) => p.type),
        stateOffset: 0,
        objectIndex: -1,
        view: true,
      })
    }
  }
  for (const n of nodes) {
    const i = n.index
    addViews(i)
    blockTypes.set(n.id, n.def.type)
    blocks.set(n.id, {
      id: n.id,
      def: n.def,
      inputs: inputs[i]!,
      outputs: outputs[i]!,
      inputTypes: n.def.inputs.map((_, k) => inType(n, k)),
      outputTypes: n.def.outputs.map((_, k) => outputType(n, k)),
      stateOffset: stateOffset[i]!,
      objectIndex: objectIndex[i]!,
    })
    const tag = n.params['tag']
    if (typeof tag !== 'string') continue
    if (n.def.tagIo === 'read') tagInputs.push({ tag, signal: outputs[i]![0]!, blockId: n.id, dataType: outputType(n, 0) })
    if (n.def.tagIo === 'write') tagOutputs.push({ tag, signal: inputs[i]![0]!, blockId: n.id, dataType: inType(n, 0) })
  }

  addViews(Number.POSITIVE_INFINITY)
  const ids = inlined ? orderWithViews(order, nodes, views) : order.map((i) => nodes[i]!.id)
  return new CompiledPlan(name, ids, tagInputs, tagOutputs, blockTypes, inlined?.feedbackWires ?? feedbackWires, {
    kernels,
    groupStart: Int32Array.from(gStart),
    groupEnd: Int32Array.from(gEnd),
    groupStride: Int32Array.from(gStride),
    slots: Int32Array.from(slots),
    feedbackFrom: Int32Array.from(fbFrom),
    feedbackTo: Int32Array.from(fbTo),
    initialSignals: Float64Array.from(values),
    initialState: Float64Array.from(stateInit),
    objects,
    blocks,
  })
}

/** What inlining function blocks adds to a plan: one view per instance, and the program's own feedback wires. */
export interface Inlined {
  views: readonly InstanceView[]
  /** Indices into `program.wires`, as the program's own compile chose them. */
  feedbackWires: readonly number[]
}

/** Execution order with each instance's id placed just before the first of its blocks to run (outer before inner). */
function orderWithViews(order: readonly number[], nodes: readonly Node[], views: readonly InstanceView[]): string[] {
  const pos = new Int32Array(nodes.length)
  order.forEach((i, k) => { pos[i] = k })
  const rank = views.map((v) => {
    let r = Number.POSITIVE_INFINITY
    for (let k = v.first; k < v.end; k++) r = Math.min(r, pos[k]!)
    return r
  })
  const byRank = views.map((_, j) => j).sort((a, b) => rank[a]! - rank[b]! || views[a]!.depth - views[b]!.depth)
  const out: string[] = []
  let j = 0
  order.forEach((i, k) => {
    for (; j < byRank.length && rank[byRank[j]!]! <= k; j++) out.push(views[byRank[j]!]!.id)
    out.push(nodes[i]!.id)
  })
  for (; j < byRank.length; j++) out.push(views[byRank[j]!]!.id)
  return out
}
