/**
 * uPlot options for a trend. Y scales are shared per engineering unit, or one per pen (`axes: 'pen'`, each with its
 * own axis in the pen's colour). Each pen has three series: its line (average or sample) and, for aggregated
 * history, min and max drawn as a light band, so spikes inside a bucket stay visible.
 */
import type uPlot from 'uplot'
import type { ResolvedTag } from '@takt/blocks'

export const PEN_COLORS = ['#1f3f8f', '#8a4b00', '#1b6e3a', '#6a1b8a', '#444444', '#00606f', '#7a1f1f', '#505a00']
/** Dash patterns so pens differ by more than colour. */
export const PEN_DASHES: number[][] = [[], [7, 4], [2, 3], [9, 3, 2, 3], [], [7, 4], [2, 3], [9, 3, 2, 3]]

export type ScaleMode = 'auto' | 'range' | 'fixed'
export type AxesMode = 'unit' | 'pen'

export interface PenInfo { path: string; label: string; unit: string; tag: ResolvedTag | undefined }

export interface TrendOptionsInput {
  width: number
  height: number
  pens: readonly PenInfo[]
  mode: ScaleMode
  fixed: { min: number; max: number } | null
  axes?: AxesMode
  /** The x range in seconds; read at each redraw (live windows move with now). */
  xRange: () => [number, number]
}

const AXIS_FONT = '11px "Liberation Sans", "DejaVu Sans", sans-serif'
/** Most y axes drawn; further pens share the scale but have no axis of their own. */
const MAX_AXES = 4

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
  if (incrSec >= 86_400) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  if (incrSec >= 3600 && d.getHours() === 0 && d.getMinutes() === 0) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return incrSec < 60 ? `${hm}:${pad(d.getSeconds())}` : hm
}

export function scaleKeys(pens: readonly PenInfo[]): string[] {
  const units: string[] = []
  for (const p of pens) if (!units.includes(p.unit)) units.push(p.unit)
  return units
}

/** The y scale key of each pen. */
export function penScales(pens: readonly PenInfo[], axes: AxesMode): string[] {
  if (axes === 'pen') return pens.map((_, i) => `p${i}`)
  const units = scaleKeys(pens)
  return pens.map((p) => `y${units.indexOf(p.unit)}`)
}

/** `#rrggbb` with an alpha (0..1) as `#rrggbbaa`. */
export function withAlpha(hex: string, a: number): string {
  return hex + Math.round(Math.max(0, Math.min(1, a)) * 255).toString(16).padStart(2, '0')
}

export function trendOptions(o: TrendOptionsInput): uPlot.Options {
  const axesMode = o.axes ?? 'unit'
  const keys = penScales(o.pens, axesMode)
  const scales: uPlot.Scales = { x: { time: true, range: () => o.xRange() } }
  const seen: string[] = []
  o.pens.forEach((p, i) => {
    const key = keys[i]!
    if (seen.includes(key)) return
    seen.push(key)
    const r = o.mode === 'fixed' ? (o.fixed ? [o.fixed.min, o.fixed.max] as [number, number] : null)
      : o.mode === 'range' ? (axesMode === 'pen' ? (p.tag?.range && p.tag.range.max > p.tag.range.min ? [p.tag.range.min, p.tag.range.max] as [number, number] : null) : unitRange(o.pens, p.unit))
      : null
    scales[key] = r ? { auto: false, range: r } : { auto: true }
  })
  const axisBase = { stroke: '#333', font: AXIS_FONT, grid: { stroke: '#bdbdbd', width: 1 }, ticks: { stroke: '#999', width: 1 } }
  const axes: uPlot.Axis[] = [{ ...axisBase, space: 70, size: 28, values: (_u, splits, _i, _space, incr) => splits.map((x) => timeLabel(x, incr)) }]
  seen.slice(0, axesMode === 'pen' ? MAX_AXES : 2).forEach((key, n) => {
    const i = keys.indexOf(key)
    const pen = o.pens[i]!
    axes.push({
      ...axisBase, scale: key, side: n % 2 === 0 ? 3 : 1, size: 48, label: pen.unit || undefined, labelSize: 14, labelFont: AXIS_FONT,
      grid: n === 0 ? axisBase.grid : { show: false },
      ...(axesMode === 'pen' ? { stroke: PEN_COLORS[i % PEN_COLORS.length] } : {}),
    })
  })
  const series: uPlot.Series[] = [{}]
  const bands: uPlot.Band[] = []
  o.pens.forEach((p, i) => {
    const color = PEN_COLORS[i % PEN_COLORS.length]!
    const scale = keys[i]!
    series.push({ label: p.label, scale, stroke: color, dash: PEN_DASHES[i % PEN_DASHES.length], width: 1.6, spanGaps: false, points: { show: false } })
    const edge = { scale, stroke: withAlpha(color, 0.35), width: 0.75, spanGaps: false, points: { show: false } }
    series.push({ ...edge, label: `${p.label} min` }, { ...edge, label: `${p.label} max` })
    const base = 1 + i * 3
    bands.push({ series: [base + 2, base + 1], fill: withAlpha(color, 0.14) })
  })
  return {
    width: o.width,
    height: o.height,
    legend: { show: false },
    // x-only cursor line = the ruler; a click pins it (lock); dragging selects a time range to zoom into.
    cursor: { x: true, y: false, lock: true, points: { show: false }, drag: { x: true, y: false, setScale: false } },
    scales,
    axes,
    series,
    bands,
  }
}
