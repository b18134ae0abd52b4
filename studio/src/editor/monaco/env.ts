/**
 * Monaco, loaded once for the whole studio: the core API plus the few contributions the editors use (completion,
 * hovers, bracket matching), and its one worker (the editor worker; our languages need no language workers).
 * Import this module lazily (dynamic import) so the viewer never downloads Monaco.
 */
import * as monaco from 'monaco-editor/editor/editor.api'
// The suggest feature module registers only inline completions; the suggest widget itself is its controller.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/bracketMatching/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

let ready = false

/** Set up workers and the theme once; returns the monaco namespace. */
export function setupMonaco(): typeof monaco {
  if (!ready) {
    ready = true
    self.MonacoEnvironment = { getWorker: () => new EditorWorker() }
    monaco.editor.defineTheme('takt', {
      base: 'vs', inherit: true,
      rules: [
        { token: 'tag', foreground: '1f4e8c', fontStyle: 'bold' },
        { token: 'function', foreground: '6b2f8a' },
        { token: 'keyword', foreground: '7a3e00', fontStyle: 'bold' },
        { token: 'number', foreground: '0b6b2f' },
        { token: 'string', foreground: '8a1c1c' },
      ],
      colors: { 'editor.background': '#f4f4f4' },
    })
  }
  return monaco
}

export { monaco }
