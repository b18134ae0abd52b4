/**
 * IEC 61131-3 TIME literals for the editor: the engine holds TIME as milliseconds; engineers read and type
 * `T#1m30s`. Parsing accepts what PLC IDEs accept (`T#`, `TIME#`, any case, `_` separators, fractions) and a bare
 * number as milliseconds.
 */

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
]
const UNIT_MS: Record<string, number> = Object.fromEntries(UNITS)

/** `90500` -> `T#1m30s500ms`; `0` -> `T#0ms`. Fractions of a millisecond are kept as `ms` decimals. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms === 0) return 'T#0ms'
  const sign = ms < 0 ? '-' : ''
  let rest = Math.abs(ms)
  let out = ''
  for (const [unit, size] of UNITS) {
    if (unit === 'ms') {
      // Rounding keeps float noise (0.1 + 0.2) out of the display; 3 decimals is finer than any scan.
      const v = Math.round(rest * 1000) / 1000
      if (v !== 0) out += `${v}ms`
      break
    }
    const n = Math.floor(rest / size)
    if (n > 0) {
      out += `${n}${unit}`
      rest -= n * size
    }
  }
  return `T#${sign}${out || '0ms'}`
}

/** Parses a TIME literal or a bare number (ms). Returns null when the text is not a duration. */
export function parseTime(text: string): number | null {
  let s = text.trim().replace(/_/g, '')
  if (s === '') return null
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number(s)
  s = s.replace(/^(t|time)#/i, '')
  let sign = 1
  if (s.startsWith('-')) {
    sign = -1
    s = s.slice(1)
  } else if (s.startsWith('+')) s = s.slice(1)
  const re = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/iy
  let total = 0
  let matched = false
  let lastRank = -1
  while (re.lastIndex < s.length) {
    const m = re.exec(s)
    if (!m) return null
    const unit = m[2]!.toLowerCase()
    const rank = UNITS.findIndex(([u]) => u === unit)
    // Units must run from large to small, each once (`T#1s2m` is a typo, not 2m1s).
    if (rank <= lastRank) return null
    lastRank = rank
    total += Number(m[1]) * UNIT_MS[unit]!
    matched = true
  }
  return matched ? sign * total : null
}
