/**
 * User writes: every check a write must pass, in order, each refusal with its stable code.
 * role -> tag access -> confirmation -> type -> range -> source (memory: set; device: driver write).
 */
import { roleAtLeast, Status, type ErrorCode, type Role, type TagScalar } from '@takt/blocks'
import type { TagDb } from './tagdb.js'
import { checkUserValue } from './coerce.js'

export type WriteOutcome = { ok: true; old: TagScalar } | { ok: false; code: ErrorCode; message: string }

export interface DeviceWriter {
  write(tagId: number, value: TagScalar): Promise<{ ok: boolean; status: number; message?: string }>
}

export class TagWriter {
  constructor(private readonly db: TagDb, private readonly device: DeviceWriter, private readonly now: () => number = Date.now) {}

  async write(role: Role, path: string, value: TagScalar, confirmed: boolean, reason?: string): Promise<WriteOutcome> {
    const t = this.db.get(path)
    if (!t) return { ok: false, code: 'E_UNKNOWN_TAG', message: `no tag ${path}` }
    const access = t.def.access
    if (!access?.write || t.def.source.kind === 'expression') return { ok: false, code: 'E_NOT_WRITABLE', message: `${path} is read-only` }
    if (role === 'viewer' || !roleAtLeast(role, access.write)) return { ok: false, code: 'E_FORBIDDEN', message: `writing ${path} needs role ${access.write}` }
    if ((access.confirm || access.critical) && !confirmed) return { ok: false, code: 'E_CONFIRM_REQUIRED', message: `${path} needs confirmation` }
    if (access.critical && !(reason && reason.trim().length > 0)) return { ok: false, code: 'E_REASON_REQUIRED', message: `${path} is critical: give a reason` }
    const checked = checkUserValue(value, t.def.dataType)
    if (!checked.ok) return { ok: false, code: 'E_TYPE_MISMATCH', message: `${path} is ${t.def.dataType}: ${checked.reason}` }
    const r = t.def.range
    if (r && typeof checked.value === 'number' && (checked.value < r.min || checked.value > r.max)) {
      return { ok: false, code: 'E_OUT_OF_RANGE', message: `${path} accepts ${r.min}..${r.max}` }
    }
    const old = t.value
    if (t.def.source.kind === 'memory') {
      this.db.set(t.id, checked.value, Status.Good, this.now())
      this.db.commit()
      return { ok: true, old }
    }
    const res = await this.device.write(t.id, checked.value)
    if (res.ok) return { ok: true, old }
    if (res.status === Status.BadNotConnected) return { ok: false, code: 'E_NOT_CONNECTED', message: res.message ?? 'connection is down' }
    return { ok: false, code: 'E_WRITE_FAILED', message: `${res.message ?? 'device refused the write'} (status 0x${(res.status >>> 0).toString(16).padStart(8, '0')})` }
  }
}
