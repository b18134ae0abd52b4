/**
 * Driver registry (STYLE.md 8): connection kind -> factory. Adding a protocol = one folder + one line here.
 * Factories load on first use, so commands that never connect (validate, hash-password) do not pay for a
 * protocol stack (node-opcua alone takes ~1 s to import).
 */
import { TaktError } from '@takt/blocks'
import type { DriverFactory } from './types.js'

type Loader = () => Promise<DriverFactory>

const loaders = new Map<string, Loader>([
  ['opcua', async () => (await import('./opcua/index.js')).createOpcuaDriver],
])

export function registerDriver(kind: string, factory: DriverFactory): void {
  loaders.set(kind, async () => factory)
}

export async function driverFactory(kind: string): Promise<DriverFactory> {
  const load = loaders.get(kind)
  if (!load) throw new TaktError('E_SITE', `no driver for connection kind "${kind}" (known: ${[...loaders.keys()].join(', ')})`)
  return load()
}

export function driverKinds(): string[] {
  return [...loaders.keys()]
}
