/**
 * The registered items of one connection and their OPC UA monitored items. Items are created in groups of up to
 * `batchSize` (one CreateMonitoredItems call each, never one by one). node-opcua keeps the groups alive across
 * reconnects: it transfers the subscription or, when the server lost it, recreates it with the same client handles.
 * Notifications of one publish response are collected and handed to the host in one `onValues` call.
 */
import { AttributeIds, ClientMonitoredItemGroup, TimestampsToReturn } from 'node-opcua'
import type { ClientSession, ClientSubscription, DataValue, NodeId } from 'node-opcua'
import type { DataType } from '@takt/blocks'
import type { DriverHost, DriverValue } from '../types.js'
import { BadWaitingForInitialData, toDriverValue } from './convert.js'

export interface Item {
  handle: number
  address: string
  dataType: DataType
  samplingMs: number
  nodeId: NodeId
  /** The group that holds its monitored item; undefined while it has none on the server. */
  group?: GroupRec
  /** Result of the last CreateMonitoredItems for it (BadWaitingForInitialData before any). */
  status: number
  message?: string
  /** Epoch of the last notification, to tell which items a refresh after reconnect must fill in. */
  stamp: number
}

interface GroupRec {
  group: ClientMonitoredItemGroup
  handles: number[]
}

const isGood = (status: number) => status >>> 30 === 0

export class MonitorSet {
  readonly items = new Map<number, Item>()
  private readonly groups = new Set<GroupRec>()
  /** Groups whose items were unsubscribed while no session could delete them. */
  private readonly orphans = new Set<GroupRec>()
  private pending: DriverValue[] = []
  private flushQueued = false
  private epoch = 0
  closed = false

  constructor(private readonly host: DriverHost, private readonly timeoutMs: number) {}

  /** A new connection epoch: values seen from now on count as fresh. */
  newEpoch(): void {
    this.epoch++
  }

  push(v: DriverValue): void {
    this.pending.push(v)
    if (!this.flushQueued) {
      this.flushQueued = true
      // setImmediate, not a microtask: all notifications of a publish response (and any replayed early values,
      // which node-opcua delivers one setImmediate each) land in the same batch.
      setImmediate(() => this.flush())
    }
  }

  private flush(): void {
    this.flushQueued = false
    const batch = this.pending
    this.pending = []
    if (!this.closed && batch.length > 0) this.host.onValues(batch)
  }

  /** Forget every server-side group (the subscription is gone); the items stay registered. */
  dropGroups(): void {
    for (const it of this.items.values()) it.group = undefined
    this.groups.clear()
    this.orphans.clear()
  }

  /** Remove items; the groups that held them are deleted on the server and their other items re-created later. */
  async remove(handles: number[], sub: ClientSubscription | undefined): Promise<void> {
    const touched = new Set<GroupRec>()
    for (const h of handles) {
      const it = this.items.get(h)
      if (!it) continue
      this.items.delete(h)
      if (it.group) touched.add(it.group)
    }
    for (const g of touched) {
      for (const h of g.handles) {
        const it = this.items.get(h)
        if (it?.group === g) it.group = undefined
      }
      this.groups.delete(g)
      this.orphans.add(g)
    }
    await this.deleteOrphans(sub)
  }

  private async deleteOrphans(sub: ClientSubscription | undefined): Promise<void> {
    if (!sub?.isActive) return
    for (const g of [...this.orphans]) {
      this.orphans.delete(g)
      g.group.removeAllListeners('changed')
      try {
        await g.group.terminate()
      } catch {
        // The server may already have dropped them (session lost); nothing else to clean up.
      }
    }
  }

  /** Create monitored items for every registered item that has none, in batches. Never throws. */
  async monitorMissing(sub: ClientSubscription, batchSize: number, isCurrent: () => boolean): Promise<void> {
    await this.deleteOrphans(sub)
    const bySampling = new Map<number, Item[]>()
    for (const it of this.items.values()) {
      if (it.group) continue
      const list = bySampling.get(it.samplingMs)
      if (list) list.push(it)
      else bySampling.set(it.samplingMs, [it])
    }
    for (const [samplingMs, list] of bySampling) {
      for (let i = 0; i < list.length; i += batchSize) {
        if (!isCurrent() || !sub.isActive) return
        await this.createGroup(sub, list.slice(i, i + batchSize), samplingMs)
      }
    }
  }

