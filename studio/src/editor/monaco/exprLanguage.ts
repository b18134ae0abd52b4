/**
 * The binding expression language in Monaco: a Monarch tokenizer, completion of tag paths inside `{...}` and of
 * function names, and markers from the real compiler (blocks' compileExpression) with line/column.
 */
import { ExprFunctions, compileExpression, getExprFunction } from '@takt/blocks'
import type { ResolvedTag } from '@takt/blocks'
import type { monaco as Monaco } from './env'

export const EXPR_LANGUAGE = 'takt-expr'

/** Tags offered by completion; the editor that shows an expression sets it (the draft's tag list). */
let tagSource: () => readonly ResolvedTag[] = () => []
export function setExprTags(fn: () => readonly ResolvedTag[]): void {
  tagSource = fn
}

let registered = false

export function registerExprLanguage(monaco: typeof Monaco): void {
  if (registered) return
  registered = true
  const fnNames = [...ExprFunctions]
  monaco.languages.register({ id: EXPR_LANGUAGE })
  monaco.languages.setLanguageConfiguration(EXPR_LANGUAGE, {
    brackets: [['(', ')'], ['{', '}']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '{', close: '}' }, { open: '"', close: '"' }, { open: "'", close: "'" }],
  })
  monaco.languages.setMonarchTokensProvider(EXPR_LANGUAGE, {
    ignoreCase: true,
    keywords: ['and', 'or', 'not', 'true', 'false'],
    functions: fnNames,
    tokenizer: {
      root: [
        [/\{[^}]*\}/, 'tag'],
        [/[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/, { cases: { '@functions': 'function', '@default': 'invalid' } }],
        [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/, 'number'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/\*\*|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:]/, 'operator'],
        [/[(),]/, 'delimiter'],
        [/\s+/, 'white'],
      ],
    },
  })
  monaco.languages.registerCompletionItemProvider(EXPR_LANGUAGE, {
    triggerCharacters: ['{', '/'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1)
      const open = line.lastIndexOf('{')
      const inTag = open > line.lastIndexOf('}')
      if (inTag) {
        const typed = line.slice(open + 1)
        // An auto-closed `}` right after the cursor is replaced too, so the cursor ends after the tag.
        const closeAfter = model.getLineContent(position.lineNumber).charAt(position.column - 1) === '}'
        const range = new monaco.Range(position.lineNumber, open + 2, position.lineNumber, position.column + (closeAfter ? 1 : 0))
        const q = typed.toLowerCase()
        const suggestions = tagSource()
          .filter((t) => t.path.toLowerCase().includes(q))
          .slice(0, 200)
          .map((t) => ({
            label: t.path,
            kind: monaco.languages.CompletionItemKind.Variable,
            detail: `${t.dataType}${t.unit ? ` [${t.unit}]` : ''}`,
            insertText: `${t.path}}`,
            filterText: t.path,
            range,
          }))
        return { suggestions, incomplete: true }
      }
      const word = model.getWordUntilPosition(position)
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn)
      const suggestions = fnNames.map((name) => {
        const f = getExprFunction(name) ?? { params: '', doc: '' }
        return {
          label: name,
          kind: monaco.languages.CompletionItemKind.Function,
          detail: `${name}(${f.params})`,
          documentation: f.doc,
          insertText: `${name}($0)`,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range,
        }
      })
      return { suggestions }
    },
  })
}

/** monaco.MarkerSeverity.Error, without loading Monaco to compute markers. */
const SEVERITY_ERROR = 8

/** Markers for an expression: the compiler's diagnostics, with unknown tags checked against `isTag`. */
export function exprMarkers(source: string, isTag: (p: string) => boolean): Monaco.editor.IMarkerData[] {
  if (source.trim() === '') return []
  const r = compileExpression(source, { isTag })
  if (r.ok) return []
  return r.diagnostics.map((d) => {
    const line = d.line ?? 1
    const col = d.column ?? 1
    return {
      severity: SEVERITY_ERROR,
      message: `${d.code}: ${d.message}`,
      startLineNumber: line,
      startColumn: col,
      endLineNumber: d.endLine ?? line,
      endColumn: d.endColumn ?? col + 1,
    }
  })
}
