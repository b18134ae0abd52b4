import { describe, expect, it } from 'vitest'
import type { CertificateInfo, RateWindow, UserInfoMsgRow } from '@takt/blocks'
import { passwordProblem } from './account/store'
import { compactJson } from './admin/audit'
import { formatThumbprint, sortCertificates, validityAt } from './admin/certs'
import { changeRole, createUser, resetPassword, sortUsers } from './admin/users'
import { formatDuration, fromLocalInput, toLocalInput } from './format'
import { journalQuery } from './journal/query'
import { niceMax, priorityShares, rateBars } from './kpi/chart'
import { Pager, usePagedList } from './paging'
import { pagesFor, parseOpsHash } from './route'

describe('paging backwards by id', () => {
  const page = (ids: number[]) => ids.map((id) => ({ id }))
  it('moves to older pages by the last id and back again', () => {
    const p = new Pager(3)
    expect(p.before).toBeUndefined()
    expect(p.next(page([9, 8]))).toBe(false) // a short page is the last one
    expect(p.next(page([9, 8, 7]))).toBe(true)
    expect(p.before).toBe(7)
    expect(p.next(page([6, 5, 4]))).toBe(true)
    expect([p.page, p.before]).toEqual([2, 4])
    expect(p.previous()).toBe(true)
    expect(p.before).toBe(7)
    p.reset()
    expect([p.page, p.before, p.hasPrevious]).toEqual([0, undefined, false])
    expect(p.previous()).toBe(false)
  })
})

describe('usePagedList', () => {
  it('pages older and newer by the last id, keeps a failed page\'s error, and drops an answer overtaken by a newer request', async () => {
    const asked: (number | undefined)[] = []
    const answers: ((rows: { id: number }[]) => void)[] = []
    const list = usePagedList<{ id: number }>(2, (before) => {
      asked.push(before)
      return new Promise((resolve) => answers.push(resolve))
    })
    void list.load()
    answers.shift()!([{ id: 9 }, { id: 8 }])
    await Promise.resolve()
    await Promise.resolve()
    expect(list.rows.value.map((r) => r.id)).toEqual([9, 8])
    expect(list.hasMore.value).toBe(true)
    list.older()
    list.search() // a filter change while page 2 loads: its answer must not land
    answers.shift()!([{ id: 7 }, { id: 6 }])
    answers.shift()!([{ id: 5 }])
    await new Promise((r) => setTimeout(r, 0))
    expect(asked).toEqual([undefined, 8, undefined])
    expect(list.rows.value.map((r) => r.id)).toEqual([5])
    expect(list.page.value).toBe(0)
    expect(list.loading.value).toBe(false)
  })
})

describe('operations routes', () => {
  it('parses #/ops/<page> and hides admin pages from other roles', () => {
    expect(parseOpsHash('#/ops/alarms')).toBe('alarms')
    expect(parseOpsHash('#/ops/users/')).toBe('users')
    expect(parseOpsHash('#/ops/nope')).toBeNull()
    expect(parseOpsHash('#/screen/overview')).toBeNull()
    expect(pagesFor('operator')).toEqual(['alarms', 'journal', 'kpi', 'account'])
    expect(pagesFor('engineer')).toContain('audit')
    expect(pagesFor('engineer')).not.toContain('users')
    expect(pagesFor('engineer')).toContain('programs')
    expect(pagesFor('admin')).toEqual(['alarms', 'journal', 'kpi', 'programs', 'account', 'users', 'audit', 'certificates'])
  })
})