  private createGroup(sub: ClientSubscription, chunk: Item[], samplingMs: number): Promise<void> {
    const handles = chunk.map((it) => it.handle)
    let group: ClientMonitoredItemGroup
    try {
      group = ClientMonitoredItemGroup.create(
        sub,
        chunk.map((it) => ({ nodeId: it.nodeId, attributeId: AttributeIds.Value })),
        { samplingInterval: samplingMs, queueSize: 1, discardOldest: true },
        TimestampsToReturn.Both,
      )
    } catch (err) {
      this.markFailed(chunk, (err as Error).message)
      return Promise.resolve()
    }
    const rec: GroupRec = { group, handles }
    // Listen before the request goes out: node-opcua may deliver the first values in the same turn as the reply.
    group.on('changed', (_mi, dv: DataValue, index: number) => {
      const h = handles[index]
      if (h === undefined) return
      const it = this.items.get(h)
      if (!it || it.group !== rec) return
      it.stamp = this.epoch
      this.push(toDriverValue(h, dv, Date.now()))
    })
    return new Promise<void>((resolve) => {
      let done = false
      const finish = (err?: string) => {
        if (done) return
        done = true
        clearTimeout(timer)
        group.removeListener('initialized', onInit)
        group.removeListener('terminated', onTerminated)
        if (err !== undefined) {
          group.removeAllListeners('changed')
          this.markFailed(chunk, `CreateMonitoredItems failed: ${err}`)
        } else {
          this.groups.add(rec)
          this.applyResults(rec, chunk)
        }
        resolve()
      }
      const onInit = () => finish()
      const onTerminated = (e?: Error) => finish(e?.message ?? 'terminated')
      // node-opcua gives no event when the subscription dies before the request is sent.
      const timer = setTimeout(() => finish('timeout'), this.timeoutMs + 1000)
      group.once('initialized', onInit)
      group.once('terminated', onTerminated)
    })
  }

  private applyResults(rec: GroupRec, chunk: Item[]): void {
    const now = Date.now()
    rec.group.monitoredItems.forEach((mi, i) => {
      const it = chunk[i]
      if (!it || this.items.get(it.handle) !== it) return
      it.group = rec
      it.status = mi.statusCode.value >>> 0
      it.message = isGood(it.status) ? undefined : mi.statusCode.name
      // A refused item (unknown node, bad attribute) is reported bad at once; the host keeps it registered.
      if (!isGood(it.status)) this.push({ handle: it.handle, value: null, status: it.status, sourceTime: now })
    })
  }

  /** A request that failed as a whole is no refusal by the device: the items stay pending and are retried later. */
  private markFailed(chunk: Item[], message: string): void {
    for (const it of chunk) {
      it.status = BadWaitingForInitialData
      it.message = message
    }
  }

  /**
   * After a reconnect on which the server kept the session, unchanged values are not re-sent: read every item that
   * has not been notified since the connection came back and deliver the results.
   */
  async refresh(session: ClientSession, batchSize: number, isCurrent: () => boolean): Promise<void> {
    const todo = [...this.items.values()].filter((it) => it.group && isGood(it.status) && it.stamp !== this.epoch)
    for (let i = 0; i < todo.length; i += batchSize) {
      if (!isCurrent()) return
      const chunk = todo.slice(i, i + batchSize)
      const results = await session.read(chunk.map((it) => ({ nodeId: it.nodeId, attributeId: AttributeIds.Value })), 0)
      const now = Date.now()
      results.forEach((dv, k) => {
        const it = chunk[k]
        if (!it || this.items.get(it.handle) !== it || it.stamp === this.epoch) return
        this.push(toDriverValue(it.handle, dv, now))
      })
    }
  }

  /** Stop delivering; pending values are dropped. */
  close(): void {
    this.closed = true
    this.pending = []
    for (const g of this.groups) g.group.removeAllListeners('changed')
    for (const g of this.orphans) g.group.removeAllListeners('changed')
  }
}
