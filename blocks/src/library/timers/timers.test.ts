import { describe, expect, it } from 'vitest'
import { rig, type Rig } from '../../engine/__tests__/net.js'

const out = (r: Rig): [unknown, unknown] => [r.get('Q'), r.get('ET')]

describe('TON', () => {
  it('Q rises once IN has been TRUE for PT; ET counts and stops at PT', () => {
    const r = rig('TON', { PT: 1000 })
    expect(out(r.step({ IN: true }))).toEqual([false, 0])
    expect(out(r.scan(500))).toEqual([false, 500])
    expect(out(r.scan(499))).toEqual([false, 999])
    expect(out(r.scan(1))).toEqual([true, 1000])
    expect(out(r.scan(5000))).toEqual([true, 1000])
    expect(out(r.step({ IN: false }, 10))).toEqual([false, 0])
  })

  it('a pulse shorter than PT never sets Q, and each rise starts from 0', () => {
    const r = rig('TON', { PT: 1000 })
    r.step({ IN: true }).scan(900)
    expect(out(r.step({ IN: false }, 50))).toEqual([false, 0])
    expect(out(r.step({ IN: true }, 50))).toEqual([false, 0])
    expect(out(r.scan(900))).toEqual([false, 900])
  })

  it('PT may change while running: Q follows elapsed >= PT', () => {
    const r = rig('TON')
    r.step({ IN: true, PT: 1000 }).scan(600)
    expect(out(r.step({ PT: 500 }))).toEqual([true, 500])
    expect(out(r.step({ PT: 2000 }, 100))).toEqual([false, 700])
    expect(out(r.scan(1300))).toEqual([true, 2000])
  })

  it('PT = 0 sets Q on the rising scan', () => {
    expect(out(rig('TON', { PT: 0 }).step({ IN: true }))).toEqual([true, 0])
  })

  it('IN TRUE on the first scan starts timing at that scan (dt = 0)', () => {
    const r = rig('TON', { PT: 100 })
    r.clock.advance(10_000) // time before the first scan does not count
    expect(out(r.step({ IN: true }))).toEqual([false, 0])
    expect(out(r.scan(100))).toEqual([true, 100])
  })
})

describe('TOF', () => {
  it('Q follows IN up at once and falls PT after IN falls; ET holds PT afterwards', () => {
    const r = rig('TOF', { PT: 1000 })
    expect(out(r.step({ IN: false }))).toEqual([false, 0])
    expect(out(r.step({ IN: true }, 100))).toEqual([true, 0])
    expect(out(r.step({ IN: false }, 100))).toEqual([true, 0])
    expect(out(r.scan(300))).toEqual([true, 300])
    expect(out(r.scan(700))).toEqual([false, 1000])
    expect(out(r.scan(500))).toEqual([false, 1000])
    expect(out(r.step({ IN: true }, 10))).toEqual([true, 0])
  })

  it('IN rising during the delay keeps Q and restarts the delay on the next fall', () => {
    const r = rig('TOF', { PT: 1000 })
    r.step({ IN: true }).step({ IN: false }, 10).scan(800)
    expect(out(r.step({ IN: true }, 100))).toEqual([true, 0])
    expect(out(r.step({ IN: false }, 100))).toEqual([true, 0])
    expect(out(r.scan(900))).toEqual([true, 900])
    expect(out(r.scan(100))).toEqual([false, 1000])
  })

  it('PT may change during the delay', () => {
    const r = rig('TOF')
    r.step({ IN: true, PT: 1000 }).step({ IN: false }, 10).scan(600)
    expect(out(r.step({ PT: 500 }))).toEqual([false, 500])
    expect(out(r.step({ PT: 800 }, 100))).toEqual([true, 700])
  })
})

describe('TP', () => {
  it('a rising edge gives a pulse of exactly PT, ET then holds PT while IN stays TRUE', () => {
    const r = rig('TP', { PT: 1000 })
    expect(out(r.step({ IN: false }))).toEqual([false, 0])
    expect(out(r.step({ IN: true }, 100))).toEqual([true, 0])
    expect(out(r.scan(999))).toEqual([true, 999])
    expect(out(r.scan(1))).toEqual([false, 1000])
    expect(out(r.scan(500))).toEqual([false, 1000])
    expect(out(r.step({ IN: false }, 10))).toEqual([false, 0])
  })

  it('is not retriggerable: edges during the pulse are ignored, and IN falling does not cut it short', () => {
    const r = rig('TP', { PT: 1000 })
    r.step({ IN: true })
    expect(out(r.step({ IN: false }, 300))).toEqual([true, 300])
    expect(out(r.step({ IN: true }, 300))).toEqual([true, 600])
    expect(out(r.step({ IN: false }, 300))).toEqual([true, 900])
    expect(out(r.scan(100))).toEqual([false, 0])
    expect(out(r.step({ IN: true }, 10))).toEqual([true, 0])
  })

  it('IN TRUE on the first scan starts a pulse', () => {
    expect(out(rig('TP', { PT: 100 }).step({ IN: true }))).toEqual([true, 0])
  })

  it('PT may change during the pulse', () => {
    const r = rig('TP')
    r.step({ IN: true, PT: 1000 }).scan(400)
    expect(out(r.step({ PT: 300 }))).toEqual([false, 300])
  })
})
