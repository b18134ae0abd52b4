import { describe, expect, it } from 'vitest'
import type { ResolvedTag } from '@takt/blocks'
import { instanceTypes, popupProblems } from './problems'

const member = (instance: string, type: string, name: string): ResolvedTag =>
  ({ path: `${instance}/${name}`, name, dataType: 'BOOL', source: { kind: 'memory' }, template: { type, instance } })

describe('popup action problems in the editor', () => {
  const tags = [member('Agitator', 'Motor', 'Running'), member('Agitator', 'Motor', 'Speed'), member('V/V1', 'Valve', 'Open')]
  const instances = instanceTypes(tags)
  const screens = new Set(['overview', 'detail'])

  it('indexes instances by path from their member tags, once per list', () => {
    expect([...instances]).toEqual([['Agitator', 'Motor'], ['V/V1', 'Valve']])
    expect(instanceTypes(tags)).toBe(instances)
  })

  it('accepts good targets and reports a missing screen, a missing instance and a wrong template', () => {
    expect(popupProblems({ screen: 'detail' }, screens, instances)).toEqual([])
    expect(popupProblems({ faceplate: 'Motor', instance: 'Agitator' }, screens, instances)).toEqual([])
    expect(popupProblems({}, screens, instances)).toEqual([])
    expect(popupProblems({ screen: 'gone' }, screens, instances)).toEqual([{ field: 'screen', code: 'E_REFERENCE', message: 'screen "gone" does not exist' }])
    expect(popupProblems({ faceplate: 'Motor', instance: 'Mixer' }, screens, instances))
      .toEqual([{ field: 'instance', code: 'E_REFERENCE', message: 'instance "Mixer" does not exist' }])
    expect(popupProblems({ faceplate: 'Motor', instance: 'V/V1' }, screens, instances))
      .toEqual([{ field: 'instance', code: 'E_TYPE_MISMATCH', message: 'instance "V/V1" is a Valve, not a Motor' }])
  })
})
