/**
 * Ordering of a block network. Edges are wires, `src -> dst` by block index, in program-file order.
 *
 * Feedback: a depth-first search over the data flow, starting roots in block declaration order and following each
 * block's outgoing wires in file order, marks every wire that reaches a block still on the DFS stack (a back edge).
 * Removing those wires leaves a DAG; each marked wire reads the previous scan's value. The choice depends only on
 * the file's order, so the same file always compiles to the same plan. In a loop `A -> B -> A` with `A` declared
 * first, the wire `B -> A` is the feedback wire.
 */
export interface Graph {
  blockCount: number
  edgeSrc: Int32Array
  edgeDst: Int32Array
}

/** Marks back edges (see above). Iterative, so deep chains cannot overflow the call stack. */
export function findFeedback(g: Graph): Uint8Array {
  const n = g.blockCount
  const m = g.edgeSrc.length
  const firstOut = new Int32Array(n + 1)
  for (let e = 0; e < m; e++) firstOut[g.edgeSrc[e]! + 1]!++
  for (let i = 0; i < n; i++) firstOut[i + 1]! += firstOut[i]!
  const outEdges = new Int32Array(m)
  const fill = firstOut.slice(0, n)
  for (let e = 0; e < m; e++) outEdges[fill[g.edgeSrc[e]!]!++] = e

  const feedback = new Uint8Array(m)
  const color = new Uint8Array(n) // 0 unseen, 1 on stack, 2 done
  const stack = new Int32Array(n)
  const cursor = new Int32Array(n)
  for (let root = 0; root < n; root++) {
    if (color[root] !== 0) continue
    let top = 0
    stack[0] = root
    cursor[root] = firstOut[root]!
    color[root] = 1
    while (top >= 0) {
      const v = stack[top]!
      if (cursor[v]! < firstOut[v + 1]!) {
        const e = outEdges[cursor[v]!++]!
        const w = g.edgeDst[e]!
        if (color[w] === 0) {
          color[w] = 1
          cursor[w] = firstOut[w]!
          stack[++top] = w
        } else if (color[w] === 1) {
          feedback[e] = 1
        }
      } else {
        color[v] = 2
        top--
      }
    }
  }
  return feedback
}

/**
 * Level of each block in the DAG left after removing feedback edges: the longest path from a source, where a block
 * adds `weight[b]` (0 for blocks that execute nothing, such as tag I/O). Blocks on one level never depend on each
 * other, which lets the compiler gather them by type.
 */
export function levels(g: Graph, feedback: Uint8Array, weight: Uint8Array): Int32Array {
  const n = g.blockCount
  const m = g.edgeSrc.length
  const indeg = new Int32Array(n)
  const firstOut = new Int32Array(n + 1)
  for (let e = 0; e < m; e++) {
    if (feedback[e]) continue
    indeg[g.edgeDst[e]!]!++
    firstOut[g.edgeSrc[e]! + 1]!++
  }
  for (let i = 0; i < n; i++) firstOut[i + 1]! += firstOut[i]!
  const outDst = new Int32Array(firstOut[n]!)
  const fill = firstOut.slice(0, n)
  for (let e = 0; e < m; e++) if (!feedback[e]) outDst[fill[g.edgeSrc[e]!]!++] = g.edgeDst[e]!

  const level = new Int32Array(n)
  const queue = new Int32Array(n)
  let head = 0
  let tail = 0
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue[tail++] = i
  while (head < tail) {
    const v = queue[head++]!
    const next = level[v]! + weight[v]!
    for (let k = firstOut[v]!; k < firstOut[v + 1]!; k++) {
      const w = outDst[k]!
      if (level[w]! < next) level[w] = next
      if (--indeg[w]! === 0) queue[tail++] = w
    }
  }
  if (tail !== n) throw new Error('internal: network still cyclic after removing feedback wires')
  return level
}

/** Topological order of the DAG (Kahn, smallest declaration index first); used to resolve generic pin types. */
export function topoOrder(g: Graph, feedback: Uint8Array): Int32Array {
  const lv = levels(g, feedback, new Uint8Array(g.blockCount).fill(1))
  const idx = Array.from({ length: g.blockCount }, (_, i) => i)
  idx.sort((a, b) => lv[a]! - lv[b]! || a - b)
  return Int32Array.from(idx)
}
