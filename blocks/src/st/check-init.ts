import type { Init } from './ast.js'
import { checkExpr } from './check-expr.js'
import { BAD, type Ctx, type Scope } from './ctx.js'
import { assignable, isString, typeName, type StType } from './types.js'

/**
 * Checks an initial value against the declared type: a constant expression for a scalar, `[...]` for an array
 * (`n(v)` repeats), `(member := v, ...)` for a STRUCT or an FB instance's inputs. Values are folded into the
 * expressions' `cv`, where the memory image builder reads them.
 */
export function checkInit(ctx: Ctx, init: Init, type: StType, scope: Scope): boolean {
  const constScope: Scope = { ...scope, constOnly: true }
  switch (init.k) {
    case 'expr': {
      const t = checkExpr(ctx, init.x, constScope)
      if (t === BAD) return false
      if (init.x.cv === undefined) {
        ctx.err('E_ST_TYPE', init.x, 'an initial value must be a constant expression')
        return false
      }
      if (type.kind === 'array' || type.kind === 'struct' || type.kind === 'fb') {
        ctx.err('E_ST_TYPE', init.x, `${typeName(type)} needs ${type.kind === 'array' ? '[...]' : '(member := value, ...)'} as initial value`)
        return false
      }
      if (!assignable(t, type, init.x.cv)) {
        ctx.err('E_ST_TYPE', init.x, `cannot initialise ${typeName(type)} with ${describeValue(t, init.x.cv)}`)
        return false
      }
      if (isString(type) && typeof init.x.cv === 'string' && type.kind === 'elem' && init.x.cv.length > type.maxLen) {
        ctx.warn('E_ST_TYPE', init.x, `string is longer than ${type.maxLen} characters and will be cut`)
      }
      return true
    }
    case 'array': {
      if (type.kind !== 'array') {
        ctx.err('E_ST_TYPE', init, `[...] initialises arrays, not ${typeName(type)}`)
        return false
      }
      let n = 0
      let ok = true
      for (const item of init.items) {
        let count = 1
        if (item.count) {
          const ct = checkExpr(ctx, item.count, constScope)
          if (ct === BAD || typeof item.count.cv !== 'number' || !Number.isInteger(item.count.cv) || item.count.cv < 0) {
            if (ct !== BAD) ctx.err('E_ST_TYPE', item.count, 'a repeat count must be a non-negative integer constant')
            ok = false
            continue
          }
          count = item.count.cv
        }
        if (item.value && !checkInit(ctx, item.value, type.elem, scope)) ok = false
        n += count
      }
      if (n > type.count) {
        ctx.err('E_ST_TYPE', init, `${n} initial values for an array of ${type.count} elements`)
        return false
      }
      return ok
    }
    case 'struct': {
      if (type.kind !== 'struct' && type.kind !== 'fb') {
        ctx.err('E_ST_TYPE', init, `(member := value) initialises STRUCT and FB instances, not ${typeName(type)}`)
        return false
      }
      let ok = true
      const seen = new Set<string>()
      for (const f of init.fields) {
        if (seen.has(f.name)) {
          ctx.err('E_DUPLICATE', f, `${f.raw} is initialised twice`)
          ok = false
          continue
        }
        seen.add(f.name)
        const member = type.kind === 'struct' ? type.fields.get(f.name) : type.members.get(f.name)
        const memberType = member?.type
        if (!member || !memberType) {
          ctx.err('E_ST_UNDECLARED', f, `${type.name} has no member ${f.raw}`)
          ok = false
          continue
        }
        if (type.kind === 'fb' && 'vk' in member && member.vk !== 'input' && member.vk !== 'var') {
          ctx.err('E_ST_TYPE', f, `only inputs and internal variables of ${type.name} take initial values`)
          ok = false
          continue
        }
        if (!checkInit(ctx, f.value, memberType, scope)) ok = false
      }
      return ok
    }
  }
}

function describeValue(t: StType, cv: number | string): string {
  if (typeof cv === 'string') return `'${cv.length > 20 ? `${cv.slice(0, 20)}...` : cv}'`
  return `${typeName(t)} ${cv}`
}
