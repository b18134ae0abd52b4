/**
 * A widget's changing value text on the screen's live text layer (live/text-layer.ts) instead of in the DOM.
 * The value element stays in the DOM, hidden (`display: none` costs no layout), with the same text, so tests and
 * copy-by-selection tools still read it; the box around it keeps its frame, fill and markers.
 */
import { inject, onBeforeUnmount, onMounted, ref, watch } from 'vue'
import type { Ref, WatchSource } from 'vue'
import { TEXT_LAYER } from '../inject'
import type { SlotStyle } from '../../live/text-layer'

export interface LayerText {
  /** Whether the text is on the layer (the widget then renders `val` hidden and without children). */
  on: boolean
  /** The box whose content area the text fills (text-align picks the side). */
  box: Ref<HTMLElement | null>
  /** The hidden element that keeps the text in the DOM and gives its font and colour. */
  val: Ref<HTMLElement | null>
  /** Show `t` (on the layer, and in the hidden element). */
  write(t: string): void
  /**
   * The longest text so far, in characters. With the text out of the flow the box would no longer grow with it:
   * a `min-width` of this many `ch` (values use a monospace font) keeps the DOM layout, and changes only when a
   * value first needs another digit.
   */
  chars: Ref<number>
}

/**
 * @param id the widget id (the host accepts only widgets nothing overlaps)
 * @param look what changes the box's geometry or the text's colour (classes, label, unit, font size, locale)
 */
export function useLayerText(id: string, look: WatchSource): LayerText {
  const host = inject(TEXT_LAYER, null)
  const box = ref<HTMLElement | null>(null)
  const val = ref<HTMLElement | null>(null)
  const chars = ref(0)
  if (!host || !host.accepts(id)) return { on: false, box, val, chars, write: () => {} }
  const slot = host.slot()
  let last = ''

  // One text node whose data changes: cheaper than replacing the element's children on every value.
  let node: Text | null = null
  const write = (t: string) => {
    last = t
    const v = val.value
    if (v) {
      if (!node || node.parentNode !== v) v.replaceChildren((node = document.createTextNode(t)))
      else node.data = t
    }
    if (t.length > chars.value) chars.value = t.length
    slot.set(t)
  }
  const measure = () => {
    const b = box.value
    const v = val.value
    if (!b || !v) return
    const bs = getComputedStyle(b)
    const vs = getComputedStyle(v)
    const r = host.toScreen(b)
    const px = (s: string) => Number.parseFloat(s) || 0
    const left = px(bs.borderLeftWidth) + px(bs.paddingLeft)
    const right = px(bs.borderRightWidth) + px(bs.paddingRight)
    const top = px(bs.borderTopWidth) + px(bs.paddingTop)
    const bottom = px(bs.borderBottomWidth) + px(bs.paddingBottom)
    const align: SlotStyle['align'] = bs.textAlign === 'center' ? 'center' : bs.textAlign === 'left' || bs.textAlign === 'start' ? 'left' : 'right'
    slot.place(
      { x: r.x + left, y: r.y + top, w: Math.max(0, r.w - left - right), h: Math.max(0, r.h - top - bottom), bleed: Math.min(px(bs.paddingLeft), px(bs.paddingRight)) },
      { font: `${vs.fontStyle} ${vs.fontWeight} ${vs.fontSize} ${vs.fontFamily}`, color: vs.color, align },
    )
  }
  onMounted(() => {
    measure()
    write(last)
  })
  watch([look, chars], measure, { flush: 'post' })
  onBeforeUnmount(() => slot.remove())
  return { on: true, box, val, chars, write }
}
