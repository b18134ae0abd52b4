/** APP tests: scenarios over virtual time, run in the same engine as the runtime. */
export { TestFile, TestCase, Step, Expectation } from './scenario.js'
export { runCase, runTestFile, formatCaseResult, MAX_CASE_MS } from './runner.js'
export type { CaseResult, CaseFailure } from './runner.js'
export { loadAppTests } from './load.js'
