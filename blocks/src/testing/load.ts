/** Reads and validates the `tests/*.test.json` files of an APP (through the same reader the loader uses). */
import type { AppSource } from '../format/loader.js'
import type { Diagnostic } from '../errors.js'
import { TestFile } from './scenario.js'

export async function loadAppTests(source: AppSource): Promise<{ files: { path: string; tests: TestFile }[]; diagnostics: Diagnostic[] }> {
  const files: { path: string; tests: TestFile }[] = []
  const diagnostics: Diagnostic[] = []
  for (const name of (await source.list('tests')).filter((n) => n.endsWith('.test.json')).sort()) {
    const path = `tests/${name}`
    let raw: unknown
    try {
      raw = JSON.parse(await source.read(path))
    } catch (e) {
      diagnostics.push({ code: 'E_FILE_JSON', severity: 'error', file: path, message: (e as Error).message })
      continue
    }
    const r = TestFile.safeParse(raw)
    if (!r.success) {
      for (const i of r.error.issues.slice(0, 20)) {
        diagnostics.push({ code: 'E_SCHEMA', severity: 'error', file: path, path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''), message: i.message })
      }
      continue
    }
    files.push({ path, tests: r.data })
  }
  return { files, diagnostics }
}
