import type { Diagnostic } from '../../errors.js'
import { compileSt, createStInstance, type StInstance, type StInstanceOptions } from '../index.js'

/** Errors and warnings reduced to what tests compare. */
export interface Problem {
  code: string
  line: number
  column: number
  message: string
  severity: 'error' | 'warning'
}

export function problems(src: string): Problem[] {
  return compileSt(src).diagnostics.map((d: Diagnostic) => ({
    code: d.code, line: d.line!, column: d.column!, message: d.message, severity: d.severity,
  }))
}

export function errors(src: string): Problem[] {
  return problems(src).filter((p) => p.severity === 'error')
}

/** A PROGRAM `T` with the given declarations (inside VAR ... END_VAR) and body. */
export function prog(vars: string, body: string, extra = ''): string {
  return `${extra ? `${extra}\n` : ''}PROGRAM T\nVAR\n${vars}\nEND_VAR\n${body}\nEND_PROGRAM\n`
}

/** Compiles (failing on errors) and instantiates the POU named `name` (default: the first PROGRAM). */
export function instance(src: string, name?: string, options?: StInstanceOptions): StInstance {
  const r = compileSt(src)
  const errs = r.diagnostics.filter((d) => d.severity === 'error')
  if (errs.length) throw new Error(`unexpected errors:\n${errs.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('\n')}`)
  const pou = r.pous.find((p) => (name ? p.name.toUpperCase() === name.toUpperCase() : p.kind === 'PROGRAM'))
  if (!pou) throw new Error(`no POU ${name ?? 'PROGRAM'}`)
  return createStInstance(pou, options)
}

/** Runs a program body once and returns the instance for reading variables. */
export function once(vars: string, body: string, extra = ''): StInstance {
  const inst = instance(prog(vars, body, extra))
  if (!inst.scan(0)) throw new Error(`fault: ${inst.fault?.message}`)
  return inst
}
