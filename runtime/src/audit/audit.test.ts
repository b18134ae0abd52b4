import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { memoryLogger } from '../log.js'
import { AuditTrail } from './audit.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'takt-audit-'))
  dirs.push(d)
  return d
}

describe('AuditTrail', () => {
  it('records and queries newest first with filters', async () => {
    let t = 1000
    const a = new AuditTrail(await tmp(), memoryLogger(), () => t++)
    a.record({ user: 'op', action: 'login', ok: true, remote: '127.0.0.1' })
    a.record({ user: 'op', action: 'write', target: 'Tank1/LevelSP', old: 2.5, new: 3, ok: true })
    a.record({ user: 'eng', action: 'deploy', target: '1.0.0+1', ok: true, detail: { kept: 3 } })
    expect(a.query().map((e) => e.action)).toEqual(['deploy', 'write', 'login'])
    expect(a.query({ user: 'op', action: 'write' })).toEqual([{ id: 2, ts: 1001, user: 'op', action: 'write', target: 'Tank1/LevelSP', old: 2.5, new: 3, ok: true }])
    expect(a.query({ from: 1001, to: 1001 })).toHaveLength(1)
    expect(a.query({ before: 2 }).map((e) => e.id)).toEqual([1])
    a.close()
  })

  it('is append-only even for direct SQL', async () => {
    const dir = await tmp()
    const a = new AuditTrail(dir, memoryLogger())
    a.record({ user: 'op', action: 'login', ok: true })
    a.close()
    const db = new Database(join(dir, 'audit.db'))
    expect(() => db.prepare('UPDATE audit SET user = ?').run('mallory')).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/)
    db.close()
  })

  it('an unusable folder is a logged fault, never an exception for the caller', async () => {
    const file = join(await tmp(), 'not-a-dir')
    await writeFile(file, 'x')
    const log = memoryLogger()
    const a = new AuditTrail(join(file, 'sub'), log)
    expect(a.available).toBe(false)
    a.record({ user: 'op', action: 'login', ok: true })
    expect(a.failures).toBe(1)
    expect(log.lines.some((l) => l.fields?.code === 'E_AUDIT')).toBe(true)
  })
})
