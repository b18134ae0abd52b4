/** A protocol-speaking test client: request/reply by id, collected updates, bounded waits. */
import WebSocket from 'ws'
import { readFileSync } from 'node:fs'
import type { ServerMessage, TagScalar, UpdatesMsg } from '@takt/blocks'

export interface Seen { value: TagScalar; status: number; sourceTime: number; receivedAt: number }

export class TestClient {
  private nextId = 1
  private readonly pending = new Map<number, (m: ServerMessage) => void>()
  readonly unsolicited: ServerMessage[] = []
  /** handle -> latest value */
  readonly latest = new Map<number, Seen>()
  /** path -> handle, from subscribe replies */
  readonly handles = new Map<string, number>()
  updateRows = 0
  private waiters: (() => void)[] = []

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage
      if (m.type === 'updates') return this.onUpdates(m)
      const id = 'id' in m ? m.id : null
      const cb = id !== null ? this.pending.get(id) : undefined
      if (cb && id !== null) {
        this.pending.delete(id)
        cb(m)
      } else this.unsolicited.push(m)
    })
  }

  /** `ca`: a PEM file to trust (a site's self-signed TLS certificate). */
  static async connect(url: string, opts: { hello?: boolean; ca?: string } = {}): Promise<TestClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/?$/, '/ws'), opts.ca ? { ca: readFileSync(opts.ca) } : {})
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const c = new TestClient(ws)
    if (opts.hello !== false) {
      const w = await c.request({ type: 'hello', protocol: 1 })
      if (w.type !== 'welcome') throw new Error(`hello failed: ${JSON.stringify(w)}`)
    }
    return c
  }

  /** Send a request object (id added) and wait for its reply. */
  request(msg: Record<string, unknown>, timeoutMs = 10_000): Promise<ServerMessage> {
    const id = this.nextId++
    return this.raw(JSON.stringify({ ...msg, id }), id, timeoutMs)
  }

  /** Send raw text and wait for the reply with `id` (null: the next unsolicited error). */
  raw(text: string, id: number | null, timeoutMs = 10_000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${text.slice(0, 80)} within ${timeoutMs} ms`)), timeoutMs)
      const done = (m: ServerMessage) => {
        clearTimeout(timer)
        resolve(m)
      }
      if (id !== null) this.pending.set(id, done)
      else {
        const before = this.unsolicited.length
        const poll = setInterval(() => {
          if (this.unsolicited.length > before) {
            clearInterval(poll)
            done(this.unsolicited[before]!)
          }
        }, 5)
      }
      this.ws.send(text)
    })
  }

  async login(user: string, password: string): Promise<ServerMessage> {
    return this.request({ type: 'login', user, password })
  }

  async subscribe(sub: string, tags: string[]): Promise<ServerMessage> {
    const r = await this.request({ type: 'subscribe', sub, tags })
    if (r.type === 'subscribed') tags.forEach((t, i) => r.handles[i]! >= 0 && this.handles.set(t, r.handles[i]!))
    return r
  }

  value(path: string): Seen | undefined {
    const h = this.handles.get(path)
    return h === undefined ? undefined : this.latest.get(h)
  }

  /** Wait until `pred` holds (checked on every update batch and every 50 ms), or fail after `timeoutMs`. */
  async until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50)
        this.waiters.push(() => {
          clearTimeout(t)
          r()
        })
      })
    }
  }

  close(): void {
    this.ws.close()
  }

  private onUpdates(m: UpdatesMsg): void {
    const now = Date.now()
    for (const [h, value, status, sourceTime] of m.u) this.latest.set(h, { value, status, sourceTime, receivedAt: now })
    this.updateRows += m.u.length
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }
}
