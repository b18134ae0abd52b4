/**
 * Completion items for Structured Text, computed from the compiled unit and the cursor context (pure: no Monaco,
 * so it is unit-tested and the language module only maps the result). Variables in scope, standard functions,
 * library and user FB types, the pins of `inst.` (from the library definition or the user FB's declaration), and
 * tag paths where they help: in comments, and as a ready declaration in VAR_INPUT / VAR_OUTPUT (ST reaches tags
 * only through the task bindings in app.json, which the hint says).
 */
import { getBlock, listBlocks } from '@takt/blocks'
import type { BlockDef, ResolvedTag, StPou, StUnit, StVariable } from '@takt/blocks'
import type { StCursor } from './context'
import { COMMON_CONVERSIONS, STD_FUNCTIONS, ST_KEYWORDS, ST_TYPES, stdFunction } from './stdlib'

export type StLocale = 'en' | 'zh-CN'
export type StItemKind = 'variable' | 'field' | 'function' | 'class' | 'keyword' | 'type' | 'tag' | 'snippet'

/** One completion item; `snippet` marks `insertText` as a Monaco snippet (`$1`, `$0`). */
export interface StCompletion {
  label: string
  kind: StItemKind
  insertText: string
  detail?: string
  documentation?: string
  snippet?: boolean
  /** Sorts before other items with a lower key (variables first). */
  sortText?: string
}

export interface StCompletionInput {
  unit: StUnit
  /** The POU around the cursor, or null outside any. */
  pou: StPou | null
  cursor: StCursor
  tags: readonly ResolvedTag[]
  locale: StLocale
  /** Tag bound to a variable of `pou` (from app.json), to show next to it. */
  boundTag?: (variable: string) => string | undefined
}

const MAX_TAGS = 200

/** Blocks the ST compiler accepts as FB instances (it excludes functions and tag I/O: blocks/src/st/ctx.ts). */
export function libraryFbs(): BlockDef[] {
  return listBlocks().filter((b) => b.kernel !== null && !b.tagIo && stdFunction(b.type) === undefined && !/^TO_/.test(b.type))
}

export function stCompletions(input: StCompletionInput): StCompletion[] {
  const c = input.cursor
  switch (c.at) {
    case 'comment': return tagItems(input, (t) => t.path, c.prefix)
    case 'member': return memberItems(input, c.owner)
    case 'type': return typeItems(input)
    case 'declare': return declareItems(input, c.section)
    case 'code': return codeItems(input)
  }
}

function tagItems(input: StCompletionInput, insert: (t: ResolvedTag) => string, prefix: string): StCompletion[] {
  const q = prefix.toLowerCase()
  const out: StCompletion[] = []
  for (const t of input.tags) {
    if (q !== '' && !t.path.toLowerCase().includes(q)) continue
    out.push({
      label: t.path, kind: 'tag', insertText: insert(t),
      detail: `tag · ${t.dataType}${t.unit ? ` [${t.unit}]` : ''}`,
      documentation: BIND_HINT[input.locale],
    })
    if (out.length >= MAX_TAGS) break
  }
  return out
}

export const BIND_HINT: Record<StLocale, string> = {
  en: 'ST reads and writes tags only through bindings: bind a VAR_INPUT / VAR_OUTPUT to this tag in the Bindings table beside the editor (app.json tasks[].bindings).',
  'zh-CN': 'ST 只能通过绑定读写变量：在编辑器旁的“绑定”表中将 VAR_INPUT / VAR_OUTPUT 绑定到此变量（app.json tasks[].bindings）。',
}

/** A variable name from a tag path's last segment: `Tank1/Level` -> `level`. */
export function variableNameFor(path: string): string {
  const last = path.split('/').pop() ?? path
  const id = last.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1')
  return id.charAt(0).toLowerCase() + id.slice(1)
}

function declareItems(input: StCompletionInput, section: string): StCompletion[] {
  const out: StCompletion[] = [{ label: 'END_VAR', kind: 'keyword', insertText: 'END_VAR' }]
  if (section === 'VAR_INPUT' || section === 'VAR_OUTPUT' || section === 'VAR_IN_OUT') {
    out.push(...tagItems(input, (t) => `${variableNameFor(t.path)} : ${t.dataType};  (* ${t.path} *)`, input.cursor.prefix))
  }
  return out
}

function typeItems(input: StCompletionInput): StCompletion[] {
  const out: StCompletion[] = ST_TYPES.map((t) => ({ label: t, kind: 'type' as const, insertText: t, detail: 'elementary type' }))
  out.push({ label: 'ARRAY', kind: 'snippet', insertText: 'ARRAY[${1:1}..${2:10}] OF ${3:REAL}', snippet: true, detail: 'ARRAY[a..b] OF T' })
  for (const b of libraryFbs()) out.push({ label: b.type, kind: 'class', insertText: b.type, detail: `FB · ${b.family}`, documentation: blockDoc(b, input.locale) })
  for (const p of input.unit.pous) {
    if (p.kind === 'FUNCTION_BLOCK') out.push({ label: p.name, kind: 'class', insertText: p.name, detail: 'FUNCTION_BLOCK (this APP)', documentation: pouSignature(p) })
  }
  return out
}

