/**
 * Editor routes: `#/edit`, `#/edit/screen/<name>`, `#/edit/logic/<name>`, `#/edit/tags`, `#/edit/template/<name>`,
 * `#/edit/template/<name>/program/<program>` (the network of a template program), `#/edit/deploy`,
 * `#/edit/st/<file>` (programs/<file>.st), `#/edit/fb/<NAME>` (blocks/<NAME>.fb.json), `#/edit/tests`, `#/edit/tasks`. Any other
 * hash belongs to the viewer (`routeEditor` is then null).
 */
import { ref } from 'vue'

export type EditorRoute =
  | { kind: 'home' }
  | { kind: 'screen'; name: string }
  | { kind: 'logic'; name: string }
  | { kind: 'tags' }
  | { kind: 'template'; name: string }
  | { kind: 'templateProgram'; template: string; program: string }
  | { kind: 'deploy' }
  | { kind: 'st'; name: string }
  | { kind: 'fb'; name: string }
  | { kind: 'tests' }
  | { kind: 'tasks' }

function decode(s: string): string | null {
  try {
    const d = decodeURIComponent(s)
    return d === '' ? null : d
  } catch {
    return null
  }
}

export function parseEditorHash(hash: string): EditorRoute | null {
  const m = /^#\/edit(?:\/([a-z]+)(?:\/([^/?#]+)(?:\/([a-z]+)\/([^/?#]+))?)?)?\/?(?:[?#].*)?$/.exec(hash)
  if (!m) return null
  const [, kind, arg, sub, subArg] = m
  if (kind === undefined) return { kind: 'home' }
  if (sub !== undefined) {
    const template = decode(arg ?? '')
    const program = decode(subArg ?? '')
    return kind === 'template' && sub === 'program' && template !== null && program !== null ? { kind: 'templateProgram', template, program } : { kind: 'home' }
  }
  if (kind === 'tags' && arg === undefined) return { kind: 'tags' }
  if (kind === 'deploy' && arg === undefined) return { kind: 'deploy' }
  if (kind === 'tests' && arg === undefined) return { kind: 'tests' }
  if (kind === 'tasks' && arg === undefined) return { kind: 'tasks' }
  if ((kind === 'screen' || kind === 'logic' || kind === 'template' || kind === 'st' || kind === 'fb') && arg !== undefined) {
    const name = decode(arg)
    return name === null ? { kind: 'home' } : { kind, name }
  }
  return { kind: 'home' }
}

export function editorHash(r: EditorRoute): string {
  switch (r.kind) {
    case 'home': return '#/edit'
    case 'tags': return '#/edit/tags'
    case 'deploy': return '#/edit/deploy'
    case 'tests': return '#/edit/tests'
    case 'tasks': return '#/edit/tasks'
    case 'templateProgram': return `#/edit/template/${encodeURIComponent(r.template)}/program/${encodeURIComponent(r.program)}`
    default: return `#/edit/${r.kind}/${encodeURIComponent(r.name)}`
  }
}

/** The editor route in the URL, or null when the URL is a viewer route. */
export const routeEditor = ref<EditorRoute | null>(typeof location === 'undefined' ? null : parseEditorHash(location.hash))

let installed = false
/** Follow `hashchange` for editor routes; returns the remover. */
export function installEditorRouter(): () => void {
  if (installed) return () => {}
  installed = true
  const onChange = () => { routeEditor.value = parseEditorHash(location.hash) }
  window.addEventListener('hashchange', onChange)
  onChange()
  return () => {
    window.removeEventListener('hashchange', onChange)
    installed = false
  }
}

export function navigateEditor(r: EditorRoute): void {
  const h = editorHash(r)
  if (location.hash !== h) location.hash = h
  routeEditor.value = r
}
