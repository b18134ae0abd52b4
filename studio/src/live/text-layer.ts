/**
 * The live text layer: one canvas over a screen on which the value text of live displays is drawn.
 *
 * A screen of 1,000 numeric displays at 10 Hz changes 10,000 texts a second. As DOM text each change costs a layout
 * of its box and a repaint of its positioned layer (about 40 ms a frame for 1,000 widgets here, so the screen ran at
 * 34 fps); drawn on one canvas it costs a clear and a fillText, and no layout or paint at all. The widget keeps its
 * frame, colours and markers in the DOM and hands only the changing text to a slot of this layer. Widgets that
 * another widget overlaps keep DOM text, so the canvas (which sits above the whole screen) never covers anything.
 *
 * Geometry is in screen (design) pixels; `setView` maps it to the canvas, so a resize redraws without re-measuring.
 */

/** The part of CanvasRenderingContext2D the layer uses (a recording fake in tests). */
export type TextCanvas = Pick<CanvasRenderingContext2D,
  'setTransform' | 'clearRect' | 'fillText' | 'measureText' | 'save' | 'restore' | 'beginPath' | 'rect' | 'clip'
> & { font: string; fillStyle: CanvasRenderingContext2D['fillStyle']; textAlign: CanvasTextAlign; textBaseline: CanvasTextBaseline }

/** Where text goes; `bleed` (screen pixels, default 0) is how far it may run past the sides (a box's padding). */
const ASCII = /^[\x20-\x7e]*$/

export interface SlotRect { x: number; y: number; w: number; h: number; bleed?: number }

export interface SlotStyle {
  /** CSS font shorthand at design size, e.g. `bold 18px monospace`. */
  font: string
  color: string
  align: 'left' | 'right' | 'center'
}

/** Maps screen pixels to canvas pixels: canvas = (screen * scale + offset) * dpr. */
export interface LayerView { scale: number; dx: number; dy: number; dpr: number }

/** One widget's text on the layer. */
export interface TextSlot {
  /** Where the text goes (screen pixels) and how it looks; null hides it. */
  place(rect: SlotRect | null, style?: SlotStyle): void
  set(text: string): void
  remove(): void
}

interface Slot { rect: SlotRect | null; style: SlotStyle | null; text: string; drawn: SlotRect | null; live: boolean }

export class TextLayer {
  private readonly slots = new Set<Slot>()
  private readonly dirty = new Set<Slot>()
  private view: LayerView = { scale: 1, dx: 0, dy: 0, dpr: 1 }
  private scheduled = false
  private all = false
  /**
   * Per font: the widest of a few glyphs (so `length * wide` bounds a text's width without measuring it), and
   * whether the font is monospaced (then `length * wide` is the width of any ASCII text).
   */
  private readonly fonts = new Map<string, { wide: number; mono: boolean }>()

  private g: TextCanvas | null = null

  /**
   * @param schedule runs the redraw soon (default: a microtask, so updates applied in an animation frame are drawn
   *   in that same frame)
   */
  constructor(private readonly schedule: (fn: () => void) => void = (fn) => queueMicrotask(fn)) {}

  /** Draw on `g` (the canvas's 2D context) from now on; slots made before are kept and drawn. */
  attach(g: TextCanvas): void {
    this.g = g
    this.setView(this.view)
  }

  get size(): number {
    return this.slots.size
  }

  /** A new slot; it draws nothing until placed and given text. */
  slot(): TextSlot {
    const s: Slot = { rect: null, style: null, text: '', drawn: null, live: true }
    this.slots.add(s)
    return {
      place: (rect, style) => {
        if (!s.live) return
        if (s.drawn) this.clear(s.drawn)
        s.drawn = null
        s.rect = rect
        if (style) s.style = style
        this.mark(s)
      },
      set: (text) => {
        if (!s.live || text === s.text) return
        s.text = text
        this.mark(s)
      },
      remove: () => {
        if (!s.live) return
        s.live = false
        this.slots.delete(s)
        this.dirty.delete(s)
        if (s.drawn) this.clear(s.drawn)
        s.drawn = null
      },
    }
  }