describe('request builders', () => {
  it('journal: empty filter fields are left out', () => {
    expect(journalQuery({ from: 5, to: null, area: ' ', tag: 'Tank1/Level ', priority: null }, 100, 42)).toEqual({ limit: 100, from: 5, tag: 'Tank1/Level', before: 42 })
    expect(journalQuery({ from: null, to: 9, area: 'A', tag: '', priority: 'diagnostic' }, 50)).toEqual({ limit: 50, to: 9, area: 'A', priority: 'diagnostic' })
  })

  it('users: edits keep the display name and leave the password out unless it is reset', () => {
    const u: UserInfoMsgRow = { name: 'op1', role: 'operator', displayName: 'Shift A' }
    expect(changeRole(u, 'engineer')).toEqual({ user: 'op1', role: 'engineer', displayName: 'Shift A' })
    expect(resetPassword(u, 'new secret')).toEqual({ user: 'op1', role: 'operator', password: 'new secret', displayName: 'Shift A' })
    expect(createUser(' op2 ', 'viewer', 'pw12345678', ' ')).toEqual({ user: 'op2', role: 'viewer', password: 'pw12345678' })
    expect(sortUsers([{ name: 'b', role: 'viewer' }, { name: 'a', role: 'admin' }, { name: 'a2', role: 'viewer' }]).map((x) => x.name)).toEqual(['a', 'a2', 'b'])
  })

  it('password: checked before it is sent', () => {
    expect(passwordProblem('', 'x', 'x')).toBe('empty')
    expect(passwordProblem('old', 'short', 'short')).toBe('short')
    expect(passwordProblem('old', 'long enough', 'long enougH')).toBe('mismatch')
    expect(passwordProblem('same password', 'same password', 'same password')).toBe('same')
    expect(passwordProblem('old', 'long enough', 'long enough')).toBeNull()
  })
})

describe('certificates', () => {
  const c = (over: Partial<CertificateInfo>): CertificateInfo => ({ thumbprint: 'ab12', subject: 'S', status: 'trusted', ...over })
  it('tells validity at a time and lists rejected ones first', () => {
    const now = Date.parse('2026-06-01T00:00:00Z')
    expect(validityAt(c({ validFrom: '2026-01-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }), now)).toBe('valid')
    expect(validityAt(c({ validTo: '2026-01-01T00:00:00Z' }), now)).toBe('expired')
    expect(validityAt(c({ validFrom: '2026-07-01T00:00:00Z' }), now)).toBe('notYetValid')
    expect(validityAt(c({}), now)).toBe('unknown')
    expect(sortCertificates([c({ subject: 'B' }), c({ subject: 'A' }), c({ subject: 'Z', status: 'rejected' })]).map((x) => x.subject)).toEqual(['Z', 'A', 'B'])
    expect(formatThumbprint('ab12cD')).toBe('AB:12:CD')
  })
})

describe('KPI page helpers', () => {
  it('merges rate windows into at most N bars keeping the peak', () => {
    const w: RateWindow[] = [1, 5, 2, 0, 12, 3, 1].map((count, i) => ({ start: i * 600_000, count, perOperator: count }))
    expect(rateBars(w, 10).map((b) => b.value)).toEqual([1, 5, 2, 0, 12, 3, 1])
    expect(rateBars(w, 3)).toEqual([{ start: 0, value: 5 }, { start: 1_800_000, value: 12 }, { start: 3_600_000, value: 1 }])
    expect(rateBars([], 3)).toEqual([])
    expect(niceMax([0.4], 3)).toBe(5)
    expect(niceMax([13], 3)).toBe(20)
  })

  it('shares per priority against the ISA-18.2 guide', () => {
    const s = priorityShares({ '1': 1, '2': 3, '3': 16, '4': 0, diagnostic: 0 })
    expect(s.map((x) => [x.key, x.share, x.target])).toEqual([['1', 0.05, 0.05], ['2', 0.15, 0.15], ['3', 0.8, 0.8], ['4', 0, null], ['diagnostic', 0, null]])
  })
})

describe('formats', () => {
  it('durations, datetime-local round trip and compact JSON', () => {
    expect(formatDuration(65_000)).toBe('01:05')
    expect(formatDuration(3_600_000 + 5000)).toBe('01:00:05')
    expect(formatDuration(2 * 86_400_000 + 3_723_000)).toBe('2 d 01:02:03')
    const t = new Date(2026, 2, 1, 14, 5).getTime()
    expect(fromLocalInput(toLocalInput(t))).toBe(t)
    expect(fromLocalInput('')).toBeNull()
    expect(compactJson({ role: 'admin' })).toBe('{"role":"admin"}')
    expect(compactJson(undefined)).toBe('')
    expect(compactJson('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})
