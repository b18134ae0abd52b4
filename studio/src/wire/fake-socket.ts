/** Test helpers: a fake runtime end of the WebSocket that records what the client sent and replies by hand. */
import { vi } from 'vitest'
import type { ClientMessage, ServerMessage } from '@takt/blocks'
import { TaktClient } from './client'
import type { SocketLike } from './socket'

export class FakeSocket implements SocketLike {
  readyState = 0
  sent: ClientMessage[] = []
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  send(data: string): void { this.sent.push(JSON.parse(data) as ClientMessage) }
  close(): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.onclose?.({})
  }
  reply(msg: ServerMessage): void { this.onmessage?.({ data: JSON.stringify(msg) }) }
  all<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter((x) => x.type === type) as Extract<ClientMessage, { type: T }>[]
  }
  last<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }> {
    const m = this.all(type).pop()
    if (!m) throw new Error(`nothing of type ${type} sent`)
    return m
  }
}

/** A client on fake sockets; `handshake` opens the newest socket and answers hello (no login needed). */
export function fakeClient() {
  const sockets: FakeSocket[] = []
  const client = new TaktClient({
    url: 'ws://test/ws',
    socketFactory: () => { const s = new FakeSocket(); sockets.push(s); return s },
    requestTimeoutMs: 1000,
    heartbeatMs: 0,
    reconnectInitialMs: 10,
    reconnectMaxMs: 10,
  })
  const sock = () => sockets[sockets.length - 1]!
  async function handshake(): Promise<void> {
    sock().open()
    sock().reply({ type: 'welcome', id: sock().last('hello').id, protocol: 1, server: 'fake', version: '0', authRequired: false })
    await vi.advanceTimersByTimeAsync(0)
  }
  return { client, sockets, sock, handshake }
}