  /** A new mapping (resize, zoom, device pixel ratio): the canvas was cleared by its resize; draw every slot again. */
  setView(view: LayerView): void {
    this.view = view
    for (const s of this.slots) s.drawn = null
    this.all = true
    this.request()
  }

  /** Draw what changed now (normally scheduled). */
  flush(): void {
    this.scheduled = false
    const g = this.g
    if (!g) return
    const v = this.view
    g.setTransform(v.scale * v.dpr, 0, 0, v.scale * v.dpr, v.dx * v.dpr, v.dy * v.dpr)
    const todo = this.all ? this.slots : this.dirty
    this.all = false
    let font = ''
    let color = ''
    let align = ''
    g.textBaseline = 'middle'
    for (const s of todo) {
      if (s.drawn) this.clear(s.drawn)
      s.drawn = null
      const r = s.rect
      const st = s.style
      if (!r || !st || s.text === '') continue
      if (st.font !== font) g.font = font = st.font
      if (st.color !== color) g.fillStyle = color = st.color
      if (st.align !== align) g.textAlign = align = st.align
      const x = st.align === 'right' ? r.x + r.w : st.align === 'center' ? r.x + r.w / 2 : r.x
      const y = r.y + r.h / 2
      // Clip only text that would spill out of its box (rare): clipping every slot would double the cost.
      const b = r.bleed ?? 0
      const room = r.w + b
      const f = this.metrics(g, st.font)
      const bound = s.text.length * f.wide
      const spills = bound > room && (f.mono && ASCII.test(s.text) ? true : g.measureText(s.text).width > room)
      if (spills) {
        g.save()
        g.beginPath()
        g.rect(r.x - b, r.y, r.w + 2 * b, r.h)
        g.clip()
      }
      g.fillText(s.text, x, y)
      if (spills) g.restore()
      s.drawn = r
    }
    this.dirty.clear()
  }

  private metrics(g: TextCanvas, font: string): { wide: number; mono: boolean } {
    let m = this.fonts.get(font)
    if (!m) {
      const w = ['0', 'M', 'W', 'i'].map((c) => g.measureText(c).width)
      m = { wide: Math.max(...w), mono: w.every((x) => x === w[0]) }
      this.fonts.set(font, m)
    }
    return m
  }

  private clear(r: SlotRect): void {
    // Half a pixel around the box: antialiased glyph edges reach just outside it.
    const b = (r.bleed ?? 0) + 0.5
    this.g?.clearRect(r.x - b, r.y - 0.5, r.w + 2 * b, r.h + 1)
  }

  private mark(s: Slot): void {
    this.dirty.add(s)
    this.request()
  }

  private request(): void {
    if (this.scheduled) return
    this.scheduled = true
    this.schedule(() => this.flush())
  }
}

/**
 * The widgets (by index) that a later widget overlaps: painted later means on top, and the layer is above all of
 * them, so these keep their text in the DOM. A uniform grid keeps it near-linear for thousands of widgets.
 */
export function overlapped(rects: readonly SlotRect[], cell = 128): Set<number> {
  const out = new Set<number>()
  const grid = new Map<number, number[]>()
  const key = (cx: number, cy: number) => cx * 65_536 + cy
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!
    const x0 = Math.floor(r.x / cell), x1 = Math.floor((r.x + r.w - 1e-6) / cell)
    const y0 = Math.floor(r.y / cell), y1 = Math.floor((r.y + r.h - 1e-6) / cell)
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const k = key(cx, cy)
        let list = grid.get(k)
        if (!list) grid.set(k, (list = []))
        // Every earlier widget in this cell that `r` overlaps lies under it.
        for (const j of list) if (!out.has(j) && intersects(rects[j]!, r)) out.add(j)
        list.push(i)
      }
    }
  }
  return out
}

function intersects(a: SlotRect, b: SlotRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
