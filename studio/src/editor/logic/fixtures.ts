/** Small builders for logic-editor tests. */
import type { FbBlock, FbWire, FbdProgram } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'

export const PATH = 'programs/p.fbd.json'

export function prog(blocks: FbBlock[], wires: [string, string][] = []): FbdProgram {
  return { format: 1, name: 'p', blocks, wires: wires.map(([from, to]): FbWire => ({ from, to })) }
}

export function docWith(p: FbdProgram, extra: Record<string, unknown> = {}): ProjectDocument {
  const d = new ProjectDocument()
  d.load({ [PATH]: p, ...extra })
  return d
}

export const programOf = (d: ProjectDocument): FbdProgram => d.get<FbdProgram>(PATH)!
