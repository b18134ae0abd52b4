import { describe, expect, it } from 'vitest'
import { cellText, joinText, parseNumberCell, parseParamValue, textParts } from './fields'

describe('template editor fields', () => {
  it('parse numeric cells, keeping placeholders and bad text for validation', () => {
    expect(parseNumberCell(' 12.5 ')).toBe(12.5)
    expect(parseNumberCell('${max}')).toBe('${max}')
    expect(parseNumberCell('')).toBeUndefined()
    expect(parseNumberCell('abc')).toBe('abc')
  })

  it('parse parameter values by type', () => {
    expect(parseParamValue('x', 'string')).toBe('x')
    expect(parseParamValue('', 'string')).toBeUndefined()
    expect(parseParamValue('3', 'number')).toBe(3)
    expect(parseParamValue('three', 'number')).toBeUndefined()
    expect(parseParamValue('true', 'boolean')).toBe(true)
    expect(parseParamValue('yes', 'boolean')).toBeUndefined()
  })

  it('split and join local texts', () => {
    expect(textParts({ en: 'Run', 'zh-CN': '运行' })).toEqual({ en: 'Run', zh: '运行' })
    expect(textParts('Run')).toEqual({ en: 'Run', zh: '' })
    expect(joinText('Run', '')).toBe('Run')
    expect(joinText('', '')).toBeUndefined()
    expect(joinText('Run', '运行')).toEqual({ en: 'Run', 'zh-CN': '运行' })
    expect(cellText(undefined)).toBe('')
    expect(cellText(3)).toBe('3')
  })
})
