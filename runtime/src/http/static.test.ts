import { describe, expect, it } from 'vitest'
import { safeJoin } from './static.js'

describe('safeJoin', () => {
  it('resolves paths inside the root', () => {
    expect(safeJoin('/srv/www', '/index.html')).toBe('/srv/www/index.html')
    expect(safeJoin('/srv/www', '/assets/a.js')).toBe('/srv/www/assets/a.js')
  })
  it('refuses traversal in every spelling', () => {
    for (const p of ['/../etc/passwd', '/a/../../etc/passwd', '/%2e%2e/etc/passwd', '/..%2fetc/passwd', '/a%5c..%5c..%5cetc', '/x%00.html', '/%E0%A4%A'])
      expect(safeJoin('/srv/www', p), p).toBeNull()
  })
})
