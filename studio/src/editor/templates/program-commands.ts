/**
 * Commands on a template's programs (`types/<Name>.json` `programs`): add (empty, or a copy of one of the APP's
 * FBD programs to adapt with `$/Member` tags), rename, remove, and choose the task that runs every instance's copy.
 * The networks themselves are FB programs; see blocks' template-program.ts for how they expand per instance.
 */
import { defineCommand } from '../doc/command'
import { uniqueName, withTemplate } from './commands'
import type { TemplateDoc } from './model'

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

/** A template program as held in the draft: any field possibly missing while half-edited. */
export interface TemplateProgramDoc {
  format?: number
  name?: string
  description?: string
  task?: string
  blocks?: unknown[]
  wires?: unknown[]
}

/** What the programs panel shows of one template program. */
export interface TemplateProgramRow {
  index: number
  name: string
  /** The task named in the template; undefined: the APP's first task. */
  task: string | undefined
  blocks: number
  wires: number
}

function programsOf(t: TemplateDoc): TemplateProgramDoc[] {
  return Array.isArray(t.programs) ? t.programs as TemplateProgramDoc[] : []
}

/** The template's programs for display, in file order. */
export function templateProgramRows(t: TemplateDoc | null | undefined): TemplateProgramRow[] {
  if (!t) return []
  return programsOf(t).map((p, index) => ({
    index,
    name: typeof p?.name === 'string' ? p.name : '',
    task: typeof p?.task === 'string' ? p.task : undefined,
    blocks: Array.isArray(p?.blocks) ? p.blocks.length : 0,
    wires: Array.isArray(p?.wires) ? p.wires.length : 0,
  }))
}

function withPrograms(t: TemplateDoc, programs: TemplateProgramDoc[]): TemplateDoc {
  const { programs: _old, ...rest } = t
  return programs.length > 0 ? { ...rest, programs } : rest
}

/**
 * Adds a program: empty, or a copy of the draft's `programs/<copyOf>.fbd.json` (blocks, wires, description).
 * @example doc.dispatch(addTemplateProgram, { path: 'types/Motor.json', name: 'RunCheck' })
 */
export const addTemplateProgram = defineCommand<{ path: string; name?: string; copyOf?: string; task?: string }>('template.addProgram', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const programs = programsOf(t)
    const name = a.name ?? uniqueName(a.copyOf ?? 'Logic', programs.map((p) => p.name ?? ''))
    if (!NAME_RE.test(name)) return { error: `"${name}" is not a valid program name: letters, digits, _ and - only; starts with a letter or _` }
    if (programs.some((p) => p.name === name)) return { error: `program "${name}" already exists in this template` }
    let body: Pick<TemplateProgramDoc, 'description' | 'blocks' | 'wires'> = { blocks: [], wires: [] }
    if (a.copyOf !== undefined) {
      const src = doc.get<TemplateProgramDoc>(`programs/${a.copyOf}.fbd.json`)
      if (!src || !Array.isArray(src.blocks) || !Array.isArray(src.wires)) return { error: `no FBD program ${a.copyOf} to copy` }
      body = { ...(typeof src.description === 'string' ? { description: src.description } : {}), blocks: src.blocks, wires: src.wires }
    }
    const program: TemplateProgramDoc = { format: 1, name, ...(a.task !== undefined ? { task: a.task } : {}), ...body }
    return { changes: { [a.path]: withPrograms(t, [...programs, program]) } }
  }))

export const removeTemplateProgram = defineCommand<{ path: string; index: number }>('template.removeProgram', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const programs = programsOf(t)
    if (!programs[a.index]) return { error: `no program ${a.index}` }
    return { changes: { [a.path]: withPrograms(t, programs.filter((_, i) => i !== a.index)) } }
  }))

export const renameTemplateProgram = defineCommand<{ path: string; index: number; name: string }>('template.renameProgram', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const programs = programsOf(t)
    const p = programs[a.index]
    if (!p) return { error: `no program ${a.index}` }
    if (p.name === a.name) return { changes: {} }
    if (!NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid program name: letters, digits, _ and - only; starts with a letter or _` }
    if (programs.some((x) => x.name === a.name)) return { error: `program "${a.name}" already exists in this template` }
    return { changes: { [a.path]: withPrograms(t, programs.map((x, i) => (i === a.index ? { ...x, name: a.name } : x))) } }
  }))

/** Sets the task that runs the program in every instance; `null` means the APP's first task (the field is removed). */
export const setTemplateProgramTask = defineCommand<{ path: string; index: number; task: string | null }>('template.setProgramTask', (doc, a) =>
  withTemplate(doc, a.path, (t) => {
    const programs = programsOf(t)
    const p = programs[a.index]
    if (!p) return { error: `no program ${a.index}` }
    const { task: _old, ...rest } = p
    const next: TemplateProgramDoc = a.task === null ? rest : { ...rest, task: a.task }
    return { changes: { [a.path]: withPrograms(t, programs.map((x, i) => (i === a.index ? next : x))) } }
  }))
