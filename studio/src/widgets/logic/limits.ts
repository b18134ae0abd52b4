/**
 * Alarm-limit state of an analog value (ISA-101: colour only for abnormal, and never colour alone, so every
 * state also has a text marker).
 */
import type { ResolvedTag } from '@takt/blocks'

export type AlarmLevel = 'hihi' | 'hi' | 'lo' | 'lolo'
export type Limits = NonNullable<ResolvedTag['limits']>

/** The most severe limit the value is at or beyond; null when normal or not a number. */
export function alarmLevel(value: unknown, limits: Limits | undefined): AlarmLevel | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || !limits) return null
  if (limits.hihi !== undefined && value >= limits.hihi) return 'hihi'
  if (limits.lolo !== undefined && value <= limits.lolo) return 'lolo'
  if (limits.hi !== undefined && value >= limits.hi) return 'hi'
  if (limits.lo !== undefined && value <= limits.lo) return 'lo'
  return null
}

/** Text marker shown beside an alarming value. */
export const ALARM_MARK: Record<AlarmLevel, string> = { hihi: 'HH', hi: 'H', lo: 'L', lolo: 'LL' }

/** Severity class: high-priority (red) for hihi/lolo, medium (amber) for hi/lo. */
export function alarmSeverity(level: AlarmLevel | null): 'high' | 'medium' | null {
  if (level === null) return null
  return level === 'hihi' || level === 'lolo' ? 'high' : 'medium'
}

/**
 * The normal band of a scale: between the innermost lo and hi limits (or the whole range without limits).
 */
export function normalBand(min: number, max: number, limits: Limits | undefined): { lo: number; hi: number } {
  const lo = limits?.lo ?? limits?.lolo ?? min
  const hi = limits?.hi ?? limits?.hihi ?? max
  return { lo: Math.max(min, lo), hi: Math.min(max, hi) }
}
