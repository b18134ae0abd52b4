/**
 * Runs the APP tests of the current draft in the browser, exactly as `takt test` does in the runtime: the draft's
 * files through blocks' loader (with the FB compiler as program check), then `tests/*.test.json` through
 * `loadAppTests`, each case through `runTestFile`. An APP that does not load counts as one failure, like the CLI.
 */
import { compileNetwork, formatCaseResult, loadApp, loadAppTests, memorySource, runTestFile } from '@takt/blocks'
import type { CaseFailure, CaseResult, Diagnostic } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { formatFile } from '../project/format'

export interface TestRun {
  /** Problems that stopped the APP from loading (then no case ran). */
  loadProblems: Diagnostic[]
  /** Problems of test files (bad JSON, schema); each counts as a failure. */
  testProblems: Diagnostic[]
  results: CaseResult[]
  passed: number
  failed: number
}

/** The draft as file texts, as the runtime would read them from disk. */
export function draftFiles(doc: ReadonlyDoc): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of doc.paths()) {
    const v = doc.get(p)
    if (v !== undefined) out[p] = formatFile(v)
  }
  return out
}

/**
 * Run the tests of `files`; `only` limits the run to one test file (its path).
 * @example const run = await runDraftTests(draftFiles(doc)); summaryLine(run) // '3 passed, 0 failed'
 */
export async function runDraftTests(files: Record<string, string>, only?: string): Promise<TestRun> {
  const source = memorySource(files)
  // FBD programs may use the APP's own ST and FBD function blocks: the loader passes them, as the runtime compiles them.
  const loaded = await loadApp(source, {
    programCheck: (program, file, library) => compileNetwork(program, library).diagnostics.map((d) => ({ ...d, file: d.file ?? file })),
  })
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  if (!loaded.app || errors.length > 0) return { loadProblems: errors, testProblems: [], results: [], passed: 0, failed: 1 }
  const tests = await loadAppTests(source)
  const testProblems = tests.diagnostics.filter((d) => only === undefined || d.file === only)
  const results: CaseResult[] = []
  for (const f of tests.files) {
    if (only !== undefined && f.path !== only) continue
    results.push(...runTestFile(loaded.app, f.path, f.tests))
  }
  const passed = results.filter((r) => r.passed).length
  const failed = results.length - passed + testProblems.filter((d) => d.severity === 'error').length
  return { loadProblems: [], testProblems, results, passed, failed }
}

/** The closing line, as the CLI prints it. */
export function summaryLine(run: Pick<TestRun, 'passed' | 'failed'>): string {
  return `${run.passed} passed, ${run.failed} failed`
}

/** A case as the panel shows it: the CLI's result line and its failures as table rows. */
export interface CaseRow {
  key: string
  file: string
  name: string
  passed: boolean
  line: string
  failures: { at: string; what: string; expected: string; actual: string }[]
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

function failureRow(f: CaseFailure): CaseRow['failures'][number] {
  return { at: `${f.at} ms`, what: f.what, expected: show(f.expected), actual: show(f.actual) }
}

export function caseRows(results: readonly CaseResult[]): CaseRow[] {
  return results.map((r, i) => ({
    key: `${r.file}\u0000${r.name}\u0000${i}`,
    file: r.file,
    name: r.name,
    passed: r.passed,
    line: formatCaseResult({ ...r, failures: [] }),
    failures: r.failures.map(failureRow),
  }))
}

/** Per test file: how many of its cases passed and failed in a run (files absent from the run are not listed). */
export function fileTotals(results: readonly CaseResult[]): Map<string, { passed: number; failed: number }> {
  const out = new Map<string, { passed: number; failed: number }>()
  for (const r of results) {
    const t = out.get(r.file) ?? { passed: 0, failed: 0 }
    if (r.passed) t.passed++
    else t.failed++
    out.set(r.file, t)
  }
  return out
}
