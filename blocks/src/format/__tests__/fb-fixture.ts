/** Builders for FBD function block files and the libraries they make, for the fbd-blocks tests. */
import { formatDiagnostic } from '../../errors.js'
import { compileNetwork } from '../../engine/compile.js'
import type { Plan } from '../../engine/plan.js'
import type { BlockLibrary } from '../../engine/registry.js'
import { defaultLibrary } from '../../library/index.js'
import { userBlocksFromFbd, type FbdBlocksResult } from '../fbd-blocks-build.js'
import { fbBlockFile, type FbdBlockFile, type FbInputPin, type FbOutputPin } from '../fbd-blocks.js'
import type { FbBlock, FbdProgram, FbWire } from '../program.js'

type Pins = { inputs?: FbInputPin[]; outputs?: FbOutputPin[] }

/** `fb('ACC', { inputs: [...] }, blocks, [['a.OUT', 'n.IN']])` */
export function fb(name: string, pins: Pins, blocks: FbBlock[], wires: [string, string][]): FbdBlockFile {
  return {
    format: 1, name,
    interface: { inputs: pins.inputs ?? [], outputs: pins.outputs ?? [] },
    blocks, wires: wires.map(([from, to]): FbWire => ({ from, to })),
  }
}

export const fbIn = (id: string, pin: string): FbBlock => ({ id, type: 'FB_IN', params: { pin } })
export const fbOut = (id: string, pin: string): FbBlock => ({ id, type: 'FB_OUT', params: { pin } })

/** SET/RESET latch (RS) driving a TON: Q comes PT ms after SET, drops on RESET. */
export function latchDelay(timer = 'TON'): FbdBlockFile {
  return fb('LATCH_DELAY', {
    inputs: [{ name: 'SET', type: 'BOOL' }, { name: 'RESET', type: 'BOOL' }, { name: 'PT', type: 'TIME', default: 1000 }],
    outputs: [{ name: 'Q', type: 'BOOL' }, { name: 'ET', type: 'TIME' }],
  }, [
    fbIn('s', 'SET'), fbIn('r', 'RESET'), fbIn('pt', 'PT'),
    { id: 'rs', type: 'RS' }, { id: 't', type: timer },
    fbOut('q', 'Q'), fbOut('et', 'ET'),
  ], [['s.OUT', 'rs.S'], ['r.OUT', 'rs.R1'], ['rs.Q1', 't.IN'], ['pt.OUT', 't.PT'], ['t.Q', 'q.IN'], ['t.ET', 'et.IN']])
}

/** N grows by STEP every scan: an ADD fed back to itself inside the function block. */
export function accumulator(): FbdBlockFile {
  return fb('ACC', { inputs: [{ name: 'STEP', type: 'INT', default: 1 }], outputs: [{ name: 'N', type: 'INT' }] },
    [{ id: 'add', type: 'ADD' }, fbIn('step', 'STEP'), fbOut('n', 'N')],
    [['add.OUT', 'add.IN1'], ['step.OUT', 'add.IN2'], ['add.OUT', 'n.IN']])
}

export function build(files: readonly FbdBlockFile[], base: BlockLibrary = defaultLibrary): FbdBlocksResult & { library: BlockLibrary } {
  const r = userBlocksFromFbd(files.map((value) => ({ file: fbBlockFile(value.name), value })), base)
  return { ...r, library: base.with(...r.defs) }
}

/** A program of blocks and wires, compiled against `library`; throws with the diagnostics on errors. */
export function programPlan(library: BlockLibrary, blocks: FbBlock[], wires: [string, string][]): Plan {
  const p: FbdProgram = { format: 1, name: 'main', blocks, wires: wires.map(([from, to]) => ({ from, to })) }
  const r = compileNetwork(p, library)
  if (!r.plan) throw new Error(`compile failed:\n${r.diagnostics.map(formatDiagnostic).join('\n')}`)
  return r.plan
}

export const tagIn = (id: string, tag: string, type?: string): FbBlock => ({ id, type: 'TAG_IN', params: type ? { tag, type } : { tag } })
export const tagOut = (id: string, tag: string): FbBlock => ({ id, type: 'TAG_OUT', params: { tag } })
