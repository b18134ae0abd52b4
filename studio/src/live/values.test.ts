import { describe, expect, it } from 'vitest'
import { computed } from 'vue'
import { Status } from '@takt/blocks'
import { LiveValues, WAITING } from './values'

describe('LiveValues', () => {
  it('re-evaluates only the computeds that read the changed tag', () => {
    const lv = new LiveValues()
    let aRuns = 0
    let bRuns = 0
    const a = computed(() => { aRuns++; return lv.get('A').value })
    const b = computed(() => { bRuns++; return lv.get('B').value })
    expect([a.value, b.value]).toEqual([null, null])
    lv.apply([{ path: 'A', value: 1, status: 0, sourceTime: 1 }])
    expect([a.value, b.value]).toEqual([1, null])
    expect([aRuns, bRuns]).toEqual([2, 1])
  })

  it('starts as waiting (bad) and marks everything stale when the link drops', () => {
    const lv = new LiveValues()
    expect(lv.peek('A')).toBe(WAITING)
    lv.set('A', { value: 3, status: Status.Good, sourceTime: 5 })
    lv.markAllStale()
    expect(lv.peek('A')).toEqual({ value: 3, status: Status.BadCommunicationError, sourceTime: 5 })
  })

  it('listeners see every update and are removed by their remover', () => {
    const lv = new LiveValues()
    const seen: unknown[] = []
    const off = lv.listen('A', (v) => seen.push(v.value))
    lv.set('A', { value: 1, status: 0, sourceTime: 0 })
    lv.set('A', { value: 2, status: 0, sourceTime: 0 })
    off()
    lv.set('A', { value: 3, status: 0, sourceTime: 0 })
    expect(seen).toEqual([1, 2])
  })

  it('forget returns a tag to waiting', () => {
    const lv = new LiveValues()
    lv.set('A', { value: 1, status: 0, sourceTime: 0 })
    lv.forget(['A', 'unknown'])
    expect(lv.peek('A')).toBe(WAITING)
  })
})
