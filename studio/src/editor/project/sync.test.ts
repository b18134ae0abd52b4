import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineCommand } from '../doc/command'
import { ProjectDocument } from '../doc/document'
import { FakeDraftServer, MemoryStore } from './fake'
import { formatFile } from './format'
import { Journal } from './journal'
import { ProjectSync } from './sync'

interface S { format: 1; name: string; v: number }
const setV = defineCommand<{ path: string; v: number }>('test.setV', (doc, { path, v }) => {
  const s = doc.get<S>(path)
  return s ? { changes: { [path]: { ...s, v } } } : { error: 'missing' }
})
const removeFile = defineCommand<string>('test.remove', (_d, path) => ({ changes: { [path]: null } }))

const A = 'screens/a.json'
const B = 'screens/b.json'
const file = (name: string, v: number) => formatFile({ format: 1, name, v })

function setup(server = new FakeDraftServer('demo', { [A]: file('a', 0), [B]: file('b', 0), 'programs/p.st': 'PROGRAM p END_PROGRAM' }), store = new MemoryStore(), user = 'engineer') {
  const doc = new ProjectDocument()
  const sync = new ProjectSync({ api: server.session(user), doc, user, store, debounceMs: 800 })
  return { server, store, doc, sync }
}

describe('ProjectSync', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('opens the draft (JSON parsed, other files as text) and autosaves after a quiet period', async () => {
    const { server, doc, sync } = setup()
    await sync.open()
    expect(doc.get<S>(A)?.v).toBe(0)
    expect(doc.get('programs/p.st')).toBe('PROGRAM p END_PROGRAM')
    expect(sync.state.value).toBe('saved')
    doc.dispatch(setV, { path: A, v: 1 })
    doc.dispatch(setV, { path: A, v: 2 })
    expect(sync.state.value).toBe('unsaved')
    await vi.advanceTimersByTimeAsync(500)
    expect(server.saves).toBe(0)
    await vi.advanceTimersByTimeAsync(400)
    expect(server.saves).toBe(1)
    expect(server.files.get(A)).toBe(file('a', 2))
    expect(sync.state.value).toBe('saved')
    // Undo back to the saved content after a save sends the older content again, once.
    doc.undo()
    await vi.advanceTimersByTimeAsync(900)
    expect(server.files.get(A)).toBe(file('a', 1))
  })

  it('journals every edit at once and restores it after a reload, saving it then', async () => {
    const store = new MemoryStore()
    const first = setup(undefined, store)
    await first.sync.open()
    first.server.offline = true
    first.doc.dispatch(setV, { path: A, v: 7 })
    first.doc.dispatch(removeFile, B)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.map.size).toBe(1)
    await vi.advanceTimersByTimeAsync(900)
    expect(first.sync.state.value).toBe('offline')
    first.sync.dispose()

    // "Reload": a new document and sync on the same store, the runtime reachable again.
    first.server.offline = false
    const doc = new ProjectDocument()
    const sync = new ProjectSync({ api: first.server.session(), doc, user: 'engineer', store, debounceMs: 800 })
    await sync.open()
    expect(sync.restored.value).toBe(2)
    expect(doc.get<S>(A)?.v).toBe(7)
    expect(doc.get(B)).toBeUndefined()
    expect(sync.state.value).toBe('unsaved')
    await vi.advanceTimersByTimeAsync(900)
    expect(first.server.files.get(A)).toBe(file('a', 7))
    expect(first.server.files.has(B)).toBe(false)
    expect(store.map.size).toBe(0)
    expect(sync.state.value).toBe('saved')
  })

  it('keeps the journal per APP and user', () => {
    expect(Journal.keyFor('demo', 'alice')).not.toBe(Journal.keyFor('demo', 'bob'))
    const store = new MemoryStore()
    new Journal(store, Journal.keyFor('demo', 'alice')).put({ [A]: { content: 'x', baseHash: null } })
    expect(new Journal(store, Journal.keyFor('demo', 'bob')).size).toBe(0)
    store.setItem(Journal.keyFor('demo', 'carol'), '{corrupt')
    expect(new Journal(store, Journal.keyFor('demo', 'carol')).size).toBe(0)
  })

  it('reports a conflict on a stale save and never overwrites silently; keep mine overwrites knowingly', async () => {
    const { server, doc, sync } = setup()
    await sync.open()
    server.writeAs('bob', { [A]: file('a', 50) }) // bob's push is applied: no local edit to A yet
    await vi.advanceTimersByTimeAsync(0)
    expect(doc.get<S>(A)?.v).toBe(50)
    // Now a true race: bob saves again but the push is lost; my save meets E_CONFLICT.
    server.files.set(A, file('a', 60))
    doc.dispatch(setV, { path: A, v: 1 })
    doc.dispatch(setV, { path: B, v: 1 })
    await vi.advanceTimersByTimeAsync(900)
    expect(sync.state.value).toBe('conflict')
    expect(sync.conflicts.value.map((c) => c.path)).toEqual([A])
    expect(sync.conflicts.value[0]?.theirs).toMatchObject({ v: 60 })
    expect(server.files.get(A)).toBe(file('a', 60))
    // B was not in conflict: it is saved on its own while A waits for a decision.
    await vi.advanceTimersByTimeAsync(10)
    expect(server.files.get(B)).toBe(file('b', 1))
    sync.resolve(A, 'mine')
    await vi.advanceTimersByTimeAsync(10)
    expect(server.files.get(A)).toBe(file('a', 1))
    expect(sync.state.value).toBe('saved')
  })

  it('take theirs replaces my version and forgets my unsaved edit', async () => {
    const store = new MemoryStore()
    const { server, doc, sync } = setup(undefined, store)
    await sync.open()
    server.files.set(A, file('a', 60))
    doc.dispatch(setV, { path: A, v: 1 })
    await vi.advanceTimersByTimeAsync(900)
    expect(sync.state.value).toBe('conflict')
    sync.resolve(A, 'theirs')
    expect(doc.get<S>(A)?.v).toBe(60)
    expect(sync.state.value).toBe('saved')
    expect(store.map.size).toBe(0)
    await vi.advanceTimersByTimeAsync(900)
    expect(server.files.get(A)).toBe(file('a', 60))
  })

  it("applies another editor's saves to untouched files and marks a conflict on files I am editing", async () => {
    const { server, doc, sync } = setup()
    await sync.open()
    doc.dispatch(setV, { path: A, v: 3 })
    server.writeAs('bob', { [A]: file('a', 9), [B]: file('b', 9) })
    await vi.advanceTimersByTimeAsync(0)
    expect(doc.get<S>(B)?.v).toBe(9)
    expect(doc.get<S>(A)?.v).toBe(3)
    expect(sync.conflicts.value).toMatchObject([{ path: A, by: 'bob', theirs: { v: 9 } }])
    await vi.advanceTimersByTimeAsync(900)
    expect(server.files.get(A)).toBe(file('a', 9))
  })

  it('a second editor on the same draft: both see each other, neither loses an edit', async () => {
    const server = new FakeDraftServer('demo', { [A]: file('a', 0), [B]: file('b', 0) })
    const one = setup(server, new MemoryStore(), 'alice')
    const two = setup(server, new MemoryStore(), 'bob')
    await one.sync.open()
    await two.sync.open()
    one.doc.dispatch(setV, { path: A, v: 1 })
    await vi.advanceTimersByTimeAsync(900)
    expect(two.doc.get<S>(A)?.v).toBe(1)
    two.doc.dispatch(setV, { path: A, v: 2 })
    await vi.advanceTimersByTimeAsync(900)
    expect(server.files.get(A)).toBe(file('a', 2))
    expect(one.doc.get<S>(A)?.v).toBe(2)
    expect(one.sync.state.value).toBe('saved')
  })

  it('a restored edit whose base moved on the runtime is a conflict, not an overwrite', async () => {
    const store = new MemoryStore()
    const server = new FakeDraftServer('demo', { [A]: file('a', 0) })
    new Journal(store, Journal.keyFor('demo', 'engineer')).put({ [A]: { content: file('a', 5), baseHash: 'stale' } })
    const { doc, sync } = setup(server, store)
    await sync.open()
    expect(doc.get<S>(A)?.v).toBe(5)
    expect(sync.state.value).toBe('conflict')
    await vi.advanceTimersByTimeAsync(900)
    expect(server.files.get(A)).toBe(file('a', 0))
  })

  it('saves after the link comes back and reports invalid publishes with their problems', async () => {
    const { server, doc, sync } = setup()
    await sync.open()
    sync.setOnline(false)
    doc.dispatch(setV, { path: A, v: 4 })
    await vi.advanceTimersByTimeAsync(900)
    expect(sync.state.value).toBe('offline')
    sync.setOnline(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(server.files.get(A)).toBe(file('a', 4))
    server.problems = [{ code: 'E_REFERENCE', severity: 'error', message: 'unknown tag', file: A, path: '$.widgets[0]' }]
    const r = await sync.publish('first')
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'E_REFERENCE' }] })
    server.problems = []
    expect(await sync.publish('second')).toMatchObject({ ok: true, version: { version: '1', note: 'second' } })
  })

  it('keeps a malformed JSON file as text and reports it', async () => {
    const server = new FakeDraftServer('demo', { [A]: '{ broken' })
    const { doc, sync } = setup(server)
    await sync.open()
    expect(doc.get(A)).toBe('{ broken')
    expect(sync.loadProblems.value).toMatchObject([{ code: 'E_FILE_JSON', file: A }])
  })
})
