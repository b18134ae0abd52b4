/**
 * From `blocks/*.fb.json` files to block definitions. Each function block's network is checked once, against the
 * library it may use (standard blocks, the APP's Structured Text FUNCTION_BLOCKs, the FBD function blocks it
 * nests, FB_IN / FB_OUT), and kept checked in its BlockDef; the program compiler expands it inline per instance.
 * Function blocks that use each other in a circle are refused (E_FB_RECURSION): inlining them would never end.
 */
import type { Diagnostic, ErrorCode } from '../errors.js'
import { checkNetwork, layoutNetwork, type CompileResult } from '../engine/compile.js'
import type { CheckedNetwork } from '../engine/inline.js'
import type { Node } from '../engine/layout.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { BlockDef, LocalizedText, PinDef } from '../engine/types.js'
import { constantProblem } from '../engine/typesys.js'
import { defaultLibrary } from '../library/index.js'
import type { LocalText } from './common.js'
import { FB_BLOCK_SUFFIX, FB_IN, FB_OUT, fbBlockFile, type FbdBlockFile } from './fbd-blocks.js'
import { libraryWithSt } from './st-blocks.js'
import type { StUnit } from './st-unit.js'
import { jsonPath } from './validate-json.js'

/** A function block file as the loader hands it over. */
export interface FbBlockEntry { file: string; value: FbdBlockFile }

export interface FbdBlocksResult {
  /**
   * One definition per function block whose name and interface are sound, in file order. A block whose network
   * has errors is defined with `network: null`: programs see its pins, but do not compile while it is broken.
   */
  defs: BlockDef[]
  /** Problems, each with its file and JSON path. */
  diagnostics: Diagnostic[]
}

type Report = (code: ErrorCode, at: readonly PropertyKey[], message: string, severity?: Diagnostic['severity']) => void

function reporter(out: Diagnostic[], file: string): Report {
  return (code, at, message, severity = 'error') => { out.push({ code, severity, message, file, path: jsonPath(at) }) }
}

/**
 * The function blocks of `files` as block definitions, built against `library` (the standard blocks plus the
 * APP's Structured Text ones). Never throws.
 * @example
 * const { defs, diagnostics } = userBlocksFromFbd(app.fbBlocks.map((value) => ({ file: fbBlockFile(value.name), value })), lib)
 */
export function userBlocksFromFbd(files: readonly FbBlockEntry[], library: BlockLibrary): FbdBlocksResult {
  const diagnostics: Diagnostic[] = []
  const byName = new Map<string, FbBlockEntry>()
  for (const entry of files) {
    const { file, value } = entry
    const report = reporter(diagnostics, file)
    const stem = file.slice(file.lastIndexOf('/') + 1, file.endsWith(FB_BLOCK_SUFFIX) ? -FB_BLOCK_SUFFIX.length : undefined)
    if (value.name !== stem) report('E_SCHEMA', ['name'], `function block name "${value.name}" must match the file name "${stem}"`)
    const prior = byName.get(value.name)
    const taken = library.get(value.name)
    if (prior) report('E_DUPLICATE', ['name'], `function block ${value.name} is already defined in ${prior.file}`)
    else if (value.name === FB_IN.type || value.name === FB_OUT.type) report('E_DUPLICATE', ['name'], `${value.name} is a reserved block type`)
    else if (taken) report('E_DUPLICATE', ['name'], `${value.name} is already a ${taken.family === 'user' ? 'Structured Text FUNCTION_BLOCK' : 'library block'}; choose another name`)
    else byName.set(value.name, entry)
  }

  // Build in dependency order: a nested function block must be defined before the networks that use it.
  const uses = new Map<string, Map<string, number>>()
  const users = new Map<string, string[]>()
  const pending = new Map<string, number>()
  for (const [name, { value }] of byName) {
    const mine = new Map<string, number>()
    value.blocks.forEach((b, i) => { if (byName.has(b.type) && !mine.has(b.type)) mine.set(b.type, i) })
    uses.set(name, mine)
    pending.set(name, mine.size)
    for (const dep of mine.keys()) users.set(dep, [...(users.get(dep) ?? []), name])
  }
  const lib = library.with(FB_IN, FB_OUT)
  const built = new Map<string, BlockDef>()
  const ready = [...byName.keys()].filter((n) => pending.get(n) === 0)
  const finish = (name: string, def: BlockDef | null): void => {
    if (def) {
      built.set(name, def)
      lib.register(def)
    }
    pending.delete(name)
    for (const u of users.get(name) ?? []) {
      const left = pending.get(u)
      if (left === undefined) continue
      pending.set(u, left - 1)
      if (left === 1) ready.push(u)
    }
  }
  while (pending.size > 0) {
    const name = ready.shift()
    // A member of a circle becomes ready when the one before it is refused; it was refused with it.
    if (name !== undefined && !pending.has(name)) continue
    if (name !== undefined) {
      const { file, value } = byName.get(name)!
      const r = buildFbBlock(value, lib, file)
      diagnostics.push(...r.diagnostics)
      finish(name, r.def)
      continue
    }
    // Every block left waits for another one left, so walking first dependencies must close a circle.
    const path = [[...pending.keys()][0]!]
    for (;;) {
      const next = [...uses.get(path[path.length - 1]!)!.keys()].find((d) => pending.has(d))!
      const at = path.indexOf(next)
      if (at >= 0) {
        breakCycle(path.slice(at), byName, uses, diagnostics, finish)
        break
      }
      path.push(next)
    }
  }
  const defs = files.flatMap(({ value }) => {
    const def = built.get(value.name)
    return def && byName.get(value.name)?.value === value ? [def] : []
  })
  return { defs, diagnostics }
}

