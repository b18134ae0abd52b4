import { describe, expect, it } from 'vitest'
import { compileMessage, defaultAlarmMessage, formatAlarmValue, pickLocalText, renderAlarmMessage } from './message.js'

describe('alarm messages', () => {
  const text = { en: 'Tank level {value} above {Tank1/HiLimit} (pump {Tank1/Pump/Running})', 'zh-CN': '罐液位 {value} 高于 {Tank1/HiLimit}' }
  const get = (p: string) => ({ 'Tank1/HiLimit': 90, 'Tank1/Pump/Running': true } as Record<string, number | boolean>)[p] ?? null

  it('fills {value} and {Tag/Path} per locale', () => {
    const r = compileMessage(text)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.message.refs).toEqual(['Tank1/HiLimit', 'Tank1/Pump/Running'])
    expect(r.message.render('en', { value: 93.25, unit: '%', get })).toBe('Tank level 93.25 % above 90 (pump true)')
    expect(r.message.render('zh-CN', { value: 93.25, unit: '%', get })).toBe('罐液位 93.25 % 高于 90')
    expect(r.message.render('zh', { value: 1, get })).toBe('罐液位 1 高于 90')
    expect(r.message.render('de', { value: 1, get })).toMatch(/^Tank level 1 /)
  })

  it('bad values, rounding, decimals and a custom format', () => {
    expect(renderAlarmMessage('{value} / {Missing/Tag}', 'hi', 'en', { value: null, get })).toBe('??? / ???')
    expect(renderAlarmMessage('{value}', 'hi', 'en', { value: 1 / 3 })).toBe('0.333')
    expect(renderAlarmMessage('{value}', 'hi', 'en', { value: 2, decimals: 2 })).toBe('2.00')
    expect(renderAlarmMessage('{value} {Tank1/HiLimit}', 'hi', 'en', { value: 2, get, format: (v, p) => `<${p ?? 'self'}=${String(v)}>` })).toBe('<self=2> <Tank1/HiLimit=90>')
    expect(formatAlarmValue(Infinity, undefined, {})).toBe('???')
  })

  it('keeps unknown placeholders and escaped braces as written', () => {
    expect(renderAlarmMessage('{{value}} {not a tag} {value', 'hi', 'en', { value: 5 })).toBe('{value} {not a tag} {value')
  })

  it('defaults per kind in English and Chinese', () => {
    expect(renderAlarmMessage(undefined, 'hihi', 'en', { value: 99 })).toBe('High-high 99')
    expect(renderAlarmMessage(undefined, 'badQuality', 'zh-CN', { value: null })).toBe('信号质量坏 ???')
    expect(pickLocalText(defaultAlarmMessage('lo'), 'zh-CN')).toBe('低限报警 {value}')
    expect(pickLocalText({ fr: 'x' }, 'en')).toBe('x')
  })
})
