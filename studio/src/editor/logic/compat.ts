/**
 * Can a wire run from `from` (an output) to `to` (an input)? Structure first (pins exist, direction, one driver
 * per input), then types by the engine's own rules: the program is compiled with and without the new wire and the
 * connection is refused when it introduces a type mismatch anywhere (a generic block such as ADD can change type
 * through it, which breaks a wire further on). Reusing compileNetwork keeps the editor and the engine from ever
 * disagreeing about what is compatible.
 */
import { compileFbBody, compileNetwork } from '@takt/blocks'
import type { BlockLibrary, CompileResult, ErrorCode, FbdBlockFile, FbdProgram, FbWire } from '@takt/blocks'
import { logicLibrary } from './library'
import { blockIndex, parseRef, pinSide } from './model'

export type ConnectCheck = { ok: true } | { ok: false; code: ErrorCode; message: string }

// One compile per program version and library; the program objects are immutable (document model), so identity
// is the key. The library changes when the draft's ST FUNCTION_BLOCKs do.
const compiled = new WeakMap<FbdProgram, { library: BlockLibrary; result: CompileResult }>()

/** A function block file (`blocks/*.fb.json`) opened in the logic editor: a network with an interface. */
export function isFbFile(program: FbdProgram): program is FbdProgram & FbdBlockFile {
  return 'interface' in program
}

/** Compiles a program, or the network of a function block with its interface checks. */
export function compileAny(program: FbdProgram, library: BlockLibrary): CompileResult {
  return isFbFile(program) ? compileFbBody(program, library) : compileNetwork(program, library)
}

/** compileAny with the editor's library, memoised per (immutable) program object. */
export function compileCached(program: FbdProgram): CompileResult {
  const library = logicLibrary()
  const hit = compiled.get(program)
  if (hit?.library === library) return hit.result
  const result = compileAny(program, library)
  compiled.set(program, { library, result })
  return result
}

const typeErrorKeys = (r: CompileResult): Map<string, number> => {
  const m = new Map<string, number>()
  for (const d of r.diagnostics) {
    if (d.code !== 'E_FB_TYPE_MISMATCH' || d.severity !== 'error') continue
    const k = `${d.path ?? ''}|${d.message}`
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  return m
}

/** The program with a wire added, as `logic.connect` writes it (a wired input drops its constant). */
export function withWire(program: FbdProgram, wire: FbWire): FbdProgram {
  const to = parseRef(wire.to)
  const blocks = program.blocks.map((b) => {
    if (!to || b.id !== to.block || !b.inputs || !(to.pin in b.inputs)) return b
    const { [to.pin]: _dropped, ...rest } = b.inputs
    if (Object.keys(rest).length > 0) return { ...b, inputs: rest }
    const { inputs: _none, ...bare } = b
    return bare
  })
  return { ...program, blocks, wires: [...program.wires, wire] }
}

/**
 * Checks a new wire; see the module comment. `prepare` turns the network into what compiles (a template program's
 * probe copy, template-scope.ts); it must keep block ids and wire order.
 */
export function checkConnection(program: FbdProgram, from: string, to: string, prepare?: (p: FbdProgram) => FbdProgram): ConnectCheck {
  const f = parseRef(from)
  const t = parseRef(to)
  if (!f || !t) return { ok: false, code: 'E_FB_UNKNOWN_PIN', message: 'a wire runs between block.PIN references' }
  const fi = blockIndex(program, f.block)
  const ti = blockIndex(program, t.block)
  if (fi < 0) return { ok: false, code: 'E_REFERENCE', message: `no block '${f.block}'` }
  if (ti < 0) return { ok: false, code: 'E_REFERENCE', message: `no block '${t.block}'` }
  const fs = pinSide(program.blocks[fi]!, f.pin)
  const ts = pinSide(program.blocks[ti]!, t.pin)
  if (fs === null || ts === null) {
    return { ok: false, code: 'E_FB_UNKNOWN_BLOCK', message: 'a block of unknown type cannot be wired' }
  }
  if (fs !== 'out') {
    return { ok: false, code: 'E_FB_UNKNOWN_PIN', message: fs === 'in' ? `${from} is an input; a wire starts at an output` : `no pin ${from}` }
  }
  if (ts !== 'in') {
    return { ok: false, code: 'E_FB_UNKNOWN_PIN', message: ts === 'out' ? `${to} is an output; a wire ends at an input` : `no pin ${to}` }
  }
  if (program.wires.some((w) => w.from === from && w.to === to)) {
    return { ok: false, code: 'E_DUPLICATE', message: `${from} is already wired to ${to}` }
  }
  const driver = program.wires.find((w) => w.to === to)
  if (driver) {
    return { ok: false, code: 'E_FB_MULTIPLE_DRIVERS', message: `${to} is already driven by ${driver.from}; an input has one driver` }
  }
  const compilable = prepare ?? ((p: FbdProgram) => p)
  const before = typeErrorKeys(compileCached(compilable(program)))
  const after = compileAny(compilable(withWire(program, { from, to })), logicLibrary())
  for (const d of after.diagnostics) {
    if (d.code !== 'E_FB_TYPE_MISMATCH' || d.severity !== 'error') continue
    const k = `${d.path ?? ''}|${d.message}`
    const n = before.get(k) ?? 0
    if (n > 0) {
      before.set(k, n - 1)
      continue
    }
    return { ok: false, code: 'E_FB_TYPE_MISMATCH', message: d.message }
  }
  return { ok: true }
}