/** Reports a circle of function blocks using each other; each is defined broken, so its users say so too. */
function breakCycle(
  cycle: readonly string[], byName: ReadonlyMap<string, FbBlockEntry>, uses: ReadonlyMap<string, ReadonlyMap<string, number>>,
  out: Diagnostic[], finish: (name: string, def: BlockDef | null) => void,
): void {
  cycle.forEach((name, k) => {
    const { file, value } = byName.get(name)!
    const next = cycle[(k + 1) % cycle.length]!
    const chain = [...cycle.slice(k), ...cycle.slice(0, k), name].join(' -> ')
    const report = reporter(out, file)
    report('E_FB_RECURSION', ['blocks', uses.get(name)!.get(next)!, 'type'], cycle.length === 1
      ? `function block ${name} uses itself`
      : `function block ${name} uses itself through ${chain}`)
    const pins = interfacePins(value, () => undefined)
    finish(name, pins ? blockDef(value, file, pins, null) : null)
  })
}

/** Interface pins as block pins; null (reported) when two pins share a name or a default does not fit its type. */
function interfacePins(fb: FbdBlockFile, report: Report): { inputs: PinDef[]; outputs: PinDef[] } | null {
  let ok = true
  const seen = new Map<string, readonly PropertyKey[]>()
  const name = (at: readonly PropertyKey[], pin: string): void => {
    const prior = seen.get(pin)
    if (prior) {
      report('E_DUPLICATE', [...at, 'name'], `pin ${pin} is already declared at ${jsonPath(prior)}`)
      ok = false
    } else {
      seen.set(pin, at)
    }
  }
  const inputs = fb.interface.inputs.map((p, i): PinDef => {
    const at = ['interface', 'inputs', i]
    name(at, p.name)
    const problem = p.default === undefined ? null : constantProblem(p.default, p.type)
    if (problem) {
      report('E_FB_TYPE_MISMATCH', [...at, 'default'], `default of ${p.name}: ${problem}`)
      ok = false
    }
    const desc = localized(p.description)
    return { name: p.name, type: p.type, default: p.default ?? (p.type === 'BOOL' ? false : 0), ...(desc ? { description: desc } : {}) }
  })
  const outputs = fb.interface.outputs.map((p, i): PinDef => {
    name(['interface', 'outputs', i], p.name)
    const desc = localized(p.description)
    return { name: p.name, type: p.type, default: p.type === 'BOOL' ? false : 0, ...(desc ? { description: desc } : {}) }
  })
  return ok ? { inputs, outputs } : null
}

