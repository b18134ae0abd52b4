/**
 * The open popups of one screen, as an ordered stack (last = front). Opening a popup that is already open brings
 * it to the front instead of opening it twice; past the limit the oldest closes. Positions are not kept here:
 * each window owns its own while it is open.
 */
import { shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { ClosePopupAction, LocalText, OpenPopupAction } from '@takt/blocks'

/** What a popup shows: a screen, or a template's faceplate bound to one equipment instance. */
export type PopupTarget =
  | { kind: 'screen'; screen: string }
  | { kind: 'faceplate'; template: string; instance: string }

/** An openPopup action, resolved: what to show and how. */
export interface PopupRequest {
  target: PopupTarget
  title?: LocalText
  /** Top-left corner in layer pixels; absent: centred (cascaded when several are open). */
  x?: number
  y?: number
  /** Content width in layer pixels; the content scales to it. */
  width?: number
  modal?: boolean
}

export interface OpenPopup extends PopupRequest {
  /** Unique per opening; names the popup's subscription group. */
  readonly id: number
  /** Same target, same key: the identity used to bring an open popup to the front. */
  readonly key: string
}

/** At most this many popups at once by default; opening one more closes the oldest. */
export const DEFAULT_POPUP_LIMIT = 5

export function popupKey(t: PopupTarget): string {
  return t.kind === 'screen' ? `screen:${t.screen}` : `faceplate:${t.template}@${t.instance}`
}

/** The target named by an action's fields; null when it names none (closePopup: "this popup"). */
export function targetOf(a: Pick<ClosePopupAction, 'screen' | 'faceplate' | 'instance'>): PopupTarget | null {
  if (a.faceplate !== undefined && a.instance !== undefined) return { kind: 'faceplate', template: a.faceplate, instance: a.instance }
  if (a.screen !== undefined) return { kind: 'screen', screen: a.screen }
  return null
}

/** The request an openPopup action makes; null when its target is incomplete (the schema refuses those). */
export function requestOf(a: OpenPopupAction): PopupRequest | null {
  const target = targetOf(a)
  if (!target) return null
  const r: PopupRequest = { target }
  if (a.title !== undefined) r.title = a.title
  if (a.x !== undefined) r.x = a.x
  if (a.y !== undefined) r.y = a.y
  if (a.width !== undefined) r.width = a.width
  if (a.modal !== undefined) r.modal = a.modal
  return r
}

export class PopupStack {
  /** Open popups, back to front. Replaced (never mutated) on every change. */
  readonly items: ShallowRef<readonly OpenPopup[]> = shallowRef([])
  private nextId = 1

  constructor(readonly limit: number = DEFAULT_POPUP_LIMIT) {}

  /** Opens the popup, or brings it to the front when its target is already open. Returns it. */
  open(req: PopupRequest): OpenPopup {
    const key = popupKey(req.target)
    const found = this.items.value.find((p) => p.key === key)
    if (found) {
      this.front(found.id)
      return found
    }
    const popup: OpenPopup = { ...req, id: this.nextId++, key }
    const list = [...this.items.value, popup]
    // The limit counts popups, not modality: a modal one may push out the oldest like any other.
    while (list.length > Math.max(1, this.limit)) list.shift()
    this.items.value = list
    return popup
  }

  front(id: number): void {
    const list = this.items.value
    const i = list.findIndex((p) => p.id === id)
    if (i < 0 || i === list.length - 1) return
    this.items.value = [...list.slice(0, i), ...list.slice(i + 1), list[i] as OpenPopup]
  }

  /** Closes one popup by id; false when it was not open. */
  close(id: number): boolean {
    const list = this.items.value
    if (!list.some((p) => p.id === id)) return false
    this.items.value = list.filter((p) => p.id !== id)
    return true
  }

  /** Closes the popup showing `target`, if open. */
  closeTarget(target: PopupTarget): boolean {
    const key = popupKey(target)
    const found = this.items.value.find((p) => p.key === key)
    return found ? this.close(found.id) : false
  }

  /** Closes the front popup (Escape); false when none is open. */
  closeTop(): boolean {
    const top = this.top()
    return top ? this.close(top.id) : false
  }

  closeAll(): void {
    if (this.items.value.length > 0) this.items.value = []
  }

  top(): OpenPopup | undefined {
    const list = this.items.value
    return list[list.length - 1]
  }
}
