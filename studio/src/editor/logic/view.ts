/**
 * The enriched view of a program for vue-flow (STYLE.md 14): nodes with derived ports, execution order and
 * problems; edges with their resolved type and problems. Built from the saved model, never written back.
 */
import { markRaw } from 'vue'
import type { Edge, Node } from '@vue-flow/core'
import type { BlockDef, FbBlock, FbdProgram, PinDef, Plan, ResolvedType } from '@takt/blocks'
import type { DiagIndex, OrderInfo, PlacedDiagnostic } from './diagnostics'
import { parseRef, portsOf, wireKey } from './model'

export interface PortView {
  name: string
  /** Resolved type when the program compiles, else the declared type. */
  type: ResolvedType
  pin: PinDef
  wired: boolean
  /** A string only in a template program: a `"${param}"` placeholder. */
  constant?: number | boolean | string
  problems: PlacedDiagnostic[]
}

export interface FbNodeData {
  block: FbBlock
  def: BlockDef | undefined
  inputs: PortView[]
  outputs: PortView[]
  /** 1-based execution position; null when unknown. */
  order: number | null
  provisional: boolean
  problems: PlacedDiagnostic[]
  /** Program name, for monitoring paths. */
  program: string
}

export interface FbEdgeData {
  from: string
  to: string
  type: ResolvedType | undefined
  feedback: boolean
  problems: PlacedDiagnostic[]
  program: string
}

export interface ViewInput {
  program: FbdProgram
  plan: Plan | null
  order: OrderInfo | null
  diags: DiagIndex
}

function port(pin: PinDef, blockId: string, plan: Plan | null, wired: boolean, block: FbBlock, diags: PlacedDiagnostic[]): PortView {
  const c: number | boolean | string | undefined = block.inputs?.[pin.name]
  const mine = diags.filter((d) => d.target.kind === 'block' && d.target.field === `inputs.${pin.name}`)
  return {
    name: pin.name,
    type: plan?.pinType(blockId, pin.name) ?? pin.type,
    pin,
    wired,
    ...(c !== undefined ? { constant: c } : {}),
    problems: mine,
  }
}

export function buildNodes(v: ViewInput): Node<FbNodeData>[] {
  const { program, plan, order, diags } = v
  const wiredIn = new Set<string>()
  const wiredOut = new Set<string>()
  for (const w of program.wires) {
    wiredIn.add(w.to)
    wiredOut.add(w.from)
  }
  return program.blocks.map((b) => {
    const ports = portsOf(b, program.wires)
    const problems = diags.byBlock.get(b.id) ?? []
    const data: FbNodeData = {
      block: b,
      def: ports.def,
      inputs: ports.inputs.map((p) => port(p, b.id, plan, wiredIn.has(`${b.id}.${p.name}`), b, problems)),
      outputs: ports.outputs.map((p) => port(p, b.id, plan, wiredOut.has(`${b.id}.${p.name}`), b, problems)),
      order: order?.order.get(b.id) ?? null,
      provisional: order?.provisional ?? false,
      problems,
      program: program.name,
    }
    // markRaw: the view is rebuilt per change; deep proxies over it would only cost time.
    return { id: b.id, type: 'fb', position: { x: b.x ?? 0, y: b.y ?? 0 }, data: markRaw(data) }
  })
}

export function buildEdges(v: ViewInput): Edge<FbEdgeData>[] {
  const { program, plan, order, diags } = v
  const pins = new Map<string, Set<string>>()
  for (const b of program.blocks) {
    const ports = portsOf(b, program.wires)
    pins.set(b.id, new Set([...ports.inputs, ...ports.outputs].map((p) => p.name)))
  }
  const seen = new Map<string, number>()
  const edges: Edge<FbEdgeData>[] = []
  for (const w of program.wires) {
    const f = parseRef(w.from)
    const t = parseRef(w.to)
    // A wire to a pin that does not exist cannot be drawn; its problem shows on the block at the other end.
    if (!f || !t || !pins.get(f.block)?.has(f.pin) || !pins.get(t.block)?.has(t.pin)) continue
    const key = wireKey(w)
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    const data: FbEdgeData = {
      from: w.from,
      to: w.to,
      type: plan?.pinType(f.block, f.pin),
      feedback: order?.feedbackWires.has(key) ?? false,
      problems: diags.byWire.get(key) ?? [],
      program: program.name,
    }
    edges.push({
      id: n === 0 ? key : `${key}#${n}`,
      type: 'fb',
      source: f.block,
      sourceHandle: f.pin,
      target: t.block,
      targetHandle: t.pin,
      data: markRaw(data),
    })
  }
  return edges
}
