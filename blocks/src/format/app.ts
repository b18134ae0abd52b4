import { z } from 'zod'
import { FORMAT_VERSION, LocalText, Name, TagPath } from './common.js'
import type { ResolvedTag } from './tags.js'
import type { FbdBlockFile } from './fbd-blocks.js'
import type { FbdProgram } from './program.js'
import type { Screen } from './screen.js'
import type { BundleTemplate, Template } from './template.js'
import type { InstanceProgram } from './template-program.js'

export const CONNECTION_KINDS = ['opcua', 'modbus', 'mqtt'] as const

/** A connection the APP needs, by name and kind; the site maps it to a real endpoint (DESIGN.md: "Connections are site resources"). */
export const ConnectionNeed = z.object({
  kind: z.enum(CONNECTION_KINDS),
  description: LocalText.optional(),
}).strict()

/** A variable of a Structured Text PROGRAM as a binding names it: `level`, `status.code`, `valves[2]`. */
export const StVariablePath = z.string().max(200).regex(
  /^[A-Za-z_][A-Za-z0-9_]*(\[\s*-?\d+(\s*,\s*-?\d+)*\s*\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\s*-?\d+(\s*,\s*-?\d+)*\s*\])?)*$/,
  'a variable like level, status.code or valves[2]',
)

/**
 * Tags bound to the VAR_INPUT / VAR_OUTPUT / VAR_IN_OUT variables of the task's Structured Text PROGRAMs:
 * `{ "<program>": { "<variable>": "<tag path>" } }`. Inputs are read from the task's input image, outputs written
 * when changed; unbound inputs keep their initial values. FBD programs bind tags with TAG_IN / TAG_OUT blocks.
 */
export const TaskBindings = z.record(Name, z.record(StVariablePath, TagPath))
export type TaskBindings = z.infer<typeof TaskBindings>

/** A periodic scan task running programs in order (IEC 61131-3 cyclic task). */
export const Task = z.object({
  name: Name,
  periodMs: z.number().int().min(10).max(3_600_000),
  /**
   * FBD programs (`programs/<name>.fbd.json`) or Structured Text PROGRAM POUs (in `programs/*.st`), run in order.
   * May be empty: a task may run only the copies of template programs (they run after these).
   */
  programs: z.array(Name).max(256),
  bindings: TaskBindings.optional(),
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

/** A Structured Text file of an APP (`programs/<name>.st`). */
export interface StSourceFile { file: string; source: string }

/** A PROGRAM POU defined in one of the APP's Structured Text files; tasks run it by name. */
export interface StProgramRef { name: string; file: string }

/** An APP loaded and validated: everything the runtime needs. */
export interface LoadedApp {
  manifest: AppManifest
  tags: ResolvedTag[]
  programs: FbdProgram[]
  /**
   * Structured Text files in file order. They compile as one unit (`compileStFiles`), so a FUNCTION_BLOCK or TYPE
   * of one file is usable in every other. Absent or empty when the APP has none.
   */
  stFiles?: StSourceFile[]
  /** The PROGRAM POUs of `stFiles`. */
  stPrograms?: StProgramRef[]
  screens: Screen[]
  /** Equipment templates; their instances are already expanded into `tags`. Absent in apps built before templates. */
  templates?: Template[]
  /**
   * Each instance's copies of its template's programs (`<instance>/<program>`), each run by `task` after the task's
   * own `programs`. Absent when no template has programs.
   */
  templatePrograms?: InstanceProgram[]
  /** Function blocks defined as FBD networks (`blocks/*.fb.json`), in file order. Absent when the APP has none. */
  fbBlocks?: FbdBlockFile[]
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
  /** The template instances' program copies each task runs after its own `programs` (names only); absent when none. */
  templatePrograms?: { name: string; task: string; template: string; instance: string }[]
}