function codeItems(input: StCompletionInput): StCompletion[] {
  const out: StCompletion[] = []
  for (const v of input.pou?.variables ?? []) {
    if (v.section === 'RETURN') continue
    const tag = input.boundTag?.(v.name)
    out.push({
      label: v.name, kind: 'variable', insertText: v.name, sortText: `0${v.name}`,
      detail: `${v.type} · ${v.section}${v.constant ? ' CONSTANT' : ''}${v.retain ? ' RETAIN' : ''}${tag ? ` ← ${tag}` : ''}`,
      ...(libraryFbOrUser(input.unit, v.type) ? { documentation: callHint(input, v) } : {}),
    })
  }
  for (const f of STD_FUNCTIONS) {
    out.push({ label: f.name, kind: 'function', insertText: `${f.name}($0)`, snippet: true, detail: `${f.name}(${f.params})`, documentation: f.doc[input.locale], sortText: `2${f.name}` })
  }
  for (const name of COMMON_CONVERSIONS) {
    const f = stdFunction(name)!
    out.push({ label: name, kind: 'function', insertText: `${name}($0)`, snippet: true, detail: `${name}(IN)`, documentation: f.doc[input.locale], sortText: `3${name}` })
  }
  for (const p of input.unit.pous) {
    if (p.kind === 'FUNCTION') out.push({ label: p.name, kind: 'function', insertText: `${p.name}($0)`, snippet: true, detail: pouSignature(p), sortText: `1${p.name}` })
  }
  for (const k of ST_KEYWORDS) out.push({ label: k, kind: 'keyword', insertText: k, sortText: `4${k}` })
  return out
}

function libraryFbOrUser(unit: StUnit, type: string): boolean {
  return getBlock(type.toUpperCase()) !== undefined || unit.pous.some((p) => p.kind === 'FUNCTION_BLOCK' && p.name.toUpperCase() === type.toUpperCase())
}

/** How to call an FB instance: `t1(IN := , PT := );` from its inputs. */
function callHint(input: StCompletionInput, v: StVariable): string {
  const pins = fbPins(input.unit, v.type)
  const ins = pins.filter((p) => p.dir === 'input').map((p) => `${p.name} := `)
  return `${v.name}(${ins.join(', ')});`
}

export interface FbPin { name: string; dir: 'input' | 'output' | 'in_out'; type: string; doc?: string }

/** Pins of an FB type: a library block's (from its definition) or a user FUNCTION_BLOCK's (from its declaration). */
export function fbPins(unit: StUnit, type: string, locale: StLocale = 'en'): FbPin[] {
  const up = type.toUpperCase()
  const user = unit.pous.find((p) => p.kind === 'FUNCTION_BLOCK' && p.name.toUpperCase() === up)
  if (user) {
    return user.variables.flatMap((v): FbPin[] => {
      const dir = v.section === 'VAR_INPUT' ? 'input' : v.section === 'VAR_OUTPUT' ? 'output' : v.section === 'VAR_IN_OUT' ? 'in_out' : null
      return dir ? [{ name: v.name, dir, type: v.type }] : []
    })
  }
  const b = getBlock(up)
  if (!b) return []
  // Most library pins carry no text of their own; the block's description then says what the pin belongs to.
  const pin = (dir: 'input' | 'output') => (p: BlockDef['inputs'][number]): FbPin => ({
    name: p.name, dir, type: p.type, doc: p.description ? p.description[locale] : `${b.type}: ${b.description[locale]}`,
  })
  return [...b.inputs.map(pin('input')), ...b.outputs.map(pin('output'))]
}

function memberItems(input: StCompletionInput, owner: string): StCompletion[] {
  const v = input.pou?.variables.find((x) => x.name.toUpperCase() === owner.toUpperCase())
  if (!v) return []
  return fbPins(input.unit, v.type, input.locale).map((p) => ({
    label: p.name, kind: 'field' as const, insertText: p.name,
    detail: `${p.dir === 'input' ? 'input' : p.dir === 'output' ? 'output' : 'in/out'} ${p.type}`,
    ...(p.doc ? { documentation: p.doc } : {}),
    // Outputs first: after `inst.` one mostly reads a result.
    sortText: `${p.dir === 'output' ? 0 : 1}${p.name}`,
  }))
}

/** A library block's documentation: description, pins, notes. */
export function blockDoc(b: BlockDef, locale: StLocale): string {
  const pins = (list: BlockDef['inputs'], dir: string) => list.map((p) => `- ${dir} \`${p.name}\` : ${p.type}${p.unit ? ` [${p.unit}]` : ''}${p.description ? ` — ${p.description[locale]}` : ''}`)
  return [b.description[locale], '', ...pins(b.inputs, 'IN'), ...pins(b.outputs, 'OUT'), ...(b.notes ? ['', b.notes[locale]] : [])].join('\n')
}

/** `FUNCTION_BLOCK Name(IN a : INT, ...) : outputs` as one line. */
export function pouSignature(p: StPou): string {
  const list = (s: string) => p.variables.filter((v) => v.section === s).map((v) => `${v.name} : ${v.type}`).join(', ')
  const ins = list('VAR_INPUT')
  const outs = list('VAR_OUTPUT')
  const io = list('VAR_IN_OUT')
  return `${p.kind} ${p.name}(${[ins, io && `VAR_IN_OUT ${io}`].filter(Boolean).join('; ')})${p.returnType ? ` : ${p.returnType}` : ''}${outs ? ` => ${outs}` : ''}`
}
