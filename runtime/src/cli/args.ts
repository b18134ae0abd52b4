/** A small strict argument parser: unknown flags and missing values are usage errors (exit code 2). */
import { TaktError } from '@takt/blocks'

export interface FlagSpec { [name: string]: 'string' | 'number' | 'boolean' }
export interface ParsedArgs { positional: string[]; flags: Record<string, string | number | boolean> }

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const positional: string[] = []
  const flags: Record<string, string | number | boolean> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) {
      positional.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
    const inline = eq < 0 ? undefined : a.slice(eq + 1)
    const kind = spec[name]
    if (!kind) throw new TaktError('E_USAGE', `unknown option --${name}`)
    if (kind === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false'
      continue
    }
    const v = inline ?? argv[++i]
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new TaktError('E_USAGE', `--${name} needs a value`)
    if (kind === 'number') {
      const n = Number(v)
      if (v.trim() === '' || !Number.isFinite(n)) throw new TaktError('E_USAGE', `--${name} needs a number, got "${v}"`)
      flags[name] = n
    } else flags[name] = v
  }
  return { positional, flags }
}
