import { describe, expect, it } from 'vitest'
import { Status } from '@takt/blocks'
import type { ResolvedTag, TagValue, Widget } from '@takt/blocks'
import { buildView, canWriteTag, resolveProp, widgetTags } from './resolve'
import type { BindingContext } from './resolve'
import type { CompiledBinding } from './expr'
import type { PropSpec } from '../widgets/types'

const L = { en: 'x', 'zh-CN': 'x' }
const spec = (name: string, extra: Partial<PropSpec> = {}): PropSpec => ({ name, type: 'value', label: L, bindable: true, ...extra })

const TAGS: ResolvedTag[] = [
  { path: 'T/Level', name: 'Level', dataType: 'REAL', source: { kind: 'memory' }, unit: 'm', range: { min: 0, max: 5 } },
  { path: 'T/SP', name: 'SP', dataType: 'REAL', source: { kind: 'memory' }, access: { write: 'operator' } },
  { path: 'T/Run', name: 'Run', dataType: 'BOOL', source: { kind: 'memory' }, access: { write: 'engineer', confirm: true } },
]

/** A stub compiler for `{a} + {b}`-style sums, so these tests do not depend on the expression language. */
function stubCompile(src: string): CompiledBinding {
  if (src === 'broken') return { ok: false, message: 'E_EXPR_SYNTAX: nope' }
  const refs = [...src.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string)
  return {
    ok: true, refs,
    evaluate: (get) => {
      let sum = 0
      for (const r of refs) {
        const v = get(r)
        if (typeof v !== 'number') return null
        sum += v
      }
      return sum
    },
  }
}

function ctx(values: Record<string, TagValue>, role: BindingContext['role'] = 'operator'): BindingContext {
  const byPath = new Map(TAGS.map((t) => [t.path, t]))
  return {
    value: (p) => values[p] ?? { value: null, status: Status.BadWaitingForInitialData, sourceTime: 0 },
    tag: (p) => byPath.get(p),
    compile: stubCompile,
    role,
  }
}
const good = (value: TagValue['value']): TagValue => ({ value, status: Status.Good, sourceTime: 1 })
const widget = (extra: Partial<Widget>): Widget => ({ id: 'w1', type: 'numeric', x: 0, y: 0, w: 100, h: 30, ...extra })

describe('resolveProp', () => {
  it('uses the static prop, else the spec default', () => {
    const c = ctx({})
    expect(resolveProp(widget({ props: { value: 3 } }), spec('value'), c)).toEqual({ value: 3, quality: null })
    expect(resolveProp(widget({}), spec('value', { default: 7 }), c)).toEqual({ value: 7, quality: null })
  })

  it('a tag binding gives the live value, its quality and the tag metadata', () => {
    const r = resolveProp(widget({ bindings: { value: { tag: 'T/Level' } } }), spec('value'), ctx({ 'T/Level': good(2.5) }))
    expect(r).toMatchObject({ value: 2.5, quality: 'good', path: 'T/Level' })
    expect(r.tag?.unit).toBe('m')
  })

  it('a value not yet received is bad, never a default that looks good', () => {
    const r = resolveProp(widget({ props: { value: 1 }, bindings: { value: { tag: 'T/Level' } } }), spec('value'), ctx({}))
    expect(r).toMatchObject({ value: null, quality: 'bad' })
  })

  it('a tag-reference prop (trend pen) gives the path, not the value', () => {
    const r = resolveProp(widget({ bindings: { pen1: { tag: 'T/Level' } } }), spec('pen1', { type: 'tag' }), ctx({}))
    expect(r).toMatchObject({ value: 'T/Level', quality: null, path: 'T/Level' })
  })

  it('an expression takes the worst quality of its inputs', () => {
    const w = widget({ bindings: { value: { expr: '{T/Level} + {T/SP}' } } })
    expect(resolveProp(w, spec('value'), ctx({ 'T/Level': good(1), 'T/SP': good(2) }))).toEqual({ value: 3, quality: 'good' })
    const unc = { value: 2, status: Status.Uncertain, sourceTime: 1 }
    expect(resolveProp(w, spec('value'), ctx({ 'T/Level': good(1), 'T/SP': unc }))).toEqual({ value: 3, quality: 'uncertain' })
    const bad = { value: 2, status: Status.BadNotConnected, sourceTime: 1 }
    expect(resolveProp(w, spec('value'), ctx({ 'T/Level': good(1), 'T/SP': bad }))).toMatchObject({ value: null, quality: 'bad' })
  })

  it('an expression that does not compile shows bad with its message', () => {
    const r = resolveProp(widget({ bindings: { value: { expr: 'broken' } } }), spec('value'), ctx({}))
    expect(r).toMatchObject({ value: null, quality: 'bad', error: 'E_EXPR_SYNTAX: nope' })
  })

  it('ignores a binding on a property that is not bindable', () => {
    const r = resolveProp(widget({ props: { label: 'L' }, bindings: { label: { tag: 'T/Level' } } }), spec('label', { bindable: false }), ctx({}))
    expect(r).toEqual({ value: 'L', quality: null })
  })
})

describe('write permission', () => {
  it('needs a writing role on the tag at or below the session role', () => {
    const [level, sp, run] = TAGS
    expect(canWriteTag(level, 'admin')).toBe(false)
    expect(canWriteTag(sp, 'viewer')).toBe(false)
    expect(canWriteTag(sp, 'operator')).toBe(true)
    expect(canWriteTag(run, 'operator')).toBe(false)
    expect(canWriteTag(run, 'engineer')).toBe(true)
    expect(canWriteTag(undefined, 'admin')).toBe(false)
  })

  it('buildView marks writable props and clickable widgets per role', () => {
    const specs = [spec('value', { writes: true })]
    const w = widget({
      type: 'toggle', bindings: { value: { tag: 'T/Run' } },
      events: { click: [{ action: 'write', tag: 'T/SP', value: 1 }, { action: 'openScreen', screen: 's2' }] },
    })
    const asOperator = buildView(w, specs, ctx({ 'T/Run': good(true) }, 'operator'))
    expect(asOperator.writable).toEqual({ value: false })
    expect(asOperator.clickable).toBe(true)
    expect(buildView(w, specs, ctx({}, 'engineer')).writable).toEqual({ value: true })
    expect(buildView(w, specs, ctx({}, 'viewer')).clickable).toBe(false)
  })
})

describe('widgetTags', () => {
  it('collects bound tags, expression refs, tag lists and toggled tags once each', () => {
    const w = widget({
      type: 'trend',
      props: { pens: ['T/A', 'T/Level', 5] },
      bindings: { pen1: { tag: 'T/Level' }, text: { expr: '{T/SP} + {T/Level}' }, other: { expr: 'broken' } },
      events: { click: [{ action: 'toggle', tag: 'T/Run' }, { action: 'write', tag: 'T/W', value: 1 }] },
    })
    const tags = widgetTags(w, [spec('pens', { type: 'tagList', bindable: false })], stubCompile)
    expect(tags.sort()).toEqual(['T/A', 'T/Level', 'T/Run', 'T/SP'])
  })
})
