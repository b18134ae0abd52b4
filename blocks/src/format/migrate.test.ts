import { describe, expect, it } from 'vitest'
import { migrateDocument, migrations } from './migrate.js'
import type { MigrationRegistry } from './migrate.js'

/** A fake history: v0 screens had `caption`; v1 calls it `title`; v2 (future) adds `nav`. */
const registry: MigrationRegistry = {
  app: {}, tags: {}, program: {}, template: {}, fbBlock: {},
  screen: {
    0: ({ caption, ...rest }) => ({ ...rest, title: caption }),
    1: (doc) => ({ ...doc, nav: true }),
  },
}

describe('migrateDocument', () => {
  it('has no steps yet: v1 is the first format', () => {
    expect(migrations).toEqual({ app: {}, tags: {}, program: {}, screen: {}, template: {}, fbBlock: {} })
    expect(migrateDocument('screen', { format: 1, name: 'x' })).toEqual({ ok: true, doc: { format: 1, name: 'x' }, from: 1 })
  })

  it('runs one numbered step at a time up to the current version', () => {
    expect(migrateDocument('screen', { format: 0, caption: 'Old' }, registry, 1)).toEqual({ ok: true, doc: { format: 1, title: 'Old' }, from: 0 })
    expect(migrateDocument('screen', { format: 0, caption: 'Old' }, registry, 2)).toEqual({ ok: true, doc: { format: 2, title: 'Old', nav: true }, from: 0 })
    expect(migrateDocument('screen', { format: 1, title: 'New' }, registry, 2)).toEqual({ ok: true, doc: { format: 2, title: 'New', nav: true }, from: 1 })
  })

  it('keeps steps per file kind', () => {
    expect(migrateDocument('tags', { format: 0 }, registry, 1)).toMatchObject({ ok: false, code: 'E_FORMAT_VERSION', message: 'format 0 is not supported: no migration from 0 to 1' })
  })

  it('refuses newer, missing and malformed versions', () => {
    expect(migrateDocument('app', { format: 3 })).toMatchObject({ ok: false, code: 'E_FORMAT_VERSION', path: '$.format', message: expect.stringMatching(/^format 3 is newer/) })
    expect(migrateDocument('app', {})).toMatchObject({ ok: false, code: 'E_SCHEMA', path: '$.format' })
    expect(migrateDocument('app', { format: 1.5 })).toMatchObject({ ok: false, code: 'E_SCHEMA', path: '$.format' })
    expect(migrateDocument('app', { format: -1 })).toMatchObject({ ok: false, code: 'E_SCHEMA' })
    expect(migrateDocument('app', null)).toMatchObject({ ok: false, code: 'E_SCHEMA', path: '$' })
    expect(migrateDocument('app', [])).toMatchObject({ ok: false, code: 'E_SCHEMA', path: '$' })
  })

  it('reports a failing step instead of throwing', () => {
    const broken: MigrationRegistry = { ...registry, app: { 0: () => { throw new Error('bad data') } } }
    expect(migrateDocument('app', { format: 0 }, broken, 1)).toMatchObject({ ok: false, code: 'E_FORMAT_VERSION', message: 'migration from format 0 to 1 failed: bad data' })
    const wrong: MigrationRegistry = { ...registry, app: { 0: () => null as unknown as Record<string, unknown> } }
    expect(migrateDocument('app', { format: 0 }, wrong, 1)).toMatchObject({ ok: false, code: 'E_FORMAT_VERSION' })
  })

  it('ignores inherited properties of the registry', () => {
    expect(migrateDocument('app', { format: 0 }, { app: Object.create({ 0: () => ({}) }) as Record<number, never>, tags: {}, program: {}, screen: {} }, 1))
      .toMatchObject({ ok: false, code: 'E_FORMAT_VERSION' })
  })
})
