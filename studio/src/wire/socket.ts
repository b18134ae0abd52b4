/**
 * The part of a WebSocket the client uses. Tests pass a fake object; the browser passes `new WebSocket(url)`.
 */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}

export type SocketFactory = (url: string) => SocketLike

export const SOCKET_OPEN = 1

export const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike

/** `ws://host/ws` (or `wss:` on https) for the page's own origin. */
export function defaultWsUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`
}
