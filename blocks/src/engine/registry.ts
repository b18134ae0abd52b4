import type { BlockDef } from './types.js'

/**
 * A set of block definitions keyed by type. The compiler looks types up here; the studio builds its palette from
 * `list()`. Extend a copy with `with(...)` rather than mutating the shared default library.
 */
export class BlockLibrary {
  private readonly byType = new Map<string, BlockDef>()

  constructor(defs: Iterable<BlockDef> = []) {
    for (const d of defs) this.register(d)
  }

  /** Adds a definition; a type may be registered once. */
  register(def: BlockDef): this {
    if (this.byType.has(def.type)) throw new Error(`block type ${def.type} is already registered`)
    checkDef(def)
    this.byType.set(def.type, def)
    return this
  }

  get(type: string): BlockDef | undefined {
    return this.byType.get(type)
  }

  /** All definitions in registration order (family by family). */
  list(): BlockDef[] {
    return [...this.byType.values()]
  }

  /** A new library holding this one's definitions plus `defs`. */
  with(...defs: BlockDef[]): BlockLibrary {
    return new BlockLibrary([...this.byType.values(), ...defs])
  }
}

// A malformed definition would corrupt slot layouts silently, so it fails loudly at registration.
function checkDef(def: BlockDef): void {
  const names = new Set<string>()
  for (const p of [...def.inputs, ...def.outputs]) {
    if (names.has(p.name)) throw new Error(`${def.type}: pin ${p.name} declared twice`)
    names.add(p.name)
  }
  if (def.initialState && def.initialState.length !== def.stateSize) {
    throw new Error(`${def.type}: initialState length differs from stateSize`)
  }
  const generic = new Set([...def.inputs, ...def.outputs].map((p) => p.type).filter((t) => t === 'ANY' || t === 'ANY_NUM'))
  if (generic.size > 1) throw new Error(`${def.type}: mixes ANY and ANY_NUM pins`)
  if (def.kernels?.compact && !def.inputs.some((p) => p.optional)) {
    throw new Error(`${def.type}: a compact kernel needs optional inputs`)
  }
  if (def.kernels?.compact && def.kernels.int) throw new Error(`${def.type}: compact and int kernels do not combine`)
}
