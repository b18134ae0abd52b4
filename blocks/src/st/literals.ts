/** Duration literals. TIME values are held in ms as float64, so `T#1.5ms` and `T#250us` keep their fraction. */

const UNIT_MS = new Map([['D', 86_400_000], ['H', 3_600_000], ['M', 60_000], ['S', 1000], ['MS', 1], ['US', 0.001], ['NS', 0.000001]])
const PART = /^(\d+(?:\.\d+)?)(MS|US|NS|D|H|M|S)/

/** Parses the part after `T#` (`1h2m3s4ms`, `-5s`, `1.5s`, `1_000ms`); null when malformed. */
export function parseTime(text: string): number | null {
  let s = text.toUpperCase().replace(/_/g, '')
  let sign = 1
  if (s.startsWith('-')) {
    sign = -1
    s = s.slice(1)
  } else if (s.startsWith('+')) s = s.slice(1)
  if (s === '') return null
  let total = 0
  let lastRank = -1
  while (s.length > 0) {
    const m = PART.exec(s)
    if (!m) return null
    const unit = m[2]!
    // Units must run from large to small (d, h, m, s, ms, us, ns), each at most once.
    const rank = [...UNIT_MS.keys()].indexOf(unit)
    if (rank <= lastRank) return null
    lastRank = rank
    total += Number(m[1]) * UNIT_MS.get(unit)!
    s = s.slice(m[0].length)
  }
  return sign * total
}

/** Formats ms as an IEC duration literal: 1500 -> `T#1s500ms`, 0 -> `T#0ms`. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return `T#${ms}ms`
  const sign = ms < 0 ? '-' : ''
  let rest = Math.abs(ms)
  let out = ''
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= size) {
      const q = Math.floor(rest / size)
      out += `${q}${unit}`
      rest -= q * size
    }
  }
  if (rest > 0 || out === '') out += `${Math.round(rest * 1e6) / 1e6}ms`
  return `T#${sign}${out}`
}
