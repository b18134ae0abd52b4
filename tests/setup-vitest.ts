// Fail on unexpected warnings (STYLE.md 19): a console.warn/error that a test did not expect is a defect.
import { afterEach, beforeEach, vi } from 'vitest'

let unexpected: string[] = []
beforeEach(() => {
  unexpected = []
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      unexpected.push(`${level}: ${args.map(String).join(' ')}`)
    })
  }
})
afterEach(() => {
  vi.restoreAllMocks()
  if (unexpected.length > 0) throw new Error(`unexpected console output:\n${unexpected.join('\n')}`)
})
