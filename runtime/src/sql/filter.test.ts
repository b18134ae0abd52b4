import { describe, expect, it } from 'vitest'
import { SqlFilter } from './filter.js'

describe('SqlFilter', () => {
  it('keeps only given filters, values as parameters', () => {
    const f = new SqlFilter().add('a = ?', 1).add('b = ?', undefined).add('(c = ? OR c LIKE ?)', 'x', 'x/%')
    expect(f.where).toBe('WHERE a = ? AND (c = ? OR c LIKE ?)')
    expect(f.args).toEqual([1, 'x', 'x/%'])
    expect(new SqlFilter().add('a = ?', undefined).where).toBe('')
  })
})
