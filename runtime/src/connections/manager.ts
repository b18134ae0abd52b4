/**
 * Connections: one driver per site connection the APP uses. Routes device values into the tag database
 * (with scaling), marks a connection's tags bad while it is down, and performs device writes.
 */
import { Status, TaktError, type CertificateInfo, type TagScalar } from '@takt/blocks'
import type {
  BrowseNode, CertificateCapability, ConnectionConfig, ConnectionState, DriverValue, FullDriver, Logger, WriteResult,
} from '../drivers/types.js'
import { driverFactory } from '../drivers/registry.js'
import type { TagDb } from '../tags/tagdb.js'
import { toEng, toRaw } from '../tags/coerce.js'

interface Conn { name: string; driver: FullDriver; tagIds: number[]; state: ConnectionState }

export interface ConnectionInfo { name: string; kind: string; state: ConnectionState; tags: number }

export class ConnectionManager {
  private readonly conns = new Map<string, Conn>()

  constructor(
    private readonly db: TagDb,
    private readonly site: Record<string, ConnectionConfig>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Create drivers for every connection referenced by a tag, start them and subscribe their tags in one batch each. */
  async start(): Promise<void> {
    const byConn = new Map<string, number[]>()
    for (const t of this.db.tags) {
      const s = t.def.source
      if (s.kind !== 'connection') continue
      byConn.set(s.connection, [...(byConn.get(s.connection) ?? []), t.id])
    }
    for (const [name, ids] of byConn) {
      const cfg = this.site[name]
      if (!cfg) {
        this.db.setStatus(ids, Status.BadConfigurationError, this.now())
        continue
      }
      const conn: Conn = { name, tagIds: ids, state: 'connecting', driver: undefined as unknown as FullDriver }
      conn.driver = (await driverFactory(cfg.kind))(name, cfg, {
        log: this.log,
        onValues: (values) => this.onValues(values),
        onState: (state, detail) => this.onState(conn, state, detail),
      })
      this.conns.set(name, conn)
    }
    this.db.commit()
    await Promise.all([...this.conns.values()].map(async (c) => {
      await c.driver.start()
      const items = c.tagIds.map((id) => {
        const def = this.db.byId(id)!.def
        const s = def.source as { address: string; samplingMs?: number }
        return { handle: id, address: s.address, dataType: def.dataType, ...(s.samplingMs !== undefined ? { samplingMs: s.samplingMs } : {}) }
      })
      const results = await c.driver.subscribe(items)
      const refused = results.filter((r) => !r.ok)
      for (const r of refused) this.db.set(r.handle, this.db.byId(r.handle)?.value ?? null, r.status, this.now())
      if (refused.length) this.log.warn('items refused by the device', { connection: c.name, count: refused.length, first: this.db.byId(refused[0]!.handle)?.path, status: refused[0]!.status })
      this.db.commit()
    }))
  }

  async stop(): Promise<void> {
    await Promise.all([...this.conns.values()].map((c) => c.driver.stop()))
    this.conns.clear()
  }

  info(): ConnectionInfo[] {
    return [...this.conns.values()].map((c) => ({ name: c.name, kind: c.driver.kind, state: c.state, tags: c.tagIds.length }))
  }

  /** Browse a connection's address space (for creating tags from the studio). */
  async browse(name: string, address: string | undefined): Promise<BrowseNode[]> {
    const c = this.conns.get(name)
    if (!c) throw new TaktError('E_REFERENCE', `no connection "${name}" in use by this APP`)
    if (!c.driver.browse) throw new TaktError('E_FORBIDDEN', `connection "${name}" (${c.driver.kind}) cannot browse`)
    if (c.state !== 'connected') throw new TaktError('E_NOT_CONNECTED', `connection ${name} is ${c.state}`)
    return c.driver.browse(address)
  }

  /** Server certificates a connection has seen (secure protocols): trusted, and rejected ones waiting for a decision. */
  certificates(name: string): Promise<CertificateInfo[]> {
    return this.certificateDriver(name).listCertificates()
  }

  /** Trust a server certificate of a connection; the driver reconnects with it by itself. */
  trust(name: string, thumbprint: string): Promise<void> {
    return this.certificateDriver(name).trustCertificate(thumbprint)
  }

  /** Reject a server certificate of a connection; a connection that uses it is dropped. */
  reject(name: string, thumbprint: string): Promise<void> {
    return this.certificateDriver(name).rejectCertificate(thumbprint)
  }

  private certificateDriver(name: string): CertificateCapability {
    const c = this.conns.get(name)
    if (!c) throw new TaktError('E_REFERENCE', `no connection "${name}" in use by this APP`)
    const d = c.driver
    if (!d.listCertificates || !d.trustCertificate || !d.rejectCertificate) throw new TaktError('E_FORBIDDEN', `connection "${name}" (${d.kind}) has no certificates to manage`)
    return d as FullDriver & CertificateCapability
  }

  /** Write an engineering value to the device behind a connection tag (scaled back to raw units). */
  async write(tagId: number, value: TagScalar): Promise<WriteResult> {
    const t = this.db.byId(tagId)
    if (!t || t.def.source.kind !== 'connection') return { ok: false, status: Status.BadConfigurationError, message: 'not a device tag' }
    const c = this.conns.get(t.def.source.connection)
    if (!c) return { ok: false, status: Status.BadConfigurationError, message: `connection ${t.def.source.connection} is not configured` }
    if (c.state !== 'connected') return { ok: false, status: Status.BadNotConnected, message: `connection ${c.name} is ${c.state}` }
    const raw = typeof value === 'number' && t.def.scaling ? toRaw(value, t.def.scaling) : value
    return c.driver.write(t.def.source.address, raw, t.def.dataType)
  }

  private onValues(values: DriverValue[]): void {
    for (const v of values) {
      const t = this.db.byId(v.handle)
      if (!t) continue
      const val = typeof v.value === 'number' && t.def.scaling ? toEng(v.value, t.def.scaling) : v.value
      this.db.set(v.handle, val, v.status, v.sourceTime)
    }
    this.db.commit()
  }

  private onState(c: Conn, state: ConnectionState, detail?: string): void {
    const was = c.state
    c.state = state
    if (state !== was) this.log.info('connection state', { connection: c.name, state, ...(detail ? { detail } : {}) })
    // Only a lost or failed connection makes values bad. 'connecting' at start leaves them waiting for initial data,
    // and 'stopped' (shutdown, or a deploy handing over to the next engine) must not raise bad-quality alarms.
    if (state === 'disconnected') {
      this.db.setStatus(c.tagIds, Status.BadNotConnected, this.now())
      this.db.commit()
    }
  }
}
