/** Bench helpers: every figure is printed as one line `BENCH <name> <median> <unit>` (DEVELOPERS.md). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

export function report(name: string, value: number, unit: string, note?: string): void {
  const v = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3)
  console.log(`BENCH ${name} ${v} ${unit}${note ? `  # ${note}` : ''}`)
}

/** Repeat `fn` `runs` times (after `warmup` unmeasured runs) and return each run's result. */
export async function repeat<T>(runs: number, fn: (i: number) => Promise<T> | T, warmup = 0): Promise<T[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const out: T[] = []
  for (let i = 0; i < runs; i++) out.push(await fn(i))
  return out
}
