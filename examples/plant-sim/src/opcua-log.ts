/**
 * node-opcua prints its warnings and errors with console.log through global loggers. Route them to the loggers of
 * whoever runs node-opcua in this process instead. The sink set lives on globalThis under a shared symbol, so the
 * runtime's OPC UA driver (runtime/src/drivers/opcua/log.ts, the same hook) and the simulator feed the same sinks
 * when they share a process: whichever installs last, every sink gets every message.
 */
import { setErrorLogger, setWarningLogger } from 'node-opcua'

export type OpcuaLogSink = (level: 'warn' | 'error', msg: string) => void

const KEY = Symbol.for('takt.opcua.logSinks')
type Holder = { [KEY]?: Set<OpcuaLogSink> }

function sinks(): Set<OpcuaLogSink> {
  const g = globalThis as Holder
  return (g[KEY] ??= new Set())
}

function format(args: unknown[]): string {
  // The first argument is node-opcua's caller context ({ filename, callerline }); the rest is the message.
  const [ctx, ...rest] = args
  const where = ctx && typeof ctx === 'object' && 'filename' in ctx ? `[${String((ctx as { filename: unknown }).filename)}] ` : ''
  // eslint-disable-next-line no-control-regex -- node-opcua colours its messages with ANSI escapes
  const text = rest.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : String(a))).join(' ').replace(/\u001b\[[0-9;]*m/g, '')
  return where + text.trim()
}

/** node-opcua repeats the same lines on every reconnect attempt (e.g. an untrusted certificate): say them once a minute. */
const REPEAT_MS = 60_000
const recent = new Map<string, number>()
function isRepeat(msg: string): boolean {
  const key = msg.slice(0, 160)
  const now = Date.now()
  const last = recent.get(key)
  if (last !== undefined && now - last < REPEAT_MS) return true
  if (recent.size > 1000) recent.clear()
  recent.set(key, now)
  return false
}

let installed = false
function install(): void {
  if (installed) return
  installed = true
  const forward = (level: 'warn' | 'error') => (...args: unknown[]) => {
    const msg = format(args)
    // node-opcua's import-time self test complains about RSA PKCS#1 v1.5 on Node 20; only Basic128Rsa15 needs it,
    // and neither side of Takt offers that policy.
    if (msg.startsWith('[verify_pcks1]') || isRepeat(msg)) return
    for (const s of sinks()) s(level, msg)
  }
  setWarningLogger(forward('warn'))
  setErrorLogger(forward('error'))
}

/** Send node-opcua's warnings and errors to `sink` until the returned remover is called. */
export function routeOpcuaLogs(sink: OpcuaLogSink): () => void {
  install()
  sinks().add(sink)
  return () => {
    sinks().delete(sink)
  }
}

// Silence node-opcua's console output from the moment this module loads (its import-time self test warns on Node 20).
install()
