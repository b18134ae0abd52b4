import { describe, expect, it } from 'vitest'
import { editorHash, parseEditorHash } from '../../router/editor'

describe('ST and tests routes', () => {
  it('round-trips #/edit/st/<file> and #/edit/tests', () => {
    expect(parseEditorHash('#/edit/st/agitator')).toEqual({ kind: 'st', name: 'agitator' })
    expect(editorHash({ kind: 'st', name: 'agitator' })).toBe('#/edit/st/agitator')
    expect(parseEditorHash('#/edit/tests')).toEqual({ kind: 'tests' })
    expect(editorHash({ kind: 'tests' })).toBe('#/edit/tests')
    expect(parseEditorHash('#/edit/st')).toEqual({ kind: 'home' })
  })
})
