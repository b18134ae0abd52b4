import type { Expr, PouDecl, TypeRef, Unit, VarDecl } from './ast.js'
import { checkExpr } from './check-expr.js'
import { checkInit } from './check-init.js'
import { BAD, MAX_MEMORY, MAX_TYPE_DEPTH, STD_FUNCTION_NAMES, type Ctx, type Scope } from './ctx.js'
import { FB_HIDDEN, sectionKind, type PouInfo, type Sym } from './symbols.js'
import {
  arrayName, assignable, ELEM_ALIASES, isInt, MAX_STRING, T,
  type Dim, type EnumType, type Field, type StType, type StructType,
} from './types.js'

/** Registers TYPE declarations and POUs by name, reporting duplicates and clashes with built-in names. */
export function declareUnit(ctx: Ctx, unit: Unit): void {
  for (const d of unit.types) {
    if (ELEM_ALIASES.has(d.name) || ctx.types.has(d.name) || ctx.libFb(d.name)) {
      ctx.err('E_DUPLICATE', d, `type ${d.raw} is already defined`)
      continue
    }
    ctx.types.set(d.name, { decl: d, resolving: false })
  }
  for (const d of unit.pous) {
    const clash = ctx.pous.has(d.name) || ctx.types.has(d.name) || ELEM_ALIASES.has(d.name)
    const builtin = STD_FUNCTION_NAMES.has(d.name) || ctx.libFb(d.name) || /_TO_|^TO_/.test(d.name)
    if (clash || builtin) {
      ctx.err('E_DUPLICATE', { p: d.np, e: d.ne }, builtin ? `${d.raw} is a standard function or block name` : `${d.raw} is already defined`)
      continue
    }
    ctx.pous.set(d.name, newPou(d))
  }
  // Enumerations first: their values may appear in any declaration.
  for (const [, entry] of ctx.types) if (entry.decl.type.k === 'enum') resolveNamed(ctx, entry.decl.name, entry.decl)
  // Then every other type, so errors in types nobody uses yet are reported too.
  for (const [, entry] of ctx.types) if (!entry.type && !entry.failed) resolveNamed(ctx, entry.decl.name, entry.decl)
}

function newPou(d: PouDecl): PouInfo {
  return {
    decl: d, kind: d.kind, name: d.name, raw: d.raw, vars: new Map(), order: [], params: [],
    size: 0, ssize: 0, entryOff: 0, uses: new Set(), laidOut: false, layingOut: false,
  }
}

const EMPTY_SCOPE: Scope = { vars: new Map(), pou: null, constOnly: true }

/** Evaluates a constant integer (array bound, string length); null after reporting an error. */
function constInt(ctx: Ctx, x: Expr, scope: Scope): number | null {
  const t = checkExpr(ctx, x, scope)
  if (t === BAD) return null
  if (!isInt(t) || typeof x.cv !== 'number') {
    ctx.err('E_ST_TYPE', x, 'expected a constant integer')
    return null
  }
  return x.cv
}

function guarded<R>(ctx: Ctx, at: { p: number; e: number }, fn: () => R | null): R | null {
  if (ctx.depth >= MAX_TYPE_DEPTH) {
    ctx.err('E_ST_LIMIT', at, `types nested deeper than ${MAX_TYPE_DEPTH} levels`)
    return null
  }
  ctx.depth++
  try {
    return fn()
  } finally {
    ctx.depth--
  }
}

/** Resolves a type reference; null after reporting. `scope` supplies constants for array bounds. */
export function resolveType(ctx: Ctx, ref: TypeRef, scope: Scope): StType | null {
  return guarded(ctx, ref, () => {
    switch (ref.k) {
      case 'named': return resolveNamedRef(ctx, ref, scope)
      case 'array': return resolveArray(ctx, ref, scope)
      case 'struct':
      case 'enum':
        ctx.err('E_UNSUPPORTED', ref, 'declare STRUCT and enumerated types in a TYPE block')
        return null
    }
  })
}

