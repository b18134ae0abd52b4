/**
 * What a popup draws: the widgets of a screen, or of a template's faceplate bound to one instance, at their design
 * size; and the tags those widgets need, for the popup's own subscription group.
 */
import type { Faceplate, LocalText, Screen, Widget } from '@takt/blocks'
import type { BindingCompiler } from '../bindings/expr'
import { widgetTags } from '../bindings/resolve'
import type { FaceplateLookup } from '../widgets/faceplate/env'
import { faceplateChildren, faceplateTags } from '../widgets/faceplate/logic'
import { specsOf } from '../widgets/specs'
import type { PopupTarget } from './model'

export interface PopupContent {
  widgets: readonly Widget[]
  /** Design size: the content is drawn at this size and scaled to the window. */
  width: number
  height: number
  background?: string
  /** The title shown when the action gives none. */
  title: LocalText
  /** `data-screen` of the content stage, for tests and styling. */
  name: string
}

export interface ContentLookup {
  screen(name: string): Screen | undefined
  faceplate: FaceplateLookup
}

/** The content of a target; null when its screen or template (with a faceplate) does not exist. */
export function popupContent(target: PopupTarget, lookup: ContentLookup): PopupContent | null {
  if (target.kind === 'screen') {
    const s = lookup.screen(target.screen)
    if (!s) return null
    return { widgets: s.widgets, width: s.width, height: s.height, title: s.title, name: s.name, ...(s.background ? { background: s.background } : {}) }
  }
  const fp: Faceplate | undefined = lookup.faceplate(target.template)
  if (!fp) return null
  return {
    widgets: faceplateChildren(fp, target.instance),
    width: fp.width,
    height: fp.height,
    title: `${target.instance} · ${target.template}`,
    name: `${target.template}@${target.instance}`,
    ...(fp.background ? { background: fp.background } : {}),
  }
}

/** What a missing target is called in a message. */
export function targetName(target: PopupTarget): string {
  return target.kind === 'screen' ? target.screen : `${target.template} (${target.instance})`
}

/** Every tag the content's widgets need, faceplate widgets on a screen popup included; sorted. */
export function contentTags(content: Pick<PopupContent, 'widgets'>, compile: BindingCompiler, faceplate?: FaceplateLookup): string[] {
  const out = new Set<string>()
  for (const w of content.widgets) {
    for (const p of widgetTags(w, specsOf(w.type), compile)) out.add(p)
    if (faceplate) for (const p of faceplateTags(w, faceplate, compile)) out.add(p)
  }
  return [...out].sort()
}
