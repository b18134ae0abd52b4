/** Cross-file checks of screens and programs: names match files, and every tag/screen they name exists. */
import type { Diagnostic } from '../errors.js'
import type { Action, ClosePopupAction, Screen } from './screen.js'
import type { TagDef } from './tags.js'
import type { Ctx, ProgramCheck } from './validate.js'

const INTEGER_TYPES = new Set(['SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'TIME'])

/** Whether a constant (initial value, written value) fits a tag's data type. */
export function fitsType(tag: Pick<TagDef, 'dataType'>, v: boolean | number | string): boolean {
  if (tag.dataType === 'BOOL') return typeof v === 'boolean'
  if (tag.dataType === 'STRING') return typeof v === 'string'
  if (typeof v !== 'number') return false
  return !INTEGER_TYPES.has(tag.dataType) || Number.isInteger(v)
}

/** `screens/overview.json` -> `overview`; `programs/mix.fbd.json` -> `mix`. */
function stem(file: string, suffix: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1)
  return base.endsWith(suffix) ? base.slice(0, -suffix.length) : base
}

/** Names must match file names and be unique; reports both and returns nothing. */
function checkNames(ctx: Ctx, entries: readonly { file: string; value: { name: string } }[], suffix: string, what: string): void {
  const seen = new Map<string, string>()
  for (const { file, value } of entries) {
    const expected = stem(file, suffix)
    if (value.name !== expected) {
      ctx.report('E_SCHEMA', file, ['name'], `${what} name "${value.name}" must match the file name "${expected}"`)
    }
    const prior = seen.get(value.name)
    if (prior !== undefined) ctx.report('E_DUPLICATE', file, ['name'], `${what} "${value.name}" is already defined in ${prior}`)
    else seen.set(value.name, file)
  }
}

export function checkPrograms(ctx: Ctx, programCheck: ProgramCheck | undefined): void {
  checkNames(ctx, ctx.parts.programs, '.fbd.json', 'program')
  const writers = new Map<string, string>()
  for (const { file, value } of ctx.parts.programs) {
    value.blocks.forEach((block, i) => {
      if (block.type !== 'TAG_IN' && block.type !== 'TAG_OUT') return
      const path = block.params?.tag
      if (typeof path !== 'string') {
        ctx.report('E_FB_BAD_PARAM', file, ['blocks', i, 'params', 'tag'], `${block.type} block "${block.id}" needs params.tag naming a tag`)
        return
      }
      if (!ctx.isTag) return
      const entry = ctx.tags.get(path)
      if (!entry) {
        ctx.report('E_REFERENCE', file, ['blocks', i, 'params', 'tag'], `tag ${path} does not exist`)
        return
      }
      if (block.type !== 'TAG_OUT') return
      if (entry.tag.source.kind === 'expression') {
        ctx.report('E_NOT_WRITABLE', file, ['blocks', i, 'params', 'tag'], `tag ${path} is derived from an expression; a program cannot write it`)
      }
      const prior = writers.get(path)
      if (prior !== undefined) {
        ctx.report('E_FB_MULTIPLE_DRIVERS', file, ['blocks', i, 'params', 'tag'], `tag ${path} is also written by ${prior}; the last writer wins each scan`, 'warning')
      } else {
        writers.set(path, `${file} block "${block.id}"`)
      }
    })
    if (programCheck) runProgramCheck(ctx, programCheck, value, file)
  }
}

function runProgramCheck(ctx: Ctx, check: ProgramCheck, program: Parameters<ProgramCheck>[0], file: string): void {
  let found: Diagnostic[]
  try {
    found = check(program, file)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    ctx.out.push({ code: 'E_INTERNAL', severity: 'error', message: `program check failed: ${why}`, file })
    return
  }
  for (const d of found) ctx.out.push(d.file === undefined ? { ...d, file } : d)
}

export function checkScreens(ctx: Ctx): void {
  checkNames(ctx, ctx.parts.screens, '.json', 'screen')
  const screens = new Set(ctx.parts.screens.map((s) => s.value.name))
  for (const { file, value } of ctx.parts.screens) checkScreen(ctx, file, value, screens)
}

function checkScreen(ctx: Ctx, file: string, screen: Screen, screens: ReadonlySet<string>): void {
  const ids = new Map<string, number>()
  screen.widgets.forEach((w, i) => {
    const prior = ids.get(w.id)
    if (prior !== undefined) ctx.report('E_DUPLICATE', file, ['widgets', i, 'id'], `widget id "${w.id}" is already used by widgets[${prior}]`)
    else ids.set(w.id, i)
    for (const [prop, binding] of Object.entries(w.bindings ?? {})) {
      if ('tag' in binding) {
        if (ctx.isTag && !ctx.isTag(binding.tag)) {
          ctx.report('E_REFERENCE', file, ['widgets', i, 'bindings', prop, 'tag'], `tag ${binding.tag} does not exist`)
        }
      } else {
        ctx.expression(binding.expr, file, ['widgets', i, 'bindings', prop, 'expr'])
      }
    }
    for (const [event, actions] of Object.entries(w.events ?? {})) {
      actions.forEach((action, k) => checkAction(ctx, file, ['widgets', i, 'events', event, k], action, screens))
    }
  })
}

function checkAction(ctx: Ctx, file: string, at: PropertyKey[], action: Action, screens: ReadonlySet<string>): void {
  if (action.action === 'openScreen') {
    if (ctx.parts.complete.screens && !screens.has(action.screen)) {
      ctx.report('E_REFERENCE', file, [...at, 'screen'], `screen "${action.screen}" does not exist (no screens/${action.screen}.json)`)
    }
    return
  }
  if (action.action === 'openPopup' || action.action === 'closePopup') {
    checkPopupTarget(ctx, file, at, action, screens)
    return
  }
  if (!ctx.isTag) return
  const entry = ctx.tags.get(action.tag)
  if (!entry) {
    ctx.report('E_REFERENCE', file, [...at, 'tag'], `tag ${action.tag} does not exist`)
    return
  }
  // Warnings, not errors: the runtime refuses these writes anyway, but the engineer should hear it now.
  const tag = entry.tag
  if (tag.source.kind === 'expression') {
    ctx.report('E_NOT_WRITABLE', file, [...at, 'tag'], `tag ${tag.path} is derived from an expression and cannot be written`, 'warning')
  } else if (!tag.access?.write) {
    ctx.report('E_NOT_WRITABLE', file, [...at, 'tag'], `tag ${tag.path} is read-only (no access.write); this ${action.action} will be refused`, 'warning')
  }
  if (action.action === 'toggle') {
    if (tag.dataType !== 'BOOL') ctx.report('E_TYPE_MISMATCH', file, [...at, 'tag'], `toggle needs a BOOL tag; ${tag.path} is ${tag.dataType}`, 'warning')
    return
  }
  if (!fitsType(tag, action.value)) {
    ctx.report('E_TYPE_MISMATCH', file, [...at, 'value'], `value ${JSON.stringify(action.value)} does not fit ${tag.path} (${tag.dataType})`, 'warning')
  } else if (typeof action.value === 'number' && tag.range && (action.value < tag.range.min || action.value > tag.range.max)) {
    ctx.report('E_OUT_OF_RANGE', file, [...at, 'value'], `value ${action.value} is outside the range of ${tag.path} [${tag.range.min}, ${tag.range.max}]`, 'warning')
  }
}

/**
 * The target of an openPopup or closePopup action: the screen exists, or the template exists with a faceplate
 * and the instance is one of that template. `self` is the template whose faceplate holds the action, where `$`
 * names the faceplate's own instance.
 */
export function checkPopupTarget(ctx: Ctx, file: string, at: PropertyKey[], a: Pick<ClosePopupAction, 'screen' | 'faceplate' | 'instance'>,
  screens: ReadonlySet<string>, self?: string): void {
  if (a.screen !== undefined && ctx.parts.complete.screens && !screens.has(a.screen)) {
    ctx.report('E_REFERENCE', file, [...at, 'screen'], `screen "${a.screen}" does not exist (no screens/${a.screen}.json)`)
  }
  const name = a.faceplate
  if (name === undefined) return
  const template = ctx.templates.get(name)?.value
  if (!template) {
    if (ctx.parts.complete.templates !== false) {
      const known = [...ctx.templates.values()].filter((e) => e.value.faceplate).map((e) => e.value.name)
      const hint = known.length > 0 ? `; templates with a faceplate: ${known.join(', ')}` : ''
      ctx.report('E_REFERENCE', file, [...at, 'faceplate'], `template "${name}" does not exist (no types/${name}.json${hint})`)
    }
  } else if (!template.faceplate) {
    ctx.report('E_REFERENCE', file, [...at, 'faceplate'], `template "${name}" has no faceplate to show`)
  }
  const instance = a.instance
  if (instance === undefined) return
  if (instance === '$') {
    if (self !== undefined && self !== name) ctx.report('E_TYPE_MISMATCH', file, [...at, 'instance'], `"$" is this ${self}'s own instance, not a ${name}`)
    return
  }
  const found = ctx.instances.get(instance)
  if (!found) {
    if (ctx.tagsComplete) ctx.report('E_REFERENCE', file, [...at, 'instance'], `instance "${instance}" does not exist (no tag file declares it)`)
  } else if (found.type !== name) {
    ctx.report('E_TYPE_MISMATCH', file, [...at, 'instance'], `instance "${instance}" is a ${found.type}, not a ${name} (declared in ${found.file})`)
  }
}
