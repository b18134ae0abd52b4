import { describe, expect, it } from 'vitest'
import { editorHash, parseEditorHash } from './editor'

describe('editor routes', () => {
  it('parses every editor route and leaves viewer routes alone', () => {
    expect(parseEditorHash('#/edit')).toEqual({ kind: 'home' })
    expect(parseEditorHash('#/edit/')).toEqual({ kind: 'home' })
    expect(parseEditorHash('#/edit/screen/overview')).toEqual({ kind: 'screen', name: 'overview' })
    expect(parseEditorHash('#/edit/logic/level_control')).toEqual({ kind: 'logic', name: 'level_control' })
    expect(parseEditorHash('#/edit/tags')).toEqual({ kind: 'tags' })
    expect(parseEditorHash('#/edit/template/Pump')).toEqual({ kind: 'template', name: 'Pump' })
    expect(parseEditorHash('#/edit/deploy')).toEqual({ kind: 'deploy' })
    expect(parseEditorHash('#/edit/template/Motor/program/RunCheck')).toEqual({ kind: 'templateProgram', template: 'Motor', program: 'RunCheck' })
    expect(parseEditorHash('#/edit/template/Motor/program/RunCheck/')).toEqual({ kind: 'templateProgram', template: 'Motor', program: 'RunCheck' })
    expect(parseEditorHash('#/edit/screen/Motor/program/RunCheck')).toEqual({ kind: 'home' })
    expect(parseEditorHash('#/edit/template/Motor/widget/x')).toEqual({ kind: 'home' })
    expect(parseEditorHash('#/edit/screen/%E0')).toEqual({ kind: 'home' })
    expect(parseEditorHash('#/screen/overview')).toBeNull()
    expect(parseEditorHash('#/editor')).toBeNull()
    expect(parseEditorHash('')).toBeNull()
  })

  it('round-trips', () => {
    for (const r of [{ kind: 'home' }, { kind: 'screen', name: 'a b' }, { kind: 'tags' }, { kind: 'deploy' }, { kind: 'template', name: 'T' },
      { kind: 'templateProgram', template: 'Motor', program: 'Run Check' }] as const) {
      expect(parseEditorHash(editorHash(r))).toEqual(r)
    }
  })
})
