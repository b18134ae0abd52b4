// One lint config for the workspace. Environment boundaries (STYLE.md 1-2) are enforced here and by the tsconfigs:
// blocks may import neither Node built-ins nor studio/runtime; studio and runtime never import each other.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'tests/artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['blocks/src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'stream', 'events'], message: 'blocks is pure: no Node built-ins' },
        { group: ['@takt/runtime', '@takt/studio', '**/runtime/**', '**/studio/**', 'vue', 'ws'], message: 'blocks imports neither runtime nor studio' },
      ] }],
    },
  },
  {
    files: ['studio/src/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', '@takt/runtime', '**/runtime/**', 'node-opcua', 'ws'], message: 'studio meets runtime only through the wire types in blocks' },
      ] }],
    },
  },
  {
    files: ['runtime/src/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@takt/studio', '**/studio/**', 'vue'], message: 'runtime never imports studio' },
        { group: ['node:vm', 'vm'], message: 'no vm on user text (DESIGN.md Security)' },
      ] }],
    },
  },
  { files: ['examples/**/*.ts', 'tests/**/*.ts', '*.ts', '*.js'], languageOptions: { globals: globals.node } },
)