function resolveNamedRef(ctx: Ctx, ref: TypeRef & { k: 'named' }, scope: Scope): StType | null {
  const elem = ELEM_ALIASES.get(ref.name)
  if (elem) {
    if (ref.len === undefined) return elem
    const n = constInt(ctx, ref.len, scope)
    if (n === null) return null
    if (n < 1 || n > MAX_STRING) {
      ctx.err('E_ST_TYPE', ref.len, `string length must be 1..${MAX_STRING}`)
      return null
    }
    return { ...T.STRING, maxLen: n }
  }
  if (ctx.types.has(ref.name)) return resolveNamed(ctx, ref.name, ref)
  const pou = ctx.pous.get(ref.name)
  if (pou) {
    if (pou.kind !== 'FUNCTION_BLOCK') {
      ctx.err('E_ST_TYPE', ref, `${pou.raw} is a ${pou.kind}, not a type`)
      return null
    }
    layoutPou(ctx, pou)
    return pou.fb ?? null
  }
  const lib = ctx.libFb(ref.name)
  if (lib) return lib
  if (['DATE', 'TIME_OF_DAY', 'TOD', 'DATE_AND_TIME', 'DT', 'LDATE', 'LTOD', 'LDT', 'CHAR', 'WCHAR'].includes(ref.name)) {
    ctx.err('E_UNSUPPORTED', ref, `type ${ref.raw} is not supported`)
  } else {
    ctx.err('E_ST_UNDECLARED', ref, `unknown type ${ref.raw}`)
  }
  return null
}

function resolveArray(ctx: Ctx, ref: TypeRef & { k: 'array' }, scope: Scope): StType | null {
  const bounds: { lo: number; hi: number }[] = []
  for (const d of ref.dims) {
    const lo = constInt(ctx, d.lo, scope)
    const hi = constInt(ctx, d.hi, scope)
    if (lo === null || hi === null) return null
    if (hi < lo) {
      ctx.err('E_ST_TYPE', d.hi, `upper bound ${hi} is below lower bound ${lo}`)
      return null
    }
    bounds.push({ lo, hi })
  }
  if (bounds.length > 3) {
    ctx.err('E_UNSUPPORTED', ref, 'arrays have at most 3 dimensions')
    return null
  }
  const elem = resolveType(ctx, ref.of, scope)
  if (!elem) return null
  if (elem.kind === 'array') {
    ctx.err('E_UNSUPPORTED', ref.of, 'write ARRAY[a..b, c..d] OF T instead of an array of arrays')
    return null
  }
  const dims: Dim[] = []
  let stride = elem.size
  let sstride = elem.ssize
  let count = 1
  for (let i = bounds.length - 1; i >= 0; i--) {
    const { lo, hi } = bounds[i]!
    const len = hi - lo + 1
    dims.unshift({ lo, hi, len, stride, sstride })
    stride *= len
    sstride *= len
    count *= len
  }
  if (stride > MAX_MEMORY || sstride > MAX_MEMORY || count > MAX_MEMORY) {
    ctx.err('E_ST_LIMIT', ref, `array of ${count} elements exceeds the memory limit`)
    return null
  }
  return { kind: 'array', name: arrayName(dims, elem), elem, dims, count, size: stride, ssize: sstride }
}

