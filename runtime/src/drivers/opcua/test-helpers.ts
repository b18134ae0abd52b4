/** Test helpers: a recording DriverHost, a bounded waitFor, and a TCP proxy that can cut connections. */
import net from 'node:net'
import type { ConnectionState, DriverHost, DriverValue } from '../types.js'

export interface RecordingHost extends DriverHost {
  values: DriverValue[]
  batches: number
  states: { state: ConnectionState; detail?: string }[]
  logs: { level: string; msg: string }[]
  /** Latest value per handle. */
  last: Map<number, DriverValue>
}

export function recordingHost(): RecordingHost {
  const h: RecordingHost = {
    values: [],
    batches: 0,
    states: [],
    logs: [],
    last: new Map(),
    log: {
      info: (msg) => h.logs.push({ level: 'info', msg }),
      warn: (msg) => h.logs.push({ level: 'warn', msg }),
      error: (msg) => h.logs.push({ level: 'error', msg }),
    },
    onValues: (vs) => {
      if (vs.length === 0) throw new Error('onValues called with an empty batch')
      h.batches++
      for (const v of vs) {
        h.values.push(v)
        h.last.set(v.handle, v)
      }
    },
    onState: (state, detail) => h.states.push({ state, ...(detail ? { detail } : {}) }),
  }
  return h
}

/** Poll `pred` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(pred: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A TCP proxy on 127.0.0.1 in front of `targetPort`; `cut()` drops every connection (the server keeps its sessions). */
export async function tcpProxy(targetPort: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((down) => {
    const up = net.connect(targetPort, '127.0.0.1')
    for (const s of [down, up]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    down.pipe(up)
    up.pipe(down)
    down.on('close', () => up.destroy())
    up.on('close', () => down.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address() as net.AddressInfo
  return {
    port: addr.port,
    cut: () => {
      for (const s of sockets) s.destroy()
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    }),
  }
}
