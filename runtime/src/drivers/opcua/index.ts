/**
 * OPC UA client driver (kind `opcua`). `config.endpoint` is an `opc.tcp://host:port[/path]` URL; `config.options`
 * are described by {@link OpcuaOptions} (security mode/policy, user/password, publishing interval, batch size, ...).
 *
 * @example
 * const driver = createOpcuaDriver('plc1', { kind: 'opcua', endpoint: 'opc.tcp://127.0.0.1:4840' }, host)
 * await driver.start()
 * await driver.subscribe([{ handle: 1, address: 'ns=1;s=Tank1.Level', dataType: 'LREAL' }])
 */
import { TaktError } from '@takt/blocks'
import type { DriverFactory } from '../types.js'
import { OpcuaDriver } from './driver.js'
import { parseOptions } from './options.js'

export type { OpcuaOptions, SecurityMode, SecurityPolicyName } from './options.js'

export const createOpcuaDriver: DriverFactory = (name, config, host) => {
  if (!/^opc\.tcp:\/\/[^/\s]+/.test(config.endpoint)) {
    throw new TaktError('E_SITE', `connection ${name}: endpoint must be an opc.tcp:// URL, got "${config.endpoint}"`, { path: `connections.${name}.endpoint` })
  }
  let opts
  try {
    opts = parseOptions(config.options)
  } catch (err) {
    throw new TaktError('E_SITE', `connection ${name}: ${(err as Error).message}`, { path: `connections.${name}.options` })
  }
  return new OpcuaDriver(name, config, opts, host)
}
