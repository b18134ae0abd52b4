/**
 * Bounded trend history: one shared time column and one value column per pen, in fixed-size typed arrays.
 * Memory never grows past `capacity` rows however long a screen stays open; the oldest rows drop first.
 * A NaN value is a gap (bad quality or no value), drawn as a break in the line.
 */
export class TrendBuffer {
  private readonly time: Float64Array
  private readonly cols: Float64Array[]
  private start = 0
  private count = 0

  constructor(readonly pens: number, readonly capacity: number) {
    if (!(capacity >= 2)) throw new RangeError('capacity must be at least 2')
    this.time = new Float64Array(capacity)
    this.cols = Array.from({ length: pens }, () => new Float64Array(capacity))
  }

  get size(): number { return this.count }

  /** Time of the newest row, or -Infinity when empty. */
  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.time[(this.start + this.count - 1) % this.capacity] ?? -Infinity
  }

  /** Append a row; `values[i]` null or non-finite = gap. */
  push(t: number, values: readonly (number | null)[]): void {
    let i: number
    if (this.count < this.capacity) {
      i = (this.start + this.count) % this.capacity
      this.count++
    } else {
      i = this.start
      this.start = (this.start + 1) % this.capacity
    }
    this.time[i] = t
    for (let p = 0; p < this.pens; p++) {
      const v = values[p]
      ;(this.cols[p] as Float64Array)[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN
    }
  }

  /** Drop rows older than `t0`, keeping the last one before it so lines enter the window from its edge. */
  trimBefore(t0: number): void {
    while (this.count > 1) {
      const next = this.time[(this.start + 1) % this.capacity] ?? Infinity
      if (next > t0) break
      this.start = (this.start + 1) % this.capacity
      this.count--
    }
  }

  /** Rows oldest first, as uPlot's aligned data: [times, pen0, pen1, ...] with null for gaps. */
  toAligned(timeScale = 1): [number[], ...(number | null)[][]] {
    const xs = new Array<number>(this.count)
    const ys = this.cols.map(() => new Array<number | null>(this.count))
    for (let k = 0; k < this.count; k++) {
      const i = (this.start + k) % this.capacity
      xs[k] = (this.time[i] as number) * timeScale
      for (let p = 0; p < this.pens; p++) {
        const v = (this.cols[p] as Float64Array)[i] as number
        ;(ys[p] as (number | null)[])[k] = Number.isNaN(v) ? null : v
      }
    }
    return [xs, ...ys]
  }
}
