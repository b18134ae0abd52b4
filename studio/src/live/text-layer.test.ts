import { describe, expect, it } from 'vitest'
import { overlapped, TextLayer } from './text-layer'
import type { SlotStyle, TextCanvas } from './text-layer'

/** A 2D context that records the calls the layer makes; every glyph is 6 px wide. */
function recorder() {
  const calls: string[] = []
  const g = {
    font: '', fillStyle: '', textAlign: 'start', textBaseline: 'alphabetic',
    setTransform: (...a: number[]) => calls.push(`T ${a.join(',')}`),
    clearRect: (...a: number[]) => calls.push(`C ${a.join(',')}`),
    fillText: (t: string, x: number, y: number) => calls.push(`F ${t} ${x},${y} ${g.textAlign} ${String(g.fillStyle)}`),
    measureText: (t: string) => ({ width: t.length * 6 }) as TextMetrics,
    save: () => calls.push('save'),
    restore: () => calls.push('restore'),
    beginPath: () => {},
    rect: (...a: number[]) => calls.push(`R ${a.join(',')}`),
    clip: () => calls.push('clip'),
  }
  return { g: g as unknown as TextCanvas, calls }
}

const STYLE: SlotStyle = { font: 'bold 10px monospace', color: '#222', align: 'right' }

function setup() {
  const { g, calls } = recorder()
  const jobs: (() => void)[] = []
  const layer = new TextLayer((fn) => jobs.push(fn))
  layer.attach(g)
  const run = () => {
    while (jobs.length) jobs.shift()!()
  }
  run()
  calls.length = 0
  return { layer, calls, run, jobs }
}

describe('TextLayer', () => {
  it('draws a placed slot once per flush, clearing what it drew before', () => {
    const { layer, calls, run, jobs } = setup()
    const s = layer.slot()
    s.place({ x: 10, y: 20, w: 40, h: 10 }, STYLE)
    s.set('1.00')
    s.set('1.50')
    expect(jobs).toHaveLength(1)
    run()
    expect(calls.filter((c) => c.startsWith('F'))).toEqual(['F 1.50 50,25 right #222'])
    calls.length = 0
    s.set('1.50')
    expect(jobs).toHaveLength(0)
    s.set('2.00')
    run()
    expect(calls.filter((c) => !c.startsWith('T'))).toEqual(['C 9.5,19.5,41,11', 'F 2.00 50,25 right #222'])
  })

  it('redraws only the slots that changed', () => {
    const { layer, calls, run } = setup()
    const slots = Array.from({ length: 100 }, (_, i) => {
      const s = layer.slot()
      s.place({ x: i * 50, y: 0, w: 40, h: 10 }, STYLE)
      s.set(String(i))
      return s
    })
    run()
    calls.length = 0
    slots[7]!.set('x')
    slots[42]!.set('y')
    run()
    expect(calls.filter((c) => c.startsWith('F'))).toEqual(['F x 390,5 right #222', 'F y 2140,5 right #222'])
  })

  it('maps screen pixels through the view and draws everything again after a new view', () => {
    const { layer, calls, run } = setup()
    const a = layer.slot()
    a.place({ x: 0, y: 0, w: 30, h: 10 }, { ...STYLE, align: 'left' })
    a.set('a')
    const b = layer.slot()
    b.place({ x: 100, y: 0, w: 30, h: 10 }, { ...STYLE, align: 'center', color: 'red' })
    b.set('b')
    run()
    calls.length = 0
    layer.setView({ scale: 0.5, dx: 10, dy: 20, dpr: 2 })
    run()
    expect(calls).toEqual(['T 1,0,0,1,20,40', 'F a 0,5 left #222', 'F b 115,5 center red'])
  })

  it('clips only text wider than its box and its padding', () => {
    const { layer, calls, run } = setup()
    const s = layer.slot()
    s.place({ x: 0, y: 0, w: 24, h: 10, bleed: 6 }, STYLE)
    s.set('12345')
    run()
    expect(calls.some((c) => c === 'clip')).toBe(false)
    s.set('1234567')
    run()
    expect(calls).toContain('R -6,0,36,10')
    expect(calls).toContain('clip')
  })

  it('forgets removed slots and clears what they showed; nothing is drawn before attach', () => {
    const jobs: (() => void)[] = []
    const layer = new TextLayer((fn) => jobs.push(fn))
    const s = layer.slot()
    s.place({ x: 0, y: 0, w: 40, h: 10 }, STYLE)
    s.set('9')
    while (jobs.length) jobs.shift()!()
    const { g, calls } = recorder()
    layer.attach(g)
    while (jobs.length) jobs.shift()!()
    expect(calls.filter((c) => c.startsWith('F'))).toEqual(['F 9 40,5 right #222'])
    calls.length = 0
    s.remove()
    expect(layer.size).toBe(0)
    expect(calls).toEqual(['C -0.5,-0.5,41,11'])
    s.set('10')
    expect(jobs).toHaveLength(0)
  })

  it('draws nothing for an unplaced slot or empty text', () => {
    const { layer, calls, run } = setup()
    layer.slot().set('5')
    const e = layer.slot()
    e.place({ x: 0, y: 0, w: 10, h: 10 }, STYLE)
    run()
    expect(calls.filter((c) => c.startsWith('F'))).toEqual([])
  })
})

describe('overlapped', () => {
  it('marks the widgets a later widget covers, not the ones on top or apart', () => {
    const r = (x: number, y: number, w = 10, h = 10) => ({ x, y, w, h })
    // 0 is under 2; 1 touches 0 only at an edge; 3 is far away; 4 is on top of everything it meets
    expect([...overlapped([r(0, 0), r(10, 0), r(2, 2, 5, 5), r(500, 500), r(300, 300, 5, 5)])].sort()).toEqual([0])
    expect([...overlapped([r(0, 0, 1000, 1000), r(10, 10), r(600, 600)])].sort()).toEqual([0])
    expect([...overlapped([r(10, 10), r(600, 600), r(0, 0, 1000, 1000)])].sort()).toEqual([0, 1])
  })

  it('stays near-linear for a grid of thousands', () => {
    const rects = Array.from({ length: 5000 }, (_, i) => ({ x: (i % 100) * 20, y: Math.floor(i / 100) * 20, w: 19, h: 19 }))
    expect(overlapped(rects).size).toBe(0)
  })
})
