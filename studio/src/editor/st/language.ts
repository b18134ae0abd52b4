/**
 * IEC 61131-3 Structured Text in Monaco: the `iec-st` Monarch tokenizer and the completion and hover providers.
 * Providers are registered once; each editor registers the context of its model URI (the unit, the tags, the
 * bindings) and gets back its remover, so the providers stay free of globals about any one editor.
 */
import type { ResolvedTag, StUnit } from '@takt/blocks'
import type { monaco as Monaco } from '../monaco/env'
import { libraryFbs, stCompletions } from './completion'
import type { StItemKind, StLocale } from './completion'
import { stCursor } from './context'
import { stHover } from './hover'
import { filePous, pouAt } from './unit'
import { ST_KEYWORDS, ST_TYPES } from './stdlib'

export const ST_LANGUAGE = 'iec-st'

/** What the providers need to know about one open ST file. */
export interface StModelContext {
  file: string
  unit(): StUnit
  tags(): readonly ResolvedTag[]
  locale(): StLocale
  /** The tag bound to `variable` of PROGRAM `program`, if any. */
  boundTag(program: string, variable: string): string | undefined
}

const contexts = new Map<string, StModelContext>()

/** Attach a context to a model URI; returns the remover. */
export function registerStModel(uri: string, ctx: StModelContext): () => void {
  contexts.set(uri, ctx)
  return () => {
    if (contexts.get(uri) === ctx) contexts.delete(uri)
  }
}

let registered = false

export function registerStLanguage(monaco: typeof Monaco): void {
  if (registered) return
  registered = true
  monaco.languages.register({ id: ST_LANGUAGE, extensions: ['.st'], aliases: ['Structured Text', 'IEC 61131-3 ST'] })
  monaco.languages.setLanguageConfiguration(ST_LANGUAGE, {
    comments: { lineComment: '//', blockComment: ['(*', '*)'] },
    brackets: [['(', ')'], ['[', ']']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: "'", close: "'", notIn: ['string', 'comment'] }],
    wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
  })
  monaco.languages.setMonarchTokensProvider(ST_LANGUAGE, {
    ignoreCase: true,
    keywords: [...ST_KEYWORDS],
    types: [...ST_TYPES],
    fbTypes: libraryFbs().map((b) => b.type),
    tokenizer: {
      root: [
        [/\(\*/, 'comment', '@comment'],
        [/\/\/.*$/, 'comment'],
        [/\{[^}]*\}/, 'annotation'],
        // Typed literals first: T#1s500ms, TIME#5m, LT#1h, INT#5, WORD#16#FF, 16#FF, 2#1010_1010, 8#17.
        [/(?:L?T|L?TIME)#[-+]?[0-9A-Za-z_.]+/, 'number'],
        [/[A-Za-z_][A-Za-z0-9_]*#(?:(?:2|8|16)#)?[0-9A-Fa-f_.]+(?:[eE][-+]?\d+)?/, 'number'],
        [/(?:2|8|16)#[0-9A-Fa-f_]+/, 'number'],
        [/\d[\d_]*(\.\d[\d_]*)?([eE][-+]?\d+)?/, 'number'],
        [/'([^'$]|\$.)*'/, 'string'],
        [/"([^"$]|\$.)*"/, 'string'],
        [/[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/, { cases: { '@keywords': 'keyword', '@default': 'function' } }],
        [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@types': 'type', '@fbTypes': 'type', '@default': 'identifier' } }],
        [/:=|=>|<>|<=|>=|\*\*|[-+*/=<>&:]/, 'operator'],
        [/[;,.()[\]]/, 'delimiter'],
        [/\s+/, 'white'],
      ],
      comment: [
        [/[^(*]+/, 'comment'],
        [/\*\)/, 'comment', '@pop'],
        [/[(*]/, 'comment'],
      ],
    },
  })
  const kinds: Record<StItemKind, Monaco.languages.CompletionItemKind> = {
    variable: monaco.languages.CompletionItemKind.Variable,
    field: monaco.languages.CompletionItemKind.Field,
    function: monaco.languages.CompletionItemKind.Function,
    class: monaco.languages.CompletionItemKind.Class,
    keyword: monaco.languages.CompletionItemKind.Keyword,
    type: monaco.languages.CompletionItemKind.TypeParameter,
    tag: monaco.languages.CompletionItemKind.Reference,
    snippet: monaco.languages.CompletionItemKind.Snippet,
  }
  const pouOf = (ctx: StModelContext, unit: StUnit, line: number) => pouAt(filePous(unit, ctx.file), line)
  monaco.languages.registerCompletionItemProvider(ST_LANGUAGE, {
    triggerCharacters: ['.', ':', '/'],
    provideCompletionItems(model, position) {
      const ctx = contexts.get(model.uri.toString())
      if (!ctx) return { suggestions: [] }
      const before = model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column })
      const cursor = stCursor(before)
      const unit = ctx.unit()
      const pou = pouOf(ctx, unit, position.lineNumber)
      const items = stCompletions({
        unit, pou, cursor, tags: ctx.tags(), locale: ctx.locale(),
        ...(pou ? { boundTag: (v: string) => ctx.boundTag(pou.name, v) } : {}),
      })
      // Replace what was typed: a tag path in a comment may hold `/`, so its range starts at the path.
      const startColumn = position.column - cursor.prefix.length
      const range = new monaco.Range(position.lineNumber, startColumn, position.lineNumber, position.column)
      return {
        incomplete: cursor.at === 'comment' || cursor.at === 'declare',
        suggestions: items.map((i) => ({
          label: i.label, kind: kinds[i.kind], insertText: i.insertText, range, filterText: i.label,
          ...(i.detail !== undefined ? { detail: i.detail } : {}),
          ...(i.documentation !== undefined ? { documentation: { value: i.documentation } } : {}),
          ...(i.sortText !== undefined ? { sortText: i.sortText } : {}),
          ...(i.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
        })),
      }
    },
  })
  monaco.languages.registerHoverProvider(ST_LANGUAGE, {
    provideHover(model, position) {
      const ctx = contexts.get(model.uri.toString())
      const w = model.getWordAtPosition(position)
      if (!ctx || !w) return null
      const lineText = model.getLineContent(position.lineNumber)
      const owner = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*$/.exec(lineText.slice(0, w.startColumn - 1))?.[1]
      const unit = ctx.unit()
      const pou = pouOf(ctx, unit, position.lineNumber)
      const md = stHover({
        unit, pou, word: w.word, locale: ctx.locale(),
        ...(owner !== undefined ? { owner } : {}),
        ...(pou ? { boundTag: (v: string) => ctx.boundTag(pou.name, v) } : {}),
      })
      if (!md) return null
      return {
        range: new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn),
        contents: md.map((value) => ({ value })),
      }
    },
  })
}
