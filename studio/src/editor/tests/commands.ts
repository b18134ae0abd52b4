/** Commands on APP test files (`tests/<name>.test.json`): create, delete, replace from the JSON text editor. */
import { defineCommand } from '../doc/command'
import type { ReadonlyDoc } from '../doc/command'

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

export const testFile = (name: string) => `tests/${name}.test.json`

/** Names of the draft's test files (`tests/<name>.test.json`), sorted as the loader reads them. */
export function testNames(doc: ReadonlyDoc): string[] {
  return doc.paths().filter((p) => /^tests\/[^/]+\.test\.json$/.test(p)).sort().map((p) => p.slice('tests/'.length, -'.test.json'.length))
}

/** A new test file with one case to fill in (valid against the schema, so it runs at once). */
export const createTestFile = defineCommand<{ name: string }>('tests.createFile', (doc, a) => {
  if (!NAME_RE.test(a.name)) return { error: `"${a.name}" is not a valid name: letters, digits, _ and - only; starts with a letter or _` }
  const path = testFile(a.name)
  if (doc.get(path) !== undefined) return { error: `${path} already exists` }
  return {
    changes: {
      [path]: { format: 1, name: a.name, cases: [{ name: 'first case', initial: {}, steps: [{ at: 0, set: {} }, { at: 1000, expect: {} }] }] },
    },
  }
})

export const deleteTestFile = defineCommand<{ name: string }>('tests.deleteFile', (doc, a) => {
  const path = testFile(a.name)
  if (doc.get(path) === undefined) return { error: `no test file ${a.name}` }
  return { changes: { [path]: null } }
})

/** Replace a test file with parsed JSON from the text editor (schema problems are shown, not refused). */
export const setTestFile = defineCommand<{ path: string; content: unknown }>('tests.setFile', (doc, a) => {
  if (!/^tests\/[^/]+\.test\.json$/.test(a.path)) return { error: `${a.path} is not a test file` }
  if (doc.get(a.path) === undefined) return { error: `no test file ${a.path}` }
  return { changes: { [a.path]: a.content } }
})

export const TEST_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'tests.createFile': { en: 'New test file', 'zh-CN': '新建测试文件' },
  'tests.deleteFile': { en: 'Delete test file', 'zh-CN': '删除测试文件' },
  'tests.setFile': { en: 'Edit test file', 'zh-CN': '编辑测试文件' },
}