/** A user TYPE by name, resolved once; a type that refers to itself is reported. */
function resolveNamed(ctx: Ctx, name: string, at: { p: number; e: number }): StType | null {
  const entry = ctx.types.get(name)!
  if (entry.type) return entry.type
  if (entry.failed) return null
  if (entry.resolving) {
    ctx.err('E_ST_RECURSION', at, `type ${entry.decl.raw} contains itself`)
    return null
  }
  entry.resolving = true
  try {
    const d = entry.decl
    if (d.init && d.type.k !== 'enum') ctx.err('E_UNSUPPORTED', d.init, 'give initial values on the variables or STRUCT members, not on the TYPE')
    let t: StType | null
    if (d.type.k === 'struct') t = resolveStruct(ctx, d.raw, d.type.fields)
    else if (d.type.k === 'enum') t = resolveEnum(ctx, d.raw, d.type)
    else t = resolveType(ctx, d.type, EMPTY_SCOPE)
    if (t && t.kind === 'fb') {
      ctx.err('E_UNSUPPORTED', d.type, 'a TYPE cannot name a function block')
      t = null
    }
    if (t) entry.type = t
    else entry.failed = true
    return t
  } finally {
    entry.resolving = false
  }
}

function resolveStruct(ctx: Ctx, name: string, decls: VarDecl[]): StructType | null {
  const fields = new Map<string, Field>()
  const order: Field[] = []
  let size = 0
  let ssize = 0
  for (const f of decls) {
    const type = resolveType(ctx, f.type, EMPTY_SCOPE)
    if (!type) continue
    if (type.kind === 'fb') {
      ctx.err('E_UNSUPPORTED', f.type, 'function block instances cannot be STRUCT members')
      continue
    }
    if (fields.has(f.name)) {
      ctx.err('E_DUPLICATE', f, `member ${f.raw} is declared twice`)
      continue
    }
    if (f.init) checkInit(ctx, f.init, type, EMPTY_SCOPE)
    const field: Field = { name: f.name, raw: f.raw, type, off: size, soff: ssize, init: f.init }
    fields.set(f.name, field)
    order.push(field)
    size += type.size
    ssize += type.ssize
  }
  return { kind: 'struct', name, fields, order, size, ssize }
}

function resolveEnum(ctx: Ctx, name: string, ref: TypeRef & { k: 'enum' }): EnumType {
  const values = new Map<string, number>()
  const t: EnumType = { kind: 'enum', name, values, first: 0, size: 1, ssize: 0 }
  let next = 0
  ref.values.forEach((v, i) => {
    if (v.value) {
      const n = constInt(ctx, v.value, EMPTY_SCOPE)
      if (n !== null) next = n
    }
    if (values.has(v.name)) ctx.err('E_DUPLICATE', v, `value ${v.raw} appears twice in ${name}`)
    values.set(v.name, next)
    if (i === 0) t.first = next
    const list = ctx.enumValues.get(v.name) ?? []
    list.push({ type: t, value: next })
    ctx.enumValues.set(v.name, list)
    next++
  })
  return t
}

/**
 * Lays out a POU's frame: variables in declaration order, each at its offset; VAR_IN_OUT as two address cells.
 * Constants are folded here so later declarations (array bounds) can use them.
 */
export function layoutPou(ctx: Ctx, pou: PouInfo): void {
  if (pou.laidOut) return
  if (pou.layingOut) {
    ctx.err('E_ST_RECURSION', { p: pou.decl.np, e: pou.decl.ne }, `${pou.raw} contains an instance of itself`)
    return
  }
  pou.layingOut = true
  guarded(ctx, { p: pou.decl.np, e: pou.decl.ne }, () => {
    layoutVars(ctx, pou)
    return null
  })
  pou.layingOut = false
  pou.laidOut = true
}

