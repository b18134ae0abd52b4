/**
 * Late binding of widget components for the faceplate, which renders other widgets: registry.ts imports the
 * faceplate component and registers the lookup here, so the faceplate needs no import of the registry (that
 * import would be a cycle whose evaluation order depends on who loads first).
 */
import type { Component } from 'vue'
import type { WidgetType } from '@takt/blocks'

let lookup: (type: WidgetType) => Component | undefined = () => undefined

export function setWidgetComponents(fn: (type: WidgetType) => Component | undefined): void {
  lookup = fn
}

export function widgetComponent(type: WidgetType): Component | undefined {
  return lookup(type)
}
