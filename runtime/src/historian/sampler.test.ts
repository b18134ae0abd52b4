import { describe, expect, it } from 'vitest'
import { Sampler } from './sampler.js'
import type { TagScalar } from '@takt/blocks'

function setup(settings: Parameters<Sampler['add']>[0]) {
  const out: { ts: number; v: TagScalar; s: number }[] = []
  const s = new Sampler((_h, ts, v, st) => out.push({ ts, v, s: st }))
  const h = s.add(settings)
  return { s, h, out }
}

describe('Sampler', () => {
  it('records every change without settings', () => {
    const { s, h, out } = setup({ enabled: true })
    for (let i = 0; i < 5; i++) s.offer(h, i, 0, 1000 + i * 10, 1000 + i * 10)
    expect(out.map((o) => o.v)).toEqual([0, 1, 2, 3, 4])
  })

  it('applies the deadband against the last recorded value, and lets status changes through', () => {
    const { s, h, out } = setup({ enabled: true, deadband: 1 })
    const vals = [10, 10.5, 10.9, 11.0, 11.5, 9.9, 9.95]
    vals.forEach((v, i) => s.offer(h, v, 0, i * 100, i * 100))
    expect(out.map((o) => o.v)).toEqual([10, 11.0, 9.9])
    s.offer(h, 9.95, 0x80000000, 1000, 1000)
    expect(out.at(-1)).toEqual({ ts: 1000, v: 9.95, s: 0x80000000 })
  })

  it('holds changes inside the minimum interval and records the latest when it ends', () => {
    const { s, h, out } = setup({ enabled: true, minIntervalMs: 1000 })
    s.offer(h, 1, 0, 0, 0)
    s.offer(h, 2, 0, 100, 100)
    s.offer(h, 3, 0, 200, 200)
    s.tick(500)
    expect(out.map((o) => o.v)).toEqual([1])
    s.tick(1000)
    expect(out.map((o) => [o.ts, o.v])).toEqual([[0, 1], [200, 3]])
    // a change after the interval passes at once
    s.offer(h, 4, 0, 2500, 2500)
    expect(out.at(-1)!.v).toBe(4)
    // a deferred value that falls back inside the deadband is not recorded
    s.offer(h, 5, 0, 2600, 2600)
    s.offer(h, 4, 0, 2700, 2700)
    s.tick(4000)
    expect(out.at(-1)!.v).toBe(4)
    expect(out).toHaveLength(3)
  })

  it('drain records deferred values (clean stop)', () => {
    const { s, h, out } = setup({ enabled: true, minIntervalMs: 10_000 })
    s.offer(h, 1, 0, 0, 0)
    s.offer(h, 2, 0, 50, 50)
    s.drain(60)
    expect(out.map((o) => o.v)).toEqual([1, 2])
  })

  it('writes a heartbeat of the current value when nothing was recorded for maxIntervalMs', () => {
    const { s, h, out } = setup({ enabled: true, deadband: 5, maxIntervalMs: 10_000 })
    s.offer(h, 1, 0, 0, 0)
    s.offer(h, 2, 0, 3000, 3000) // inside the deadband: not recorded, but it is the current value
    s.tick(9000)
    expect(out).toHaveLength(1)
    s.tick(10_000)
    expect(out.at(-1)).toEqual({ ts: 10_000, v: 2, s: 0 })
    s.tick(15_000)
    expect(out).toHaveLength(2)
    s.tick(20_000)
    expect(out).toHaveLength(3)
  })

  it('keeps timestamps strictly increasing per tag for small backward jitter', () => {
    const { s, h, out } = setup({ enabled: true })
    s.offer(h, 1, 0, 1000, 0)
    s.offer(h, 2, 0, 1000, 1)
    s.offer(h, 3, 0, 990, 2)
    expect(out.map((o) => o.ts)).toEqual([1000, 1001, 1002])
  })

  it('a removed tag records nothing more, and configure brings it back with new settings', () => {
    const { s, h, out } = setup({ enabled: true, maxIntervalMs: 1000, minIntervalMs: 500 })
    s.offer(h, 1, 0, 0, 0)
    s.offer(h, 2, 0, 100, 100) // deferred
    s.remove(h)
    expect(s.size).toBe(0)
    s.tick(5000)
    s.offer(h, 3, 0, 5000, 5000)
    expect(out).toHaveLength(1)
    s.configure(h, { enabled: true, deadband: 10 })
    expect(s.size).toBe(1)
    s.offer(h, 5, 0, 6000, 6000) // inside the new deadband of the last recorded value (1)
    s.tick(60_000)
    expect(out).toHaveLength(1)
    s.offer(h, 20, 0, 61_000, 61_000)
    expect(out.at(-1)!.v).toBe(20)
  })
})
