/** Number display helpers shared by numeric, bar, tank and setpoint widgets. */

/** `value` with fixed decimals; non-numbers show as `---` so a missing value never looks like zero. */
export function formatValue(value: unknown, decimals: number): string {
  if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(clampDecimals(decimals))
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string') return value
  return '---'
}

function clampDecimals(d: number): number {
  return Number.isInteger(d) && d >= 0 && d <= 10 ? d : 2
}

/** Fraction 0..1 of value in [min, max], clamped; NaN for a non-number or an empty scale. */
export function fraction(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(max > min)) return NaN
  return Math.min(1, Math.max(0, (value - min) / (max - min)))
}

/** First finite number among the candidates (prop, tag metadata, fallback). */
export function firstNumber(...xs: unknown[]): number | undefined {
  for (const x of xs) if (typeof x === 'number' && Number.isFinite(x)) return x
  return undefined
}

/** Loose boolean reading of a scalar (BOOL tags, 0/1 integers, expression results). */
export function truthy(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isFinite(v) ? v !== 0 : null
  if (typeof v === 'string') return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null
  return null
}
