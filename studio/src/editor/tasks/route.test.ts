import { describe, expect, it } from 'vitest'
import { editorHash, parseEditorHash } from '../../router/editor'

describe('the Tasks route', () => {
  it('#/edit/tasks opens the Tasks page and round-trips', () => {
    expect(parseEditorHash('#/edit/tasks')).toEqual({ kind: 'tasks' })
    expect(parseEditorHash('#/edit/tasks/')).toEqual({ kind: 'tasks' })
    expect(parseEditorHash('#/edit/tasks/main')).toEqual({ kind: 'home' })
    expect(editorHash({ kind: 'tasks' })).toBe('#/edit/tasks')
  })
})
