/** uPlot options for a trend: one y scale per engineering unit, axes for the first two units. */
import type uPlot from 'uplot'
import type { ResolvedTag } from '@takt/blocks'

export const PEN_COLORS = ['#1f3f8f', '#8a4b00', '#1b6e3a', '#6a1b8a', '#444444', '#00606f', '#7a1f1f', '#505a00']
/** Dash patterns so pens differ by more than colour. */
export const PEN_DASHES: number[][] = [[], [7, 4], [2, 3], [9, 3, 2, 3], [], [7, 4], [2, 3], [9, 3, 2, 3]]

export type ScaleMode = 'auto' | 'range' | 'fixed'

export interface PenInfo { path: string; label: string; unit: string; tag: ResolvedTag | undefined }

export interface TrendOptionsInput {
  width: number
  height: number
  pens: readonly PenInfo[]
  windowSec: number
  mode: ScaleMode
  fixed: { min: number; max: number } | null
  /** Seconds of the right edge ("now"); read at each redraw. */
  now: () => number
}

const AXIS_FONT = '11px "Liberation Sans", "DejaVu Sans", sans-serif'

function unitRange(pens: readonly PenInfo[], unit: string): [number, number] | null {
  let lo = Infinity
  let hi = -Infinity
  for (const p of pens) {
    if (p.unit !== unit || !p.tag?.range) continue
    lo = Math.min(lo, p.tag.range.min)
    hi = Math.max(hi, p.tag.range.max)
  }
  return hi > lo ? [lo, hi] : null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Local 24 h clock time of a tick (seconds), with seconds only when ticks are less than a minute apart. */
export function timeLabel(sec: number, incrSec: number): string {
  const d = new Date(sec * 1000)
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  return incrSec < 60 ? `${hm}:${pad(d.getSeconds())}` : hm
}

export function scaleKeys(pens: readonly PenInfo[]): string[] {
  const units: string[] = []
  for (const p of pens) if (!units.includes(p.unit)) units.push(p.unit)
  return units
}

export function trendOptions(o: TrendOptionsInput): uPlot.Options {
  const units = scaleKeys(o.pens)
  const scales: uPlot.Scales = {
    x: { time: true, range: () => { const n = o.now(); return [n - o.windowSec, n] } },
  }
  units.forEach((u, i) => {
    const key = `y${i}`
    const fixed = o.mode === 'fixed' ? (o.fixed ? [o.fixed.min, o.fixed.max] as [number, number] : null)
      : o.mode === 'range' ? unitRange(o.pens, u) : null
    scales[key] = fixed ? { auto: false, range: fixed } : { auto: true }
  })
  const axisBase = { stroke: '#333', font: AXIS_FONT, grid: { stroke: '#bdbdbd', width: 1 }, ticks: { stroke: '#999', width: 1 } }
  const axes: uPlot.Axis[] = [{ ...axisBase, space: 70, size: 28, values: (_u, splits, _i, _space, incr) => splits.map((x) => timeLabel(x, incr)) }]
  units.slice(0, 2).forEach((u, i) => {
    axes.push({
      ...axisBase, scale: `y${i}`, side: i === 0 ? 3 : 1, size: 48, label: u || undefined, labelSize: 14, labelFont: AXIS_FONT,
      grid: i === 0 ? axisBase.grid : { show: false },
    })
  })
  return {
    width: o.width,
    height: o.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales,
    axes,
    series: [
      {},
      ...o.pens.map((p, i) => ({
        label: p.label,
        scale: `y${units.indexOf(p.unit)}`,
        stroke: PEN_COLORS[i % PEN_COLORS.length],
        dash: PEN_DASHES[i % PEN_DASHES.length],
        width: 1.6,
        spanGaps: false,
        points: { show: false },
      })),
    ],
  }
}