function localized(text: LocalText | undefined): LocalizedText | undefined {
  if (text === undefined) return undefined
  if (typeof text === 'string') return { en: text, 'zh-CN': text }
  const any = Object.values(text)[0] ?? ''
  return { en: text['en'] ?? any, 'zh-CN': text['zh-CN'] ?? text['en'] ?? any }
}

function blockDef(fb: FbdBlockFile, file: string, pins: { inputs: PinDef[]; outputs: PinDef[] }, network: CheckedNetwork | null): BlockDef {
  const own = localized(fb.description)
  return {
    type: fb.name,
    family: 'user',
    description: {
      en: own ? `${own.en} (${file})` : `User function block ${fb.name} (${file})`,
      'zh-CN': own ? `${own['zh-CN']}（${file}）` : `用户功能块 ${fb.name}（${file}）`,
    },
    inputs: pins.inputs,
    outputs: pins.outputs,
    stateSize: 0,
    kernel: null,
    network,
  }
}

interface Built { def: BlockDef | null; diagnostics: Diagnostic[]; result: CompileResult | null }

/** Checks one function block against `library`, which must hold FB_IN and FB_OUT. */
function buildFbBlock(fb: FbdBlockFile, library: BlockLibrary, file: string, withPlan = false): Built {
  const diagnostics: Diagnostic[] = []
  const report = reporter(diagnostics, file)
  const pins = interfacePins(fb, report)
  if (!pins) return { def: null, diagnostics, result: null }
  const checked = checkNetwork({ format: fb.format, name: fb.name, blocks: fb.blocks, wires: fb.wires }, library, { fb: pins })
  for (const d of checked.diagnostics) diagnostics.push({ ...d, file })
  const written = new Set(fb.blocks.flatMap((b) => (b.type === FB_OUT.type && typeof b.params?.['pin'] === 'string' ? [b.params['pin']] : [])))
  fb.interface.outputs.forEach((p, i) => {
    if (!written.has(p.name)) {
      report('E_REFERENCE', ['interface', 'outputs', i], `output ${p.name} is never written (no FB_OUT block with pin ${p.name}); it stays ${p.type === 'BOOL' ? 'FALSE' : '0'}`, 'warning')
    }
  })
  const ok = !diagnostics.some((d) => d.severity === 'error')
  const network: CheckedNetwork | null = ok ? { nodes: checked.nodes as Node[], edges: checked.edges, feedback: checked.feedback } : null
  const result = withPlan ? { plan: ok ? layoutNetwork(fb.name, checked).plan : null, diagnostics } : null
  return { def: blockDef(fb, file, pins, network), diagnostics, result }
}

/**
 * Compiles the network of one function block as the editor shows it: problems with JSON paths into its file
 * (interface and network), and a plan of the network alone for execution order. `library` is the APP's.
 */
export function compileFbBody(fb: FbdBlockFile, library: BlockLibrary, file: string = fbBlockFile(fb.name)): CompileResult {
  const lib = library.get(FB_IN.type) ? library : library.with(FB_IN, FB_OUT)
  const self: Diagnostic[] = []
  fb.blocks.forEach((b, i) => {
    if (b.type === fb.name) reporter(self, file)('E_FB_RECURSION', ['blocks', i, 'type'], `function block ${fb.name} uses itself`)
  })
  const r = buildFbBlock(fb, lib, file, self.length === 0)
  return { plan: r.result?.plan ?? null, diagnostics: [...self, ...r.diagnostics] }
}

/**
 * `base` plus the APP's user blocks: its Structured Text FUNCTION_BLOCKs and its FBD function blocks. What
 * programs compile against in the runtime, the test runner and the studio.
 * @example compileNetwork(program, libraryWithUserBlocks(stUnit, app.fbBlocks))
 */
export function libraryWithUserBlocks(
  st: StUnit | null | undefined, fbBlocks: readonly FbdBlockFile[] | undefined, base: BlockLibrary = defaultLibrary,
): BlockLibrary {
  const lib = libraryWithSt(st, base)
  if (!fbBlocks?.length) return lib
  const { defs } = userBlocksFromFbd(fbBlocks.map((value) => ({ file: fbBlockFile(value.name), value })), lib)
  return defs.length ? lib.with(...defs) : lib
}
