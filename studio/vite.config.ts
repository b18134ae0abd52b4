import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// The studio consumes blocks from source so that one build serves both faces without a prebuilt dist.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@takt/blocks': fileURLToPath(new URL('../blocks/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
})
