import type { AppBundle, LoadedApp } from './app.js'

/**
 * What the viewer receives: manifest, screens and tag metadata, without programs. The bundle shares objects with
 * `app` (no copy of large screens per client); treat both as read-only.
 */
export function toBundle(app: LoadedApp): AppBundle {
  return { manifest: app.manifest, screens: [...app.screens], tags: [...app.tags] }
}
