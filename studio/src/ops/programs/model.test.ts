import { describe, expect, it } from 'vitest'
import type { AppBundle, ProgramFaultInfo } from '@takt/blocks'
import { faultLocation, programGroups } from './model'

const bundle = {
  manifest: { tasks: [{ name: 'fast', periodMs: 100, programs: ['level', 'calc'] }, { name: 'slow', periodMs: 1000, programs: ['report'] }] },
  templatePrograms: [{ name: 'Agitator/RunCheck', task: 'fast', template: 'Motor', instance: 'Agitator' }],
} as unknown as Pick<AppBundle, 'manifest' | 'templatePrograms'>

const fault = (program: string, extra: Partial<ProgramFaultInfo> = {}): ProgramFaultInfo =>
  ({ program, code: 'E_ST_DIV_ZERO', message: 'division by zero', file: 'programs/calc.st', line: 7, column: 10, atMs: 1000, ...extra })

describe('Programs page rows', () => {
  it('list every task with its own programs, then the template copies, faults attached by name', () => {
    const groups = programGroups(bundle, [fault('calc')])
    expect(groups.map((g) => [g.task, g.periodMs, g.rows.map((r) => [r.program, r.fault?.code ?? 'running', r.instance ?? ''])])).toEqual([
      ['fast', 100, [['level', 'running', ''], ['calc', 'E_ST_DIV_ZERO', ''], ['Agitator/RunCheck', 'running', 'Agitator']]],
      ['slow', 1000, [['report', 'running', '']]],
    ])
  })

  it('keep a fault of a program the bundle does not list in a group of its own', () => {
    const groups = programGroups(bundle, [fault('gone')])
    expect(groups.at(-1)).toMatchObject({ task: null, rows: [{ program: 'gone', fault: { code: 'E_ST_DIV_ZERO' } }] })
    expect(programGroups(null, [])).toEqual([])
  })

  it('place a fault at file:line:column, as far as it is known', () => {
    expect(faultLocation(fault('x'))).toBe('programs/calc.st:7:10')
    expect(faultLocation({ file: 'programs/calc.st' })).toBe('programs/calc.st')
    expect(faultLocation({})).toBe('')
  })
})
