/**
 * One browser tab's WebSocket session: its login, its subscription groups, and the set of tags changed since the
 * last flush. The dirty set holds tag ids only (never values): a slow client gets the latest value of each tag
 * when its socket drains, so its memory is bounded by the number of tags it subscribed, whatever the change rate.
 */
import type { WebSocket } from 'ws'
import type { ServerMessage, TagScalar, UpdateRow } from '@takt/blocks'
import type { Session } from '../auth/sessions.js'
import type { TagDb } from '../tags/tagdb.js'

export class ClientConnection {
  greeted = false
  session: Session | null = null
  /** Group name -> tag ids (a tag may sit in several groups; `refs` counts them). */
  readonly groups = new Map<string, number[]>()
  readonly refs = new Map<number, number>()
  private dirtyFlag: Uint8Array
  private dirty: number[] = []
  // Token bucket for the message rate limit.
  private tokens: number
  private lastRefill: number
  loginInFlight = false
  held = 0
  /** Online-monitored program pins per group: sampled at each flush, sent when changed. */
  readonly pins = new Map<string, Pin[]>()

  constructor(readonly ws: WebSocket, tagCount: number, private readonly ratePerSecond: number, readonly remote: string) {
    this.dirtyFlag = new Uint8Array(tagCount)
    this.tokens = ratePerSecond
    this.lastRefill = Date.now()
  }

  send(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg))
  }

  /** Consume one message token; false when the client exceeds its rate. */
  take(): boolean {
    const now = Date.now()
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.lastRefill) / 1000) * this.ratePerSecond)
    this.lastRefill = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  markDirty(id: number): void {
    if (this.dirtyFlag[id] === 0) {
      this.dirtyFlag[id] = 1
      this.dirty.push(id)
    }
  }

  /** The tag database was replaced (deploy): forget everything subscribed against the old one. */
  reset(tagCount: number): void {
    this.groups.clear()
    this.refs.clear()
    this.pins.clear()
    this.dirtyFlag = new Uint8Array(tagCount)
    this.dirty = []
  }

  get pendingCount(): number {
    return this.dirty.length
  }

  /** Send the pending changes as one `updates` message unless the socket is backed up (then hold them). */
  flush(db: TagDb, maxBuffered: number, now: number): number {
    if (this.dirty.length === 0 && this.pins.size === 0) return 0
    if (this.ws.bufferedAmount > maxBuffered) {
      this.held++
      return 0
    }
    const rows: UpdateRow[] = new Array(this.dirty.length)
    let n = 0
    for (const list of this.pins.values()) {
      for (const p of list) {
        const v = p.get()
        if (v === p.last) continue
        p.last = v
        rows[n++] = [p.handle, v, 0, now]
      }
    }
    for (const id of this.dirty) {
      this.dirtyFlag[id] = 0
      // Unsubscribed since it was marked: skip.
      if (!this.refs.has(id)) continue
      const t = db.tags[id]!
      rows[n++] = [id, t.value, t.status, t.sourceTime]
    }
    this.dirty = []
    rows.length = n
    if (n > 0) this.send({ type: 'updates', t: now, u: rows })
    return n
  }
}

export interface Pin { handle: number; get: () => TagScalar; last: TagScalar | undefined }
