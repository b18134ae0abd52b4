/**
 * The drag layer of the design canvas. A drag lends the moving widgets' own elements (live, not copies) to one
 * layer that takes their place in paint order, and moves that layer as a whole (hold.ts): one compositor update
 * per frame, whatever the number of widgets. Lending re-lays out and repaints the lent widgets, so it is not undone
 * at the drop while that would change nothing on screen (liftUnseen): dragging the same selection again starts
 * at once, and the drop only re-patches the moved boxes.
 *
 * Vue keeps patching the lent elements in place (values, positions). It must never insert next to one, so the
 * canvas gives them back before any change to the widget list (ids or order) and when the selection changes.
 */
import type { Rect } from './geometry'
import { intersects } from './geometry'

/**
 * Whether painting the `lent` widgets together, at the place of the first of them, looks the same as painting
 * them in their own places in `widgets` (paint order): no other widget between the first and the last lent one
 * overlaps a lent one painted after it (which used to cover it, and would then be under it).
 */
export function liftUnseen(widgets: readonly (Rect & { id: string })[], lent: ReadonlySet<string>): boolean {
  const above: Rect[] = []
  let box: Rect | null = null
  let left = lent.size
  for (let i = widgets.length - 1; i >= 0 && left > 0; i--) {
    const w = widgets[i] as Rect & { id: string }
    if (lent.has(w.id)) {
      left--
      above.push(w)
      box = box === null ? { x: w.x, y: w.y, w: w.w, h: w.h } : union(box, w)
    } else if (box !== null && intersects(box, w) && above.some((b) => intersects(b, w))) return false
  }
  return true
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y }
}

/** Lends widget elements of a stage (its direct children with `data-widget`) to one layer, and gives them back. */
export class Lender {
  private layerEl: HTMLDivElement | null = null
  private els: HTMLElement[] = []
  private anchors: (Node | null)[] = []
  private lent: ReadonlySet<string> = new Set()

  /** The layer, while widgets are lent. */
  get layer(): HTMLDivElement | null {
    return this.layerEl
  }

  /** The ids of the lent widgets (empty when none are). */
  get ids(): ReadonlySet<string> {
    return this.lent
  }

  /** Whether exactly `ids` are lent. */
  holds(ids: ReadonlySet<string>): boolean {
    if (this.layerEl === null || ids.size !== this.lent.size) return false
    for (const id of ids) if (!this.lent.has(id)) return false
    return true
  }

  /** Lend the stage's widgets whose id is in `ids` (anything lent before is given back first). */
  lend(stage: HTMLElement, ids: ReadonlySet<string>): HTMLDivElement | null {
    this.restore()
    // One pass over the stage's children, no selector per id; each one's next sibling is where it goes back.
    for (const el of stage.children) {
      const id = (el as HTMLElement).dataset.widget
      if (id !== undefined && ids.has(id)) {
        this.els.push(el as HTMLElement)
        this.anchors.push(el.nextSibling)
      }
    }
    const first = this.els[0]
    if (first === undefined) return null
    const layer = document.createElement('div')
    layer.dataset.dragLayer = ''
    // Inline: the layer is made here, not by a component, so no scoped style reaches it. It takes no pointer
    // itself (the widgets below it stay clickable); the lent widgets do (DesignCanvas's style).
    layer.style.cssText = 'position:absolute;inset:0;pointer-events:none;will-change:transform'
    stage.insertBefore(layer, first)
    layer.append(...this.els)
    this.layerEl = layer
    this.lent = new Set(ids)
    return layer
  }

  /** Put every lent element back where it was (in reverse: each one's anchor is then in place) and drop the layer. */
  restore(): void {
    const layer = this.layerEl
    if (layer === null) return
    const stage = layer.parentNode
    if (stage !== null) {
      for (let i = this.els.length - 1; i >= 0; i--) stage.insertBefore(this.els[i] as HTMLElement, this.anchors[i] ?? null)
      layer.remove()
    }
    this.layerEl = null
    this.els = []
    this.anchors = []
    this.lent = new Set()
  }
}
