import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name } from './common.js'
import type { ResolvedTag } from './tags.js'
import type { FbdProgram } from './program.js'
import type { Screen } from './screen.js'
import type { BundleTemplate, Template } from './template.js'

export const CONNECTION_KINDS = ['opcua', 'modbus', 'mqtt'] as const

/** A connection the APP needs, by name and kind; the site maps it to a real endpoint (DESIGN.md: "Connections are site resources"). */
export const ConnectionNeed = z.object({
  kind: z.enum(CONNECTION_KINDS),
  description: LocalText.optional(),
}).strict()

/** A periodic scan task running programs in order (IEC 61131-3 cyclic task). */
export const Task = z.object({
  name: Name,
  periodMs: z.number().int().min(10).max(3_600_000),
  programs: z.array(Name).min(1).max(256),
}).strict()
export type Task = z.infer<typeof Task>

/** `app.json`: the manifest. */
export const AppManifest = z.object({
  format: z.literal(FORMAT_VERSION),
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'lower-case letters, digits and -'),
  name: LocalText,
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'semantic version like 1.2.3'),
  description: LocalText.optional(),
  classification: z.string().max(64).optional(),
  connections: z.record(Name, ConnectionNeed).default({}),
  entryScreen: Name,
  tasks: z.array(Task).max(64).default([]),
}).strict()
export type AppManifest = z.infer<typeof AppManifest>

/** An APP loaded and validated: everything the runtime needs. */
export interface LoadedApp {
  manifest: AppManifest
  tags: ResolvedTag[]
  programs: FbdProgram[]
  screens: Screen[]
  /** Equipment templates; their instances are already expanded into `tags`. Absent in apps built before templates. */
  templates?: Template[]
}

/** What the viewer receives over the wire: the manifest, screens and tag metadata (no programs, no secrets). */
export interface AppBundle {
  manifest: AppManifest
  screens: Screen[]
  tags: ResolvedTag[]
  /**
   * Faceplates of the templates that have one, for `faceplate` widgets. Absent when there are none, so a bundle
   * without templates is exactly what older clients know.
   */
  templates?: BundleTemplate[]
}
