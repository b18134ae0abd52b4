import { describe, expect, it } from 'vitest'
import { Status } from '@takt/blocks'
import type { Faceplate, Role, Screen } from '@takt/blocks'
import type { ActionHost } from '../actions/run'
import { runActions } from '../actions/run'
import { createBindingCompiler } from '../bindings/expr'
import { contentTags, popupContent, targetName } from './content'
import { popupHost } from './host'
import { PopupStack } from './model'

function base(): { h: ActionHost; role: { value: Role } } {
  const role = { value: 'viewer' as Role }
  const h: ActionHost = {
    tag: () => undefined,
    current: () => ({ value: null, status: Status.BadWaitingForInitialData, sourceTime: 0 }),
    get role() { return role.value },
    confirm: async () => true,
    write: async () => undefined,
    openScreen: () => {},
    notify: () => {},
  }
  return { h, role }
}

describe('popup hosts', () => {
  it('open into the stack; a bare close closes the own popup, or every popup from the screen', async () => {
    const stack = new PopupStack()
    const { h } = base()
    const screenHost = popupHost(h, stack, null)
    await runActions(screenHost, [{ action: 'openPopup', screen: 'a' }, { action: 'openPopup', screen: 'b' }, { action: 'openPopup', screen: 'c' }])
    const b = stack.items.value[1]!
    await runActions(popupHost(h, stack, b.id), [{ action: 'closePopup' }])
    expect(stack.items.value.map((p) => p.key)).toEqual(['screen:a', 'screen:c'])
    await runActions(popupHost(h, stack, b.id), [{ action: 'closePopup', screen: 'c' }])
    expect(stack.items.value.map((p) => p.key)).toEqual(['screen:a'])
    await runActions(screenHost, [{ action: 'closePopup' }])
    expect(stack.items.value).toEqual([])
  })

  it('keeps the base host\'s role live', () => {
    const { h, role } = base()
    const p = popupHost(h, new PopupStack(), 1)
    role.value = 'operator'
    expect(p.role).toBe('operator')
  })
})

describe('popup content', () => {
  const screen: Screen = {
    format: 1, name: 'detail', title: { en: 'Detail', 'zh-CN': '详情' }, width: 800, height: 400, widgets: [
      { id: 'lvl', type: 'numeric', x: 0, y: 0, w: 100, h: 30, bindings: { value: { tag: 'Tank1/Level' } } },
      { id: 'fp', type: 'faceplate', x: 0, y: 40, w: 200, h: 100, props: { template: 'Motor', instance: 'Agitator' } },
    ],
  }
  const motor: Faceplate = {
    width: 240, height: 140, widgets: [
      { id: 'speed', type: 'numeric', x: 0, y: 0, w: 100, h: 30, bindings: { value: { tag: '$/Speed' } } },
      { id: 'run', type: 'toggle', x: 0, y: 40, w: 100, h: 30, bindings: { value: { tag: '$/RunCmd' } } },
    ],
  }
  const lookup = { screen: (n: string) => (n === 'detail' ? screen : undefined), faceplate: (n: string) => (n === 'Motor' ? motor : undefined) }
  const compile = createBindingCompiler()

  it('draws a screen or a faceplate bound to its instance, at design size, with a default title', () => {
    const s = popupContent({ kind: 'screen', screen: 'detail' }, lookup)
    expect(s).toMatchObject({ width: 800, height: 400, title: { en: 'Detail', 'zh-CN': '详情' }, name: 'detail' })
    const f = popupContent({ kind: 'faceplate', template: 'Motor', instance: 'Agitator' }, lookup)
    expect(f).toMatchObject({ width: 240, height: 140, title: 'Agitator · Motor', name: 'Motor@Agitator' })
    expect(f?.widgets.map((w) => w.bindings?.value)).toEqual([{ tag: 'Agitator/Speed' }, { tag: 'Agitator/RunCmd' }])
    expect(popupContent({ kind: 'screen', screen: 'gone' }, lookup)).toBeNull()
    expect(popupContent({ kind: 'faceplate', template: 'Pump', instance: 'P1' }, lookup)).toBeNull()
    expect(targetName({ kind: 'faceplate', template: 'Pump', instance: 'P1' })).toBe('Pump (P1)')
  })

  it('lists the tags to subscribe, including the inner widgets of faceplates', () => {
    const s = popupContent({ kind: 'screen', screen: 'detail' }, lookup)!
    expect(contentTags(s, compile, lookup.faceplate)).toEqual(['Agitator/RunCmd', 'Agitator/Speed', 'Tank1/Level'])
  })
})
