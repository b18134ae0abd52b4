/** Pure logic of the faceplate widget: inner widgets bound to an instance, layout, and the tags to subscribe. */
import { instantiateFaceplate } from '@takt/blocks'
import type { AppBundle, Faceplate, Widget } from '@takt/blocks'
import type { BindingCompiler } from '../../bindings/expr'
import { widgetTags } from '../../bindings/resolve'
import { specsOf } from '../specs'
import type { FaceplateLookup } from './env'

/** Height of the caption strip drawn when the faceplate widget has a `label`. */
export const CAPTION_H = 18

// Instantiation is pure; caching per faceplate object and instance keeps widget identities stable across renders.
const cache = new WeakMap<Faceplate, Map<string, Widget[]>>()

/** The faceplate's widgets with `$/` resolved to `instance` (cached; treat as read-only). */
export function faceplateChildren(faceplate: Faceplate, instance: string): Widget[] {
  let byInstance = cache.get(faceplate)
  if (!byInstance) cache.set(faceplate, byInstance = new Map())
  let list = byInstance.get(instance)
  if (!list) byInstance.set(instance, list = instantiateFaceplate(faceplate, instance))
  return list
}

export interface FaceplateLayout {
  /** Uniform scale of the faceplate's design size into the box (aspect ratio kept). */
  scale: number
  /** Offset of the scaled faceplate inside the box, centred. */
  left: number
  top: number
}

/** Fits a faceplate of its design size into a `w` x `h` box, leaving room for a caption when there is one. */
export function faceplateLayout(w: number, h: number, faceplate: Pick<Faceplate, 'width' | 'height'>, caption: boolean): FaceplateLayout {
  const availH = Math.max(1, h - (caption ? CAPTION_H : 0))
  const scale = Math.max(0.01, Math.min(w / faceplate.width, availH / faceplate.height))
  return {
    scale,
    left: (w - faceplate.width * scale) / 2,
    top: (caption ? CAPTION_H : 0) + (availH - faceplate.height * scale) / 2,
  }
}

/** Props of a faceplate widget, when both are set. */
export function faceplateTarget(widget: Pick<Widget, 'props'>): { template: string; instance: string } | null {
  const template = widget.props?.template
  const instance = widget.props?.instance
  return typeof template === 'string' && template !== '' && typeof instance === 'string' && instance !== '' ? { template, instance } : null
}

/** Every tag a faceplate widget's inner widgets need (empty for other widget types or an unknown template). */
export function faceplateTags(widget: Widget, faceplate: FaceplateLookup, compile: BindingCompiler): string[] {
  if (widget.type !== 'faceplate') return []
  const target = faceplateTarget(widget)
  const fp = target ? faceplate(target.template) : undefined
  if (!target || !fp) return []
  const out = new Set<string>()
  for (const w of faceplateChildren(fp, target.instance)) for (const p of widgetTags(w, specsOf(w.type), compile)) out.add(p)
  return [...out]
}

/** A lookup over the templates of a bundle (none in bundles from before templates). */
export function bundleFaceplates(bundle: Pick<AppBundle, 'templates'> | null | undefined): FaceplateLookup {
  const map = new Map((bundle?.templates ?? []).map((t) => [t.name, t.faceplate]))
  return (name) => map.get(name)
}
