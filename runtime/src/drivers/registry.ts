/** Driver registry (STYLE.md 8): connection kind -> factory. Adding a protocol = one folder + one line here. */
import { TaktError } from '@takt/blocks'
import type { DriverFactory } from './types.js'
import { createOpcuaDriver } from './opcua/index.js'

const factories = new Map<string, DriverFactory>([['opcua', createOpcuaDriver]])

export function registerDriver(kind: string, factory: DriverFactory): void {
  factories.set(kind, factory)
}

export function driverFactory(kind: string): DriverFactory {
  const f = factories.get(kind)
  if (!f) throw new TaktError('E_SITE', `no driver for connection kind "${kind}" (known: ${[...factories.keys()].join(', ')})`)
  return f
}

export function driverKinds(): string[] {
  return [...factories.keys()]
}
