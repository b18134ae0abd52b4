import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@takt/blocks': src('./blocks/src/index.ts'),
      '@takt/runtime': src('./runtime/src/index.ts'),
      '@takt/plant-sim': src('./examples/plant-sim/src/index.ts'),
    },
  },
  test: {
    include: ['studio/src/**/*.test.ts', 'blocks/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start OPC UA servers and browsers on fixed-free ports; keep files sequential on 2 cores.
    fileParallelism: false,
    setupFiles: ['tests/setup-vitest.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
  },
})
