import { describe, expect, it } from 'vitest'
import { PopupStack, popupKey, requestOf, targetOf } from './model'
import type { PopupTarget } from './model'

const screen = (name: string): PopupTarget => ({ kind: 'screen', screen: name })
const motor = (instance: string): PopupTarget => ({ kind: 'faceplate', template: 'Motor', instance })
const keys = (s: PopupStack) => s.items.value.map((p) => p.key)

describe('popup stack', () => {
  it('opens popups in front, and brings an open one to the front instead of opening it twice', () => {
    const s = new PopupStack()
    const a = s.open({ target: motor('Agitator') })
    s.open({ target: screen('detail') })
    expect(keys(s)).toEqual(['faceplate:Motor@Agitator', 'screen:detail'])
    const again = s.open({ target: motor('Agitator'), title: 'ignored' })
    expect(again).toBe(a)
    expect(keys(s)).toEqual(['screen:detail', 'faceplate:Motor@Agitator'])
    expect(s.top()?.id).toBe(a.id)
  })

  it('closes the oldest past the limit', () => {
    const s = new PopupStack(3)
    for (const n of ['a', 'b', 'c', 'd']) s.open({ target: screen(n) })
    expect(keys(s)).toEqual(['screen:b', 'screen:c', 'screen:d'])
    // Bringing "b" to the front makes "c" the oldest.
    s.open({ target: screen('b') })
    s.open({ target: screen('e') })
    expect(keys(s)).toEqual(['screen:d', 'screen:b', 'screen:e'])
  })

  it('closes by id, by target, the front one, or all; ids are never reused', () => {
    const s = new PopupStack()
    const a = s.open({ target: screen('a') })
    const b = s.open({ target: screen('b') })
    s.open({ target: motor('M1') })
    expect(s.closeTarget(motor('M1'))).toBe(true)
    expect(s.closeTarget(motor('M1'))).toBe(false)
    expect(s.closeTop()).toBe(true)
    expect(keys(s)).toEqual(['screen:a'])
    expect(s.close(b.id)).toBe(false)
    expect(s.close(a.id)).toBe(true)
    expect(s.closeTop()).toBe(false)
    expect(s.open({ target: screen('a') }).id).toBeGreaterThan(b.id)
    s.closeAll()
    expect(s.items.value).toEqual([])
  })

  it('replaces the list on change, so watchers see every change', () => {
    const s = new PopupStack()
    const before = s.items.value
    s.open({ target: screen('a') })
    expect(s.items.value).not.toBe(before)
    const one = s.items.value
    s.front(s.items.value[0]!.id)
    expect(s.items.value).toBe(one) // already in front: nothing changed
  })
})

describe('popup targets from actions', () => {
  it('reads a screen or a faceplate target, and none for a bare closePopup', () => {
    expect(targetOf({ screen: 'detail' })).toEqual(screen('detail'))
    expect(targetOf({ faceplate: 'Motor', instance: 'Agitator' })).toEqual(motor('Agitator'))
    expect(targetOf({})).toBeNull()
    expect(popupKey(motor('A/B'))).toBe('faceplate:Motor@A/B')
  })

  it('carries the options of an openPopup action', () => {
    expect(requestOf({ action: 'openPopup', faceplate: 'Motor', instance: 'Agitator', title: 'M-101', x: 10, y: 20, width: 400, modal: true }))
      .toEqual({ target: motor('Agitator'), title: 'M-101', x: 10, y: 20, width: 400, modal: true })
    expect(requestOf({ action: 'openPopup', screen: 'detail' })).toEqual({ target: screen('detail') })
    expect(requestOf({ action: 'openPopup', faceplate: 'Motor' })).toBeNull()
  })
})
