// ESM loader hooks for child processes of historian tests: run the TypeScript sources directly (transpile only),
// mapping `./x.js` imports to `./x.ts` and `@takt/blocks` to its sources, as vitest does in-process.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { URL, fileURLToPath } from 'node:url'
import ts from 'typescript'

const BLOCKS = new URL('../../../../blocks/src/index.ts', import.meta.url).href

export async function resolve(specifier, context, next) {
  if (specifier === '@takt/blocks') return { url: BLOCKS, shortCircuit: true }
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier.slice(0, -3) + '.ts', context.parentURL)
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true }
  }
  return next(specifier, context)
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context)
  const file = fileURLToPath(url)
  const out = ts.transpileModule(await readFile(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
  })
  return { format: 'module', source: out.outputText, shortCircuit: true }
}
