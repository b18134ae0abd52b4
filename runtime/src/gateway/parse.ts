/**
 * Parse and validate one client message. Never throws: every bad input maps to a stable error code.
 * Hand-written checks (not a schema library) because this runs for every message on the hot path.
 */
import { CLIENT_MESSAGE_TYPES, type ClientMessage, type ErrorCode } from '@takt/blocks'

export type Parsed = { ok: true; msg: ClientMessage } | { ok: false; id: number | null; code: ErrorCode; message: string }

const TYPES = new Set<string>(CLIENT_MESSAGE_TYPES)
const ROLES = new Set(['viewer', 'operator', 'engineer', 'admin'])
const isScalar = (v: unknown) => v === null || typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
const str = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max
/** SHA-1 thumbprint in hex, as OPC UA tools show it (any case). */
const THUMBPRINT = /^[0-9A-F]{40}$/i

export function parseClientMessage(text: string, maxBytes: number): Parsed {
  // Byte length bound first: JSON.parse of a huge string is the expensive part we must not do.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, id: null, code: 'E_TOO_LARGE', message: `message is larger than ${maxBytes} bytes` }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { ok: false, id: null, code: 'E_PARSE', message: `not valid JSON: ${(e as Error).message}` }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, id: null, code: 'E_BAD_MESSAGE', message: 'a message is a JSON object with a "type"' }
  const m = raw as Record<string, unknown>
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null
  if (typeof m.type !== 'string') return { ok: false, id, code: 'E_BAD_MESSAGE', message: 'missing "type"' }
  if (!TYPES.has(m.type)) return { ok: false, id, code: 'E_UNKNOWN_TYPE', message: `unknown message type "${m.type.slice(0, 64)}"` }
  if (id === null) return { ok: false, id: null, code: 'E_BAD_MESSAGE', message: `"${m.type}" needs a numeric "id"` }
  const bad = (message: string): Parsed => ({ ok: false, id, code: 'E_BAD_MESSAGE', message })
  switch (m.type) {
    case 'hello':
      if (typeof m.protocol !== 'number') return bad('hello needs "protocol" (a number)')
      break
    case 'login':
      if (!str(m.user, 128) || typeof m.password !== 'string' || m.password.length > 1024) return bad('login needs "user" and "password" strings')
      break
    case 'resume':
      if (!str(m.token, 256)) return bad('resume needs "token"')
      break
    case 'subscribe':
      if (!str(m.sub, 128)) return bad('subscribe needs "sub" (a name)')
      if (!Array.isArray(m.tags) || !m.tags.every((t) => str(t, 512))) return bad('subscribe needs "tags": an array of tag paths')
      break
    case 'unsubscribe':
      if (!str(m.sub, 128)) return bad('unsubscribe needs "sub"')
      break
    case 'saveDraft':
      if (!Array.isArray(m.changes) || m.changes.length > 5000) return bad('saveDraft needs "changes": an array (at most 5000)')
      for (const c of m.changes as unknown[]) {
        const ch = c as Record<string, unknown>
        if (typeof c !== 'object' || c === null || !str(ch.path, 256) || !(ch.content === null || typeof ch.content === 'string') || !(ch.baseHash === null || typeof ch.baseHash === 'string')) {
          return bad('each change is {path, content: string | null, baseHash: string | null}')
        }
      }
      break
    case 'publish':
      if (m.note !== undefined && (typeof m.note !== 'string' || m.note.length > 1000)) return bad('"note" is a string of at most 1000 characters')
      break
    case 'deploy':
      if (!str(m.version, 128)) return bad('deploy needs "version"')
      break
    case 'browse':
      if (!str(m.connection, 128) || (m.address !== undefined && !str(m.address, 1024))) return bad('browse needs "connection" and an optional "address"')
      break
    case 'write':
      if (!str(m.tag, 512)) return bad('write needs "tag"')
      if (!('value' in m) || !isScalar(m.value)) return bad('write needs "value": a boolean, number or string')
      if (m.confirmed !== undefined && typeof m.confirmed !== 'boolean') return bad('"confirmed" must be a boolean')
      if (m.reason !== undefined && (typeof m.reason !== 'string' || m.reason.length > 500)) return bad('"reason" is a string of at most 500 characters')
      break
    case 'changePassword':
      if (typeof m.oldPassword !== 'string' || typeof m.newPassword !== 'string' || m.oldPassword.length > 1024 || m.newPassword.length > 1024) return bad('changePassword needs "oldPassword" and "newPassword"')
      break
    case 'saveUser':
      if (!str(m.user, 64) || !ROLES.has(m.role as string)) return bad('saveUser needs "user" and "role" (viewer, operator, engineer, admin)')
      if (m.password !== undefined && (typeof m.password !== 'string' || m.password.length > 1024)) return bad('"password" is a string')
      if (m.displayName !== undefined && !str(m.displayName, 128)) return bad('"displayName" is a string of at most 128 characters')
      break
    case 'deleteUser':
      if (!str(m.user, 64)) return bad('deleteUser needs "user"')
      break
    case 'alarmAction':
      if (!['ack', 'shelve', 'unshelve', 'reset', 'outOfService', 'returnToService'].includes(m.action as string)) return bad('"action" is ack, shelve, unshelve, reset, outOfService or returnToService')
      if (!Array.isArray(m.alarms) || m.alarms.length > 10_000 || !m.alarms.every((a) => str(a, 600))) return bad('"alarms" is an array of alarm ids')
      for (const k of ['comment', 'reason'] as const) if (m[k] !== undefined && (typeof m[k] !== 'string' || m[k].length > 500)) return bad(`"${k}" is a string of at most 500 characters`)
      if (m.durationMs !== undefined && (typeof m.durationMs !== 'number' || !(m.durationMs > 0))) return bad('"durationMs" is a positive number')
      if (m.oneShot !== undefined && typeof m.oneShot !== 'boolean') return bad('"oneShot" is a boolean')
      break
    case 'queryAlarmJournal':
      for (const k of ['from', 'to', 'limit', 'before'] as const) if (m[k] !== undefined && (typeof m[k] !== 'number' || !Number.isFinite(m[k]))) return bad(`"${k}" is a number`)
      for (const k of ['area', 'tag'] as const) if (m[k] !== undefined && !str(m[k], 512)) return bad(`"${k}" is a string`)
      if (m.priority !== undefined && ![1, 2, 3, 4, 'diagnostic'].includes(m.priority as number)) return bad('"priority" is 1-4 or "diagnostic"')
      break
    case 'queryHistory': {
      const q = m.query as Record<string, unknown> | undefined
      if (typeof q !== 'object' || q === null || !Array.isArray(q.tags) || !q.tags.every((t) => str(t, 512)) || q.tags.length > 1000) return bad('queryHistory needs "query": {tags (at most 1000), from, to, buckets?, agg?}')
      if (typeof q.from !== 'number' || typeof q.to !== 'number' || !Number.isFinite(q.from) || !Number.isFinite(q.to)) return bad('"from" and "to" are times in ms')
      if (q.buckets !== undefined && (typeof q.buckets !== 'number' || !Number.isInteger(q.buckets) || q.buckets < 1 || q.buckets > 100_000)) return bad('"buckets" is 1..100000')
      if (q.agg !== undefined && (!Array.isArray(q.agg) || !q.agg.every((a) => ['min', 'max', 'avg', 'first', 'last', 'count'].includes(a as string)))) return bad('"agg" lists min, max, avg, first, last, count')
      if (m.format !== undefined && m.format !== 'json' && m.format !== 'csv') return bad('"format" is json or csv')
      break
    }
    case 'alarmKpis':
      if (typeof m.from !== 'number' || typeof m.to !== 'number' || !Number.isFinite(m.from) || !Number.isFinite(m.to)) return bad('alarmKpis needs "from" and "to" (ms)')
      break
    case 'resetProgramFault':
      if (!str(m.program, 128)) return bad('resetProgramFault needs "program"')
      break
    case 'listCertificates':
      if (!str(m.connection, 128)) return bad('listCertificates needs "connection"')
      break
    case 'trustCertificate':
    case 'rejectCertificate':
      if (!str(m.connection, 128)) return bad(`${m.type} needs "connection"`)
      if (typeof m.thumbprint !== 'string' || !THUMBPRINT.test(m.thumbprint)) return bad('"thumbprint" is a SHA-1 thumbprint: 40 hex digits')
      break
    case 'queryAudit':
      for (const k of ['from', 'to', 'limit', 'before'] as const) if (m[k] !== undefined && (typeof m[k] !== 'number' || !Number.isFinite(m[k]))) return bad(`"${k}" is a number`)
      for (const k of ['user', 'action', 'target'] as const) if (m[k] !== undefined && !str(m[k], 512)) return bad(`"${k}" is a string`)
      break
  }
  return { ok: true, msg: m as unknown as ClientMessage }
}
