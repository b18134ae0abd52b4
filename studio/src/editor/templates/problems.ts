/**
 * Problems of one template while it is edited: its schema, its own checks (members, placeholders, faceplate
 * references) through the shared validator, and what each instance's parameters break. References to tags
 * outside the template are left to the full validation (validateDraft), which knows every tag.
 */
import { expandInstance, parseAppFile, validateApp } from '@takt/blocks'
import type { AppManifest, Diagnostic, FileEntry } from '@takt/blocks'
import type { ReadonlyDoc } from '../doc/command'
import { listInstances, templateNameOf } from './model'

export function templateProblems(doc: ReadonlyDoc, path: string): Diagnostic[] {
  const raw = doc.get(path)
  const name = templateNameOf(path)
  if (raw === undefined || name === null) return []
  const parsed = parseAppFile('template', path, JSON.stringify(raw, null, 2))
  if (!parsed.value) return parsed.diagnostics
  const app = doc.get('app.json')
  const m = app === undefined ? null : parseAppFile('app', 'app.json', JSON.stringify(app)).value
  const manifest: FileEntry<AppManifest> | null = m ? { file: 'app.json', value: m } : null
  const { diagnostics } = validateApp({
    manifest, tagFiles: [], programs: [], screens: [], templates: [{ file: path, value: parsed.value }],
    complete: { manifest: manifest !== null, tags: false, programs: false, screens: false, templates: true },
  })
  const out = diagnostics.filter((d) => d.file === path)
  for (const ins of listInstances(doc, name)) {
    for (const issue of expandInstance(parsed.value, ins.path, ins.params).issues) {
      out.push({ code: issue.code, severity: issue.severity, message: `${ins.path}: ${issue.message}`, file: ins.file })
    }
  }
  return out
}
