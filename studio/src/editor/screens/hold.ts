/**
 * Place an element with a still (paused) Web Animation instead of an inline style. Measured in Chromium 156: every
 * inline `transform` change, even on a `will-change` layer, re-layerizes the whole page (PaintArtifactCompositor::
 * Update, 3-5 ms per frame on a 1,000-widget screen), while a changed keyframe of a held animation only updates the
 * compositor's copy of the value. Used for what moves on every frame of a gesture: the dragged widgets' layer,
 * their selection boxes, the snap guides.
 */

type Frame = Keyframe & { transform: string }

const held = new WeakMap<Element, Animation>()

/** Hold `el` at `frame` (a transform, optionally an opacity) until the next call; `null` lets it go. */
export function hold(el: Element | null | undefined, frame: Frame | null): void {
  if (!el) return
  const a = held.get(el)
  if (frame === null) {
    if (a) {
      a.cancel()
      held.delete(el)
    }
    return
  }
  const kf = [frame, frame]
  if (a && a.effect instanceof KeyframeEffect) {
    a.effect.setKeyframes(kf)
    return
  }
  // Paused: the value is held without ticking the animation clock on every frame.
  const n = el.animate(kf, { duration: 1, fill: 'both' })
  n.pause()
  held.set(el, n)
}
