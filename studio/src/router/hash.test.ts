import { describe, expect, it } from 'vitest'
import { parseHash, screenHash } from './hash'

describe('hash router', () => {
  it('reads #/screen/<name>', () => {
    expect(parseHash('#/screen/overview')).toEqual({ screen: 'overview' })
    expect(parseHash('#/screen/a%2Db')).toEqual({ screen: 'a-b' })
    expect(parseHash('#/other')).toEqual({ screen: null })
    expect(parseHash('')).toEqual({ screen: null })
    expect(parseHash('#/screen/%E0%A4%A')).toEqual({ screen: null })
  })
  it('round-trips names', () => {
    expect(parseHash(screenHash('detail_2'))).toEqual({ screen: 'detail_2' })
  })
})