function layoutVars(ctx: Ctx, pou: PouInfo): void {
  const d = pou.decl
  let off = d.kind === 'FUNCTION_BLOCK' ? FB_HIDDEN : 0
  let soff = 0
  const scope: Scope = { vars: pou.vars, pou, constOnly: true }
  const add = (s: Sym): void => {
    pou.vars.set(s.name, s)
    pou.order.push(s)
  }
  if (d.kind === 'FUNCTION') {
    const ret = d.ret ? resolveType(ctx, d.ret, scope) : null
    if (ret && ret.kind === 'fb') ctx.err('E_ST_TYPE', d.ret!, 'a FUNCTION cannot return a function block')
    else if (ret) {
      pou.ret = ret
      add({ name: d.name, raw: d.raw, type: ret, vk: 'return', constant: false, retain: false, decl: null, off, soff, used: true })
      off += ret.size
      soff += ret.ssize
    }
  }
  for (const v of d.vars) {
    if (pou.vars.has(v.name)) {
      ctx.err('E_DUPLICATE', v, `${v.raw} is declared twice in ${pou.raw}`)
      continue
    }
    const type = resolveType(ctx, v.type, scope)
    if (!type) continue
    const vk = sectionKind(v.section)
    if (!checkSection(ctx, pou, v, type)) continue
    const sym: Sym = { name: v.name, raw: v.raw, type, vk, constant: v.constant, retain: v.retain, decl: v, off, soff, used: false }
    if (vk === 'inout') {
      off += 2
    } else {
      off += type.size
      soff += type.ssize
    }
    if (v.init) {
      const ok = checkInit(ctx, v.init, type, scope)
      if (ok && v.constant && v.init.k === 'expr' && v.init.x.cv !== undefined && assignable(v.init.x.ty!, type, v.init.x.cv)) sym.cv = v.init.x.cv
    } else if (v.constant) {
      ctx.warn('E_ST_TYPE', v, `constant ${v.raw} has no value; it is ${type.kind === 'elem' && type.name === 'STRING' ? "''" : '0'}`)
      if (type.kind === 'elem') sym.cv = type.name === 'STRING' ? '' : 0
    }
    add(sym)
    if (vk === 'input' || vk === 'output' || vk === 'inout') pou.params.push(sym)
    if (type.kind === 'fb' && type.pou) pou.uses.add(type.pou)
    if (off > MAX_MEMORY || soff > MAX_MEMORY) {
      ctx.err('E_ST_LIMIT', v, `${pou.raw} needs more than ${MAX_MEMORY} memory slots`)
      return
    }
  }
  pou.size = off
  pou.ssize = soff
  if (d.kind === 'FUNCTION_BLOCK') {
    pou.entryOff = 0
    pou.fb = { kind: 'fb', name: d.raw, size: off, ssize: soff, members: pou.vars, pou }
  }
}

/** Section and qualifier rules; false when the variable is dropped after an error. */
function checkSection(ctx: Ctx, pou: PouInfo, v: VarDecl, type: StType): boolean {
  const vk = sectionKind(v.section)
  if (v.constant && (vk !== 'var' || type.kind === 'fb')) {
    ctx.err('E_ST_TYPE', v, type.kind === 'fb' ? 'a function block instance cannot be CONSTANT' : `CONSTANT applies to VAR sections only, not ${v.section}`)
    return false
  }
  if (v.retain && (vk === 'temp' || vk === 'inout' || pou.kind === 'FUNCTION')) {
    ctx.warn('E_ST_TYPE', v, `RETAIN has no effect on ${pou.kind === 'FUNCTION' ? 'FUNCTION variables' : v.section}`)
  }
  if (type.kind === 'fb' || (type.kind === 'array' && type.elem.kind === 'fb')) {
    if (pou.kind === 'FUNCTION') {
      ctx.err('E_ST_TYPE', v, 'a FUNCTION has no memory, so it cannot hold function block instances')
      return false
    }
    if (vk !== 'var') {
      ctx.err('E_UNSUPPORTED', v, `function block instances are declared in VAR, not ${v.section}`)
      return false
    }
    if (v.init && type.kind === 'array') {
      ctx.err('E_UNSUPPORTED', v.init, 'arrays of function blocks take no initial values')
      return false
    }
  }
  if (vk === 'inout' && v.init) ctx.err('E_ST_TYPE', v.init, 'VAR_IN_OUT takes no initial value')
  if (type.kind === 'void') return false
  return true
}
