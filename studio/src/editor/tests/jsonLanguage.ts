/** A small JSON language for Monaco (Monarch only: the studio loads no language workers). */
import type { monaco as Monaco } from '../monaco/env'

export const JSON_LANGUAGE = 'takt-json'

let registered = false

export function registerJsonLanguage(monaco: typeof Monaco): void {
  if (registered) return
  registered = true
  monaco.languages.register({ id: JSON_LANGUAGE })
  monaco.languages.setLanguageConfiguration(JSON_LANGUAGE, {
    brackets: [['{', '}'], ['[', ']']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '"', close: '"', notIn: ['string'] }],
  })
  monaco.languages.setMonarchTokensProvider(JSON_LANGUAGE, {
    tokenizer: {
      root: [
        [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'tag'],
        [/"(?:[^"\\]|\\.)*"/, 'string'],
        [/-?\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
        [/\b(?:true|false|null)\b/, 'keyword'],
        [/[{}[\],:]/, 'delimiter'],
        [/\s+/, 'white'],
      ],
    },
  })
}
