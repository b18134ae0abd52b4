import type { AppBundle, LoadedApp } from './app.js'
import type { BundleTemplate } from './template.js'

/**
 * What the viewer receives: manifest, screens, tag metadata and template faceplates, without programs. The bundle
 * shares objects with `app` (no copy of large screens per client); treat both as read-only.
 */
export function toBundle(app: LoadedApp): AppBundle {
  const bundle: AppBundle = { manifest: app.manifest, screens: [...app.screens], tags: [...app.tags] }
  const templates: BundleTemplate[] = []
  for (const t of app.templates ?? []) {
    if (!t.faceplate) continue
    templates.push(t.description === undefined ? { name: t.name, faceplate: t.faceplate } : { name: t.name, description: t.description, faceplate: t.faceplate })
  }
  if (templates.length > 0) bundle.templates = templates
  const programs = app.templatePrograms ?? []
  if (programs.length > 0) bundle.templatePrograms = programs.map((p) => ({ name: p.program.name, task: p.task, template: p.template, instance: p.instance }))
  return bundle
}
