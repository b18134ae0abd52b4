import { describe, expect, it } from 'vitest'
import { alarmLevel, alarmSeverity, normalBand } from './limits'
import { formatValue, fraction, truthy } from './format'
import { validateEntry } from './entry'
import { equipmentState } from './equipment'
import { valveState } from './valve'

const LIMITS = { lolo: 0.2, lo: 0.5, hi: 4.5, hihi: 4.8 }

describe('alarm limit colouring decision', () => {
  it.each([
    [2.5, null], [4.5, 'hi'], [4.79, 'hi'], [4.8, 'hihi'], [6, 'hihi'],
    [0.5, 'lo'], [0.21, 'lo'], [0.2, 'lolo'], [-1, 'lolo'],
  ] as const)('%s -> %s', (v, want) => {
    expect(alarmLevel(v, LIMITS)).toBe(want)
  })

  it('has no alarm without limits or for non-numbers', () => {
    expect(alarmLevel(100, undefined)).toBeNull()
    expect(alarmLevel(null, LIMITS)).toBeNull()
    expect(alarmLevel(Number.NaN, LIMITS)).toBeNull()
    expect(alarmLevel(true, LIMITS)).toBeNull()
  })

  it('works with only some limits', () => {
    expect(alarmLevel(25, { hi: 20 })).toBe('hi')
    expect(alarmLevel(-5, { hi: 20 })).toBeNull()
  })

  it('maps hihi/lolo to high severity and hi/lo to medium', () => {
    expect(alarmSeverity('hihi')).toBe('high')
    expect(alarmSeverity('lolo')).toBe('high')
    expect(alarmSeverity('hi')).toBe('medium')
    expect(alarmSeverity(null)).toBeNull()
  })

  it('normal band lies between the inner limits, clipped to the scale', () => {
    expect(normalBand(0, 5, LIMITS)).toEqual({ lo: 0.5, hi: 4.5 })
    expect(normalBand(0, 5, { hihi: 9 })).toEqual({ lo: 0, hi: 5 })
    expect(normalBand(0, 100, undefined)).toEqual({ lo: 0, hi: 100 })
  })
})

describe('formatting', () => {
  it('shows --- for missing values, never 0', () => {
    expect(formatValue(null, 2)).toBe('---')
    expect(formatValue(undefined, 2)).toBe('---')
    expect(formatValue(Number.NaN, 2)).toBe('---')
    expect(formatValue(2.345, 1)).toBe('2.3')
    expect(formatValue(3, 99)).toBe('3.00')
  })

  it('fraction clamps to the scale', () => {
    expect(fraction(2.5, 0, 5)).toBe(0.5)
    expect(fraction(-1, 0, 5)).toBe(0)
    expect(fraction(9, 0, 5)).toBe(1)
    expect(fraction('x', 0, 5)).toBeNaN()
  })

  it('truthy reads BOOL-like scalars', () => {
    expect(truthy(true)).toBe(true)
    expect(truthy(0)).toBe(false)
    expect(truthy('1')).toBe(true)
    expect(truthy(null)).toBeNull()
  })
})

describe('setpoint entry validation', () => {
  it('accepts numbers within range, with comma decimals', () => {
    expect(validateEntry(' 2,5 ', 0.5, 4.5)).toEqual({ ok: true, value: 2.5 })
    expect(validateEntry('4.5', 0.5, 4.5)).toEqual({ ok: true, value: 4.5 })
  })
  it('refuses text and out-of-range values with a message key', () => {
    expect(validateEntry('abc', 0, 1)).toEqual({ ok: false, key: 'entry.notNumber' })
    expect(validateEntry('', 0, 1)).toEqual({ ok: false, key: 'entry.notNumber' })
    expect(validateEntry('0.1', 0.5, 4.5)).toEqual({ ok: false, key: 'entry.belowMin', params: { min: 0.5 } })
    expect(validateEntry('7', 0.5, 4.5)).toEqual({ ok: false, key: 'entry.aboveMax', params: { max: 4.5 } })
    expect(validateEntry('1e400', undefined, undefined)).toEqual({ ok: false, key: 'entry.notNumber' })
  })
})

describe('equipment and valve state', () => {
  it('fault wins; a bad running value is unknown, not stopped', () => {
    expect(equipmentState({ p: { running: true, fault: true }, q: { running: 'good', fault: 'good' } })).toBe('fault')
    expect(equipmentState({ p: { running: true, fault: false }, q: {} })).toBe('running')
    expect(equipmentState({ p: { running: false }, q: { running: 'good' } })).toBe('stopped')
    expect(equipmentState({ p: { running: false }, q: { running: 'bad' } })).toBe('unknown')
  })

  it('valve: position decides, travelling between end positions unless modulating', () => {
    expect(valveState({ p: { position: 50 }, q: {} }, false)).toBe('travelling')
    expect(valveState({ p: { position: 50 }, q: {} }, true)).toBe('open')
    expect(valveState({ p: { position: 1 }, q: {} }, true)).toBe('closed')
    expect(valveState({ p: { position: 99, open: false }, q: {} }, false)).toBe('open')
    expect(valveState({ p: { open: true }, q: {} }, false)).toBe('open')
    expect(valveState({ p: { open: true, position: 50 }, q: { position: 'bad', open: 'bad' } }, false)).toBe('unknown')
  })
})
