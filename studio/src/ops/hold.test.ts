import { describe, expect, it } from 'vitest'
import { createHold } from './hold'

describe('createHold', () => {
  it('holds while any holder has not released, counts a double release once, and calls onIdle at the last release', () => {
    let idle = 0
    const h = createHold(() => { idle++ })
    const a = h.acquire()
    const b = h.acquire()
    expect(h.holding.value).toBe(true)
    a()
    a()
    expect(h.holding.value).toBe(true)
    expect(idle).toBe(0)
    b()
    expect(h.holding.value).toBe(false)
    expect(idle).toBe(1)
  })
})
